import * as assert from 'node:assert/strict';
import {
  DEFAULT_ONBOARDING,
  EMPTY_CATALOG,
  proposeOnboarding,
  renderProposalYaml,
  validateProposal,
} from '../../../src/onboarding';
import { MemoryFileSystem } from '../support/memoryFileSystem';

async function propose(
  files: Record<string, string>,
  options: { symlinks?: Record<string, string>; folder?: string; maxEntries?: number } = {},
) {
  const fs = new MemoryFileSystem(files, { symlinks: options.symlinks ?? {} });
  const proposal = await proposeOnboarding({
    fs,
    boundary: '/ws',
    folder: options.folder ?? '/ws/repo',
    catalog: EMPTY_CATALOG,
    defaults: DEFAULT_ONBOARDING,
    ...(options.maxEntries
      ? { budget: { maxFileBytes: 512 * 1024, maxEntries: options.maxEntries, maxDepth: 8 } }
      : {}),
  });
  return { proposal, fs };
}

describe('onboarding: hostile inputs', () => {
  it('a manifest past the size cap is not read; the note says why and the folder name is used', async () => {
    const huge = `{"name": "huge", "description": "${'x'.repeat(600 * 1024)}"}`;
    const { proposal, fs } = await propose({ '/ws/repo/package.json': huge });
    assert.equal(proposal.components[0]?.name.value, 'repo');
    assert.ok(proposal.notes.some((note) => /package\.json is \d+ bytes, above the read limit/.test(note)));
    assert.ok(!fs.reads.includes('/ws/repo/package.json'), 'the oversized file was never opened');
  });

  it('malformed JSON, TOML and XML manifests become notes, never crashes', async () => {
    for (const [file, content] of [
      ['package.json', '{"name": '],
      ['Cargo.toml', '[package\nname = "x"'],
      ['pom.xml', '<project><artifactId>x</project>'],
      ['pyproject.toml', 'name = "a"\nname = "b"'],
      ['go.mod', 'go 1.22\n'],
    ]) {
      const { proposal } = await propose({ [`/ws/repo/${file}`]: content ?? '' });
      assert.equal(proposal.components[0]?.name.value, 'repo', file);
      assert.ok(
        proposal.notes.some((note) => note.includes(file ?? '')),
        `${file}: ${proposal.notes.join(' | ')}`,
      );
    }
  });

  it('`__proto__` keys in package.json neither pollute nor become dependencies of Object.prototype', async () => {
    const manifest =
      '{"name": "proto", "__proto__": {"name": "evil", "bin": "x"}, "dependencies": {"__proto__": "1", "constructor": "2"}, "workspaces": {"__proto__": ["*"]}}';
    const { proposal } = await propose({ '/ws/repo/package.json': manifest });
    assert.equal(proposal.components[0]?.name.value, 'proto');
    assert.equal(proposal.components[0]?.type?.value, 'library', 'an own "__proto__" key is not a "bin"');
    assert.equal(({} as Record<string, unknown>)['bin'], undefined);
  });

  it('a link loop ends and a link out of the workspace is not followed', async () => {
    const { proposal, fs } = await propose(
      {
        '/ws/repo/package.json': '{"name": "looped"}',
        '/ws/repo/src/index.js': '',
        '/outside/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Secret\n',
        '/outside/package.json': '{"name": "outside"}',
      },
      {
        symlinks: {
          '/ws/repo/src/again': '/ws/repo/src',
          '/ws/repo/src/up': '/ws/repo',
          '/ws/repo/leak': '/outside',
          '/ws/repo/api.yaml': '/outside/openapi.yaml',
        },
      },
    );
    assert.equal(proposal.components[0]?.name.value, 'looped');
    assert.deepEqual(proposal.components[0]?.apis, []);
    assert.ok(
      !fs.reads.some((read) => read.startsWith('/outside') || read.includes('/leak/') || read.endsWith('api.yaml')),
      fs.reads.join(', '),
    );
  });

  it('a CODEOWNERS link out of the workspace is not read', async () => {
    const { proposal, fs } = await propose(
      { '/ws/repo/package.json': '{"name": "owned"}', '/secrets/owners': '* @evil/team\n' },
      { symlinks: { '/ws/repo/CODEOWNERS': '/secrets/owners' }, folder: '/ws/repo' },
    );
    assert.equal(proposal.components[0]?.owner, undefined);
    assert.ok(
      !fs.reads.some((read) => read.startsWith('/secrets') || read.endsWith('CODEOWNERS')),
      fs.reads.join(', '),
    );
  });

  it('a .git file pointing outside the workspace gives no annotations and reads nothing there', async () => {
    const { proposal, fs } = await propose({
      '/ws/repo/package.json': '{"name": "wt"}',
      '/ws/repo/.git': 'gitdir: /elsewhere/.git/worktrees/wt\n',
      '/elsewhere/.git/worktrees/wt/HEAD': 'ref: refs/heads/main\n',
    });
    assert.equal(proposal.components[0]?.annotations.size, 0);
    assert.ok(proposal.notes.some((note) => note.startsWith('No repository annotations')));
    assert.ok(!fs.reads.some((read) => read.startsWith('/elsewhere')));
  });

  it('stops walking at the entry cap and says so', async () => {
    const files: Record<string, string> = { '/ws/repo/package.json': '{"name": "big"}' };
    for (let index = 0; index < 300; index++) {
      files[`/ws/repo/src/file${index}.js`] = '';
    }
    files['/ws/repo/zzz/openapi.yaml'] = 'openapi: 3.0.0\n';
    const { proposal } = await propose(files, { maxEntries: 50 });
    assert.ok(proposal.notes.some((note) => note.includes('walk stopped after 50 entries')));
  });

  it('skips node_modules, vendor and .git when looking for API definitions', async () => {
    const spec = 'openapi: 3.0.0\ninfo:\n  title: Dep\n';
    const { proposal } = await propose({
      '/ws/repo/go.mod': 'module example.com/svc\n',
      '/ws/repo/node_modules/x/openapi.yaml': spec,
      '/ws/repo/vendor/y/openapi.yaml': spec,
      '/ws/repo/test/fixtures/openapi.yaml': spec,
    });
    assert.deepEqual(proposal.components[0]?.apis, []);
  });

  it('a folder outside the boundary is refused', async () => {
    await assert.rejects(propose({ '/other/package.json': '{}' }, { folder: '/other' }), /not a folder inside \/ws/);
  });

  it('reasons with newlines cannot forge YAML lines, and the result still validates', async () => {
    const { proposal } = await propose({
      '/ws/repo/package.json': '{"name": "x", "description": "line one\\nowner: attacker\\n# fake"}',
    });
    const text = renderProposalYaml(proposal);
    assert.ok(!/^owner: attacker/m.test(text), text);
    const problems = await validateProposal(text, proposal.descriptorPath, '/ws');
    assert.deepEqual(
      problems.filter((problem) => problem.severity === 'error'),
      [],
    );
  });
});
