import * as assert from 'node:assert/strict';
import { normalizeRepoUrl, parseRepoUrl, repoUrlRules, resultSubfolder } from '../../../src/scaffolder';

function valueOf(input: string, rules = {}): string {
  const answer = normalizeRepoUrl(input, rules);
  assert.ok('value' in answer, `${input} should be accepted, got ${'error' in answer ? answer.error : ''}`);
  return answer.value;
}

function errorOf(input: string, rules = {}): string {
  const answer = normalizeRepoUrl(input, rules);
  assert.ok('error' in answer, `${input} should be refused, got ${'value' in answer ? answer.value : ''}`);
  return answer.error;
}

describe('normalizeRepoUrl', () => {
  const forms = [
    'https://github.com/larkspur/order-history',
    'https://github.com/larkspur/order-history/',
    'https://github.com/larkspur/order-history.git',
    'https://github.com/larkspur/order-history/tree/main/src',
    'http://github.com/larkspur/order-history',
    'github.com/larkspur/order-history',
    'GitHub.com/larkspur/order-history',
    'git@github.com:larkspur/order-history.git',
    'ssh://git@github.com/larkspur/order-history.git',
    'github.com?owner=larkspur&repo=order-history',
    '  github.com?owner=larkspur&repo=order-history  ',
  ];
  for (const form of forms) {
    it(`gives Backstage's form for ${JSON.stringify(form)}`, () => {
      const value = valueOf(form);
      assert.equal(value, 'github.com?owner=larkspur&repo=order-history');
      assert.deepEqual(parseRepoUrl(value), { host: 'github.com', owner: 'larkspur', repo: 'order-history' });
    });
  }

  it('keeps GitLab subgroups as the owner and drops the /-/ suffix', () => {
    assert.deepEqual(parseRepoUrl(valueOf('https://gitlab.example.com/team/sub/svc/-/tree/main')), {
      host: 'gitlab.example.com',
      owner: 'team/sub',
      repo: 'svc',
    });
  });

  it('refuses a location without owner or repository, and says which forms work', () => {
    assert.match(errorOf('github.com'), /owner and a repository name.*git@github\.com/);
    assert.match(errorOf('https://github.com/larkspur'), /owner and a repository/);
    assert.match(errorOf('github.com?owner=larkspur'), /missing repo/);
  });

  it('refuses credentials, other schemes and traversal', () => {
    assert.match(errorOf('https://token:x@github.com/o/r'), /user name or password/);
    assert.match(errorOf('https://github.com@evil.example/o/r'), /user name or password/);
    assert.match(errorOf('javascript://github.com/o/r'), /not a repository location/);
    assert.match(errorOf('file:///etc/passwd'), /not a repository location/);
    assert.match(errorOf('github.com/../r'), /not a valid owner/);
    assert.match(errorOf('github.com/o/..'), /not a valid owner/);
    assert.match(errorOf('github.com/o/r%2F..'), /not a valid owner/);
  });

  it('refuses whitespace, control characters and odd hosts', () => {
    assert.match(errorOf('github.com/o/r\nevil'), /spaces, control characters/);
    assert.match(errorOf('github.com/o /r'), /spaces/);
    assert.match(errorOf('git hub.com/o/r'), /spaces/);
    assert.match(errorOf('-evil.com/o/r'), /not a host name/);
    assert.match(errorOf(''), /Enter a repository location/);
  });

  it('encodes what it copies into the query', () => {
    const value = valueOf('github.com/o.x/r_y-z');
    assert.equal(value, 'github.com?owner=o.x&repo=r_y-z');
  });

  it("applies the field's allowedHosts / allowedOwners", () => {
    const rules = repoUrlRules({ allowedHosts: ['github.com'], allowedOwners: ['larkspur', 7] });
    assert.deepEqual(rules, { allowedHosts: ['github.com'], allowedOwners: ['larkspur'] });
    assert.equal(valueOf('https://github.com/larkspur/x', rules), 'github.com?owner=larkspur&repo=x');
    assert.match(errorOf('https://gitlab.com/larkspur/x', rules), /host must be one of: github\.com/);
    assert.match(errorOf('https://github.com/someone/x', rules), /owner must be one of: larkspur/);
  });
});

describe('resultSubfolder', () => {
  it('adds nothing when the template writes into one folder of its own', () => {
    assert.equal(
      resultSubfolder([{ path: 'svc/README.md' }, { path: 'svc/catalog-info.yaml' }], { name: 'svc' }, 'node-service'),
      undefined,
    );
  });

  it('writes a root-level template into a folder named after the component', () => {
    const files = [{ path: 'README.md' }, { path: 'catalog-info.yaml' }];
    assert.equal(resultSubfolder(files, { name: 'order-history' }, 't'), 'order-history');
    assert.equal(resultSubfolder(files, { component_id: 'billing' }, 't'), 'billing');
    assert.equal(resultSubfolder([{ path: 'README.md' }, { path: 'src/index.ts' }], { componentId: 'x' }, 't'), 'x');
  });

  it('falls back to the template name when the name is missing or unsafe', () => {
    const files = [{ path: 'README.md' }];
    assert.equal(resultSubfolder(files, { name: '../escape' }, 'workspace-template'), 'workspace-template');
    assert.equal(resultSubfolder(files, { name: '..' }, 'bad/name'), 'new-component');
    assert.equal(resultSubfolder(files, Object.create({ name: 'inherited' }) as Record<string, unknown>, 'tpl'), 'tpl');
  });

  it('adds nothing for an empty result', () => {
    assert.equal(resultSubfolder([], { name: 'x' }, 't'), undefined);
  });
});
