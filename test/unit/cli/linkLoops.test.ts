import * as assert from 'node:assert/strict';
import { promises as fs, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexReport } from '../../../src/cli/catalogReport';
import { componentYaml, locationYaml } from '../support/catalogFixtures';
import { runCli } from '../support/runCli';

const SECRET = 'ghp_CliS3cr3tFromTheCheckout';

/** The reproduction: two links to the folder itself and a Location through both. */
describe('CLI on a folder with symbolic-link loops', () => {
  let sandbox: string;
  let root: string;

  before(async () => {
    sandbox = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-cli-links-')));
    root = path.join(sandbox, 'workspace');
    await fs.mkdir(path.join(root, 'svc'), { recursive: true });
    await fs.mkdir(path.join(root, '.git'));
    await fs.writeFile(
      path.join(root, '.git', 'config'),
      `[remote "origin"]\n\turl = https://x-access-token:${SECRET}@github.com/org/repo\n`,
    );
    symlinkSync('.', path.join(root, 'a'));
    symlinkSync('.', path.join(root, 'b'));
    symlinkSync('..', path.join(root, 'svc', 'up'));
    await fs.writeFile(
      path.join(root, 'catalog-info.yaml'),
      locationYaml('root', [
        './a/catalog-info.yaml',
        './b/catalog-info.yaml',
        './a/b/svc/up/svc/player.yaml',
        './.git/config',
      ]),
    );
    await fs.writeFile(path.join(root, 'svc', 'player.yaml'), componentYaml('player'));
  });

  after(async () => {
    await fs.rm(sandbox, { recursive: true, force: true });
  });

  it('index finishes quickly with each file once', async () => {
    const started = Date.now();
    const run = await runCli('index', root, '--json');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    const report = JSON.parse(run.stdout) as IndexReport;
    assert.deepEqual(report.entities.map((entity) => [entity.ref, entity.file]).sort(), [
      ['component:default/player', 'svc/player.yaml'],
      ['location:default/root', 'catalog-info.yaml'],
    ]);
    assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET));
  });

  it('validate reports the loop once and the .git target as refused, quoting nothing from it', async () => {
    const run = await runCli('validate', root);
    const lines = run.stdout.split('\n').filter((line) => line.length > 0);
    assert.equal(lines.filter((line) => line.includes('[location-cycle]')).length, 1, run.stdout);
    assert.equal(
      lines.filter((line) => line.includes('[location-refused]') && line.includes('.git')).length,
      1,
      run.stdout,
    );
    assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET));
    assert.equal(run.code, 1);
  });
});
