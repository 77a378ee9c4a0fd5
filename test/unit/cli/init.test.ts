import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fixtureFiles } from '../onboarding/onboardingFixtures';
import { runCli } from '../support/runCli';

/** A real folder holding a copy of an onboarding fixture (with its `.git`), plus a catalog of groups. */
function workspaceWith(fixture: string): { root: string; repo: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'greenroom-init-'));
  for (const [file, text] of Object.entries(fixtureFiles(fixture, path.join(root, fixture)))) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  mkdirSync(path.join(root, 'org'));
  writeFileSync(
    path.join(root, 'org', 'catalog-info.yaml'),
    ['maintainers', 'platform']
      .map(
        (name) =>
          `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`,
      )
      .join('---\n'),
  );
  return { root, repo: path.join(root, fixture) };
}

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true }).map(String).sort();
}

describe('greenroom init', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prints the proposal with its reasons and writes nothing; open questions go to stderr', async () => {
    const workspace = workspaceWith('express');
    root = workspace.root;
    const before = listing(root);
    const run = await runCli('init', workspace.repo, '--workspace', root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /name: express # name: express\/package.json/);
    assert.match(run.stdout, /github.com\/project-slug: expressjs\/express # the origin remote/);
    assert.match(run.stdout, /owner: unknown # ASK owner: .*choose one of: maintainers, platform/);
    assert.match(run.stderr, /owner not inferred .* pass --owner/);
    assert.deepEqual(listing(root), before);
  });

  it('--write refuses while questions are open, then writes a descriptor that `greenroom validate` accepts', async () => {
    const workspace = workspaceWith('ripgrep');
    root = workspace.root;
    const refused = await runCli('init', workspace.repo, '--workspace', root, '--write');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /nothing written/);
    assert.ok(!existsSync(path.join(workspace.repo, 'catalog-info.yaml')));

    const written = await runCli(
      'init',
      workspace.repo,
      '--workspace',
      root,
      '--write',
      '--owner',
      'platform',
      '--type',
      'tool',
    );
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    const text = readFileSync(path.join(workspace.repo, 'catalog-info.yaml'), 'utf8');
    assert.equal((text.match(/^kind: Component$/gm) ?? []).length, 6);
    const validate = await runCli('validate', root);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stdout, /8 entities, 0 errors, 0 warnings/);
  });

  it('never overwrites an existing catalog-info.yaml without --force, and says so', async () => {
    const workspace = workspaceWith('cobra');
    root = workspace.root;
    const descriptor = path.join(workspace.repo, 'catalog-info.yaml');
    writeFileSync(descriptor, '# mine\n');
    const refused = await runCli('init', workspace.repo, '--workspace', root, '--write', '--owner', 'platform');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists; nothing written \(--force replaces it\)/);
    assert.equal(readFileSync(descriptor, 'utf8'), '# mine\n');
    const forced = await runCli(
      'init',
      workspace.repo,
      '--workspace',
      root,
      '--write',
      '--force',
      '--owner',
      'platform',
    );
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /replaced/);
    assert.match(readFileSync(descriptor, 'utf8'), /name: cobra/);
  });

  it('maps a CODEOWNERS handle with --map-handle and refuses a folder outside the workspace', async () => {
    const workspace = workspaceWith('flask');
    root = workspace.root;
    const mapped = await runCli(
      'init',
      workspace.repo,
      '--workspace',
      root,
      '--map-handle',
      '@pallets/maintainers=platform',
      '--type',
      'library',
    );
    assert.equal(mapped.code, 0, mapped.stderr);
    assert.match(
      mapped.stdout,
      /owner: platform # owner: CODEOWNERS .* the handle mapping setting maps @pallets\/maintainers to platform/,
    );
    const outside = await runCli('init', tmpdir(), '--workspace', root);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /not inside the workspace/);
    const usage = await runCli('init', workspace.repo, '--owner');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--owner needs a value/);
  });
});
