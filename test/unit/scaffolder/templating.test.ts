import * as assert from 'node:assert/strict';
import {
  parseEntityRefFilter,
  parseRepoUrl,
  pick,
  projectSlug,
  renderTemplateString,
  renderText,
  ScaffolderError,
} from '../../../src/scaffolder';

const SOURCE = { file: '/t/skeleton/README.md' };

function render(text: string, context: object = {}): string {
  return renderText(text, context, SOURCE);
}

function renderError(text: string, source: { file: string; line?: number; column?: number } = SOURCE): ScaffolderError {
  try {
    renderText(text, { values: { name: 'x' } }, source);
  } catch (error) {
    assert.ok(error instanceof ScaffolderError, String(error));
    assert.equal(error.kind, 'rendering');
    return error;
  }
  return assert.fail(`rendered without error: ${text}`);
}

describe('templating', () => {
  describe('Backstage filters', () => {
    it('parseRepoUrl reads RepoUrlPicker values', () => {
      assert.deepEqual(parseRepoUrl('github.com?owner=larkspur&repo=player'), {
        host: 'github.com',
        owner: 'larkspur',
        repo: 'player',
      });
      assert.deepEqual(parseRepoUrl('gitlab.example.com?owner=group%2Fsub&repo=svc'), {
        host: 'gitlab.example.com',
        owner: 'group/sub',
        repo: 'svc',
      });
      assert.deepEqual(parseRepoUrl('gitlab.com?project=42&repo=svc'), {
        host: 'gitlab.com',
        project: '42',
        repo: 'svc',
      });
      assert.deepEqual(parseRepoUrl('bitbucket.org?workspace=ws&project=PRJ&repo=r'), {
        host: 'bitbucket.org',
        workspace: 'ws',
        project: 'PRJ',
        repo: 'r',
      });
      assert.deepEqual(parseRepoUrl('dev.azure.com?organization=org&project=p&repo=r'), {
        host: 'dev.azure.com',
        organization: 'org',
        project: 'p',
        repo: 'r',
      });
      assert.throws(
        () => parseRepoUrl('github.com?repo=only'),
        /parseRepoUrl: invalid repo URL "github\.com\?repo=only", missing owner/,
      );
      assert.throws(() => parseRepoUrl(''), /parseRepoUrl: expected a repo URL/);
    });

    it('projectSlug gives owner/repo', () => {
      assert.equal(projectSlug('github.com?owner=larkspur&repo=player'), 'larkspur/player');
    });

    it('parseEntityRef applies defaults and refuses refs without a kind', () => {
      assert.deepEqual(parseEntityRefFilter('group:platform/team-a'), {
        kind: 'group',
        namespace: 'platform',
        name: 'team-a',
      });
      assert.deepEqual(parseEntityRefFilter('team-a', { defaultKind: 'group', defaultNamespace: 'ops' }), {
        kind: 'group',
        namespace: 'ops',
        name: 'team-a',
      });
      assert.throws(() => parseEntityRefFilter('team-a'), /parseEntityRef: .*missing or empty kind/);
    });

    it('pick reads nested own data and nothing inherited', () => {
      const value = { a: { b: [{ c: 'deep' }] } };
      assert.equal(pick(value, 'a.b[0].c'), 'deep');
      assert.equal(pick(value, 'a.missing.c'), undefined);
      assert.equal(pick(value, 'constructor'), undefined);
      assert.equal(pick(value, 'a.constructor.constructor'), undefined);
      assert.equal(pick('text', 'length'), undefined);
    });

    it('are available in templates, chained as in Backstage examples', () => {
      const context = { parameters: { owner: 'group:default/team-a', repoUrl: 'github.com?owner=o&repo=r' } };
      assert.equal(render("${{ parameters.owner | parseEntityRef | pick('name') }}", context), 'team-a');
      assert.equal(
        render('${{ (parameters.repoUrl | parseRepoUrl).host }}/${{ parameters.repoUrl | projectSlug }}', context),
        'github.com/o/r',
      );
      assert.equal(render("${{ 'team-b' | parseEntityRef({ defaultKind: 'group' }) | pick('kind') }}"), 'group');
    });
  });

  describe('renderText', () => {
    it('is configured like Backstage: ${{ }} expressions, {% %} blocks, no escaping, undefined as empty', () => {
      assert.equal(
        render('<${{ v }}> & ${{ missing.deep.value }}|{% if flag %}on{% endif %}', { v: '"<b>"', flag: true }),
        '<"<b>"> & |on',
      );
      assert.equal(render('{{ not an expression }} {# comment #}'), '{{ not an expression }} ');
      assert.equal(render('{% raw %}${{ github.sha }}{% endraw %}'), '${{ github.sha }}');
    });

    it('keeps templates away from host objects: no constructor climbing, no inherited names', () => {
      assert.equal(render('${{ constructor }}|${{ valueOf }}|${{ toString }}|${{ __proto__ }}'), '|||');
      assert.equal(render("${{ v.constructor }}|${{ v['constructor'] }}|${{ v.__proto__ }}", { v: 'x' }), '||');
      assert.throws(() => render("${{ range.constructor('return process')() }}"), /Unable to call/);
      assert.throws(() => render("${{ ''.constructor.constructor('return process')() }}"), /Unable to call/);
      assert.throws(
        () => render("${{ (v | pick('constructor.constructor'))('return process')() }}", { v: {} }),
        /Unable to call/,
      );
      // Ordinary methods of values still work.
      assert.equal(render("${{ v.toUpperCase() }}-${{ v.split('-') | join('_') }}", { v: 'a-b' }), 'A-B-a_b');
    });

    it('reads no files: include, import and extends fail', () => {
      assert.equal(renderError('{% include "/etc/passwd" %}').detail, 'template not found: /etc/passwd');
      // The realm has no path module: the name is reported as written, not resolved against the file.
      assert.equal(
        renderError('{% extends "../../template.yaml" %}').detail,
        'template not found: ../../template.yaml',
      );
      assert.equal(renderError('{% import "x.njk" as x %}').detail, 'template not found: x.njk');
    });
  });

  describe('renderTemplateString (step inputs)', () => {
    const context = {
      parameters: { flag: true, count: 3, tags: ['a', 'b'], repo: { owner: 'o' }, nothing: null, name: 'svc' },
    };
    const renderInput = (value: string): unknown => renderTemplateString(value, context, SOURCE);

    it('keeps the JSON type of a string that is exactly one expression', () => {
      assert.equal(renderInput('${{ parameters.flag }}'), true);
      assert.equal(renderInput('${{ parameters.count }}'), 3);
      assert.deepEqual(renderInput('${{ parameters.tags }}'), ['a', 'b']);
      assert.deepEqual(renderInput('${{parameters.repo}}'), { owner: 'o' });
      assert.equal(renderInput('${{ parameters.nothing }}'), null);
      assert.equal(renderInput("${{ parameters.count > 2 and 'big' }}"), 'big');
      assert.equal(renderInput('${{ parameters.tags | length }}'), 2);
    });

    it('makes mixed text a string and an empty result undefined (an expression giving "" stays "")', () => {
      assert.equal(renderInput('n=${{ parameters.count }}'), 'n=3');
      assert.equal(renderInput(' ${{ parameters.flag }}'), ' true');
      assert.equal(renderInput('${{ parameters.count }}${{ parameters.count }}'), '33');
      assert.equal(renderInput('${{ parameters.missing }}'), undefined);
      assert.equal(renderInput("${{ 'x' if parameters.missing }}"), '');
      assert.equal(renderInput('{{ literal }}{% if parameters.missing %}x{% endif %}'), '{{ literal }}');
      assert.equal(renderInput('{% if parameters.missing %}x{% endif %}'), undefined);
      assert.equal(renderInput('plain'), 'plain');
    });
  });

  describe('rendering errors', () => {
    it('name the file and the line of a syntax error, with its column', () => {
      const error = renderError('# Title\n\n{% if %}\n');
      assert.deepEqual(
        [error.location?.file, error.location?.line, error.location?.column],
        ['/t/skeleton/README.md', 3, 7],
      );
      assert.match(error.message, /^\/t\/skeleton\/README\.md:3:7: unexpected token: %}$/);
    });

    it('name the line of a failing call (nunjucks counts those lines from 0)', () => {
      const error = renderError('a\nb\n  ${{ nothing() }}\n');
      assert.equal(error.location?.line, 3);
      assert.match(error.detail, /Unable to call `nothing`, which is undefined or falsey/);
    });

    it('find the line of an unknown or failing filter, which nunjucks does not report', () => {
      assert.equal(renderError('one\ntwo ${{ values.name | nosuchfilter }}\n').location?.line, 2);
      const failing = renderError("one\ntwo\nthree ${{ 'nope' | parseRepoUrl }}\n");
      assert.equal(failing.location?.line, 3);
      assert.match(failing.detail, /parseRepoUrl: invalid repo URL "nope", missing repo, owner/);
    });

    it('find the opening line of a block that never closes', () => {
      const error = renderError('# ${{ values.name }}\n\n{% if values.name %}\nno end\n');
      assert.equal(error.location?.line, 3);
      assert.match(error.detail, /expected elif, else, or endif, got end of file/);
    });

    it('offset lines and columns by where the text starts in its file (a value in template.yaml)', () => {
      const error = renderError('${{ values.name | }}', { file: '/t/template.yaml', line: 40, column: 16 });
      assert.equal(error.location?.line, 40);
      assert.ok((error.location?.column ?? 0) > 16);
    });
  });
});
