import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIndexReport, formatProblemLine, type IndexReport } from '../../../src/cli/catalogReport';
import { RAW_CONTROL } from '../support/rawControl';
import { runCli } from '../support/runCli';

// Compiled to out/test/unit/cli, so the repository root is four levels up.
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/cli-mixed');
const EXAMPLES = path.join(REPO_ROOT, 'examples');

function outputLines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}

describe('CLI', () => {
  describe('buildIndexReport on test/fixtures/cli-mixed', () => {
    let report: IndexReport;

    before(async () => {
      report = await buildIndexReport(FIXTURE);
    });

    it('lists exactly the expected entities, in canonical lower-case form, with file and line', () => {
      assert.deepEqual(
        report.entities.map((entity) => [entity.ref, entity.kind, entity.file, entity.line, entity.valid]),
        [
          ['api:default/player-api', 'api', 'catalog-info.yaml', 25, true],
          ['component:default/-legacy-tool', 'component', 'misc/catalog-info.yaml', 1, false],
          ['component:default/player', 'component', 'catalog-info.yaml', 11, true],
          ['group:default/team-audio', 'group', 'org/people.yaml', 1, true],
          ['location:default/cli-mixed', 'location', 'catalog-info.yaml', 2, true],
          ['resource:default/audio-db', 'resource', 'systems/audio.yaml', 8, true],
          ['system:default/audio', 'system', 'systems/audio.yaml', 1, true],
          ['user:default/jdoe', 'user', 'org/people.yaml', 11, true],
        ],
      );
    });

    it('includes both ends of the relations the entities imply', () => {
      const relations = report.relations.map((relation) => `${relation.source} ${relation.type} ${relation.target}`);
      for (const expected of [
        'component:default/player ownedBy group:default/team-audio',
        'group:default/team-audio ownerOf component:default/player',
        'component:default/player providesApi api:default/player-api',
        'api:default/player-api apiProvidedBy component:default/player',
        'component:default/player dependsOn resource:default/audio-db',
        'resource:default/audio-db dependencyOf component:default/player',
        'resource:default/audio-db partOf system:default/audio',
        'system:default/audio hasPart resource:default/audio-db',
        'user:default/jdoe memberOf group:default/team-audio',
        'group:default/team-audio hasMember user:default/jdoe',
      ]) {
        assert.ok(relations.includes(expected), `missing: ${expected}`);
      }
      // memberOf/hasMember is declared from both ends but stored once.
      assert.equal(
        relations.filter((relation) => relation === 'user:default/jdoe memberOf group:default/team-audio').length,
        1,
      );
      assert.deepEqual(relations, [...relations].sort());
    });

    it('reports the problems with the relative file, one-based line and column, severity and code', () => {
      assert.deepEqual(
        report.problems.map((problem) => [problem.file, problem.line, problem.column, problem.severity, problem.code]),
        [
          ['misc/catalog-info.yaml', 4, 9, 'error', 'invalid-entity'],
          ['misc/catalog-info.yaml', 10, 1, 'error', 'not-an-object'],
          ['systems/broken.yaml', 4, 9, 'error', 'yaml-syntax'],
        ],
      );
      assert.match(report.problems[0]?.message ?? '', /^"metadata\.name" is not valid; .*"-legacy-tool"/);
      assert.equal(report.problems[1]?.message, 'Expected object at root, got array');
      assert.match(report.problems[2]?.message ?? '', /^YAML error: .*reserved character @/);
    });

    it('formats a problem as file:line:col severity message [code]', () => {
      assert.equal(
        formatProblemLine({
          file: 'a/b.yaml',
          line: 3,
          column: 7,
          severity: 'warning',
          code: 'dangling-ref',
          message: 'something',
        }),
        'a/b.yaml:3:7 warning something [dangling-ref]',
      );
    });
  });

  describe('main', () => {
    it('index --json prints the report as JSON and exits 0', async () => {
      const run = await runCli('index', FIXTURE, '--json');
      assert.equal(run.code, 0);
      assert.equal(run.stderr, '');
      const printed = JSON.parse(run.stdout) as IndexReport;
      assert.deepEqual(printed, await buildIndexReport(FIXTURE));
      assert.equal(printed.entities.length, 8);
    });

    it('index without --json prints one ref per line and a summary', async () => {
      const run = await runCli('index', FIXTURE);
      const lines = outputLines(run.stdout);
      assert.equal(run.code, 0);
      assert.equal(lines[0], 'api:default/player-api\tcatalog-info.yaml:25');
      assert.match(lines.at(-1) ?? '', /^8 entities, \d+ relations, 3 problems$/);
    });

    it('validate prints file:line:col severity message for each problem and exits 1 on errors', async () => {
      const run = await runCli('validate', FIXTURE);
      assert.equal(run.code, 1);
      const lines = outputLines(run.stdout);
      assert.equal(lines.length, 4);
      assert.match(
        lines[0] ?? '',
        /^misc\/catalog-info\.yaml:4:9 error "metadata\.name" is not valid; .* \[invalid-entity\]$/,
      );
      assert.equal(lines[1], 'misc/catalog-info.yaml:10:1 error Expected object at root, got array [not-an-object]');
      assert.match(lines[2] ?? '', /^systems\/broken\.yaml:4:9 error YAML error: .* \[yaml-syntax\]$/);
      assert.equal(lines[3], '8 entities, 3 errors, 0 warnings');
    });

    it('validate exits 0 on the clean sample workspace in examples/', async () => {
      const run = await runCli('validate', EXAMPLES);
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /^\d+ entities, 0 errors, 0 warnings\n$/);
    });

    it('--glob (repeatable) reads catalog files with other names, in validate and index', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-cli-glob-'));
      try {
        const descriptor = (kind: string, name: string): string =>
          `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;
        fs.mkdirSync(path.join(folder, 'svc'));
        fs.writeFileSync(path.join(folder, 'svc', 'backstage.yaml'), descriptor('Group', 'team-a'));
        fs.writeFileSync(path.join(folder, 'teams.yml'), descriptor('Group', 'team-b'));
        assert.match((await runCli('validate', folder)).stdout, /^0 entities/m, 'not found by the default globs');
        const one = await runCli('validate', folder, '--glob', '**/backstage.yaml');
        assert.equal(one.code, 0, one.stderr);
        assert.match(one.stdout, /^1 entities/m);
        const both = await runCli('index', '--glob', '**/backstage.yaml', folder, '--glob', 'teams.yml', '--json');
        assert.equal(both.code, 0, both.stderr);
        assert.deepEqual((JSON.parse(both.stdout) as IndexReport).entities.map((entity) => entity.ref).sort(), [
          'group:default/team-a',
          'group:default/team-b',
        ]);
        const missing = await runCli('validate', folder, '--glob');
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /--glob needs a pattern/);
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('exits 2 on an unknown command, naming it on stderr', async () => {
      const run = await runCli('frobnicate', FIXTURE);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^greenroom: unknown command "frobnicate"\nUsage:/);
      assert.equal(run.stdout, '');
    });

    it('exits 2 without a command or without a folder, and 0 for --help', async () => {
      assert.equal((await runCli()).code, 2);
      const missing = await runCli('validate');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /a folder is required/);
      const notAFolder = await runCli('validate', path.join(FIXTURE, 'catalog-info.yaml'));
      assert.equal(notAFolder.code, 2);
      assert.match(notAFolder.stderr, /is not a folder/);
      const help = await runCli('--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /greenroom validate <folder>/);
    });

    it('sets the process exit code when run as a program', function () {
      this.timeout(20000);
      const program = path.join(REPO_ROOT, 'out/src/cli/main.js');
      const result = spawnSync(process.execPath, [program, 'validate', FIXTURE], { encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /8 entities, 3 errors, 0 warnings/);
      assert.equal(spawnSync(process.execPath, [program, 'nope'], { encoding: 'utf8' }).status, 2);
    });
  });
});

describe('CLI output with hostile names', () => {
  const HOSTILE = 'x\x1b]0;pwned\x07\x1b[2J\r\u202e\u009b';
  // Discovery's globs skip a folder name holding `\r`; every other control character is kept.
  const HOSTILE_FOLDER = `svc${HOSTILE.replace('\r', '')}`;
  let folder: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-cli-hostile-'));
    const service = path.join(folder, HOSTILE_FOLDER);
    fs.mkdirSync(service);
    fs.writeFileSync(
      path.join(service, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${JSON.stringify(`bad${HOSTILE}`)}`,
        `  title: ${JSON.stringify(HOSTILE)}`,
        `  tags: [${JSON.stringify(HOSTILE)}]`,
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: ${JSON.stringify(`team${HOSTILE}`)}`,
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: fine',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: ${JSON.stringify(`group:missing${HOSTILE}`)}`,
        '',
      ].join('\n'),
    );
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  for (const argv of [['validate'], ['index'], ['index', '--json']]) {
    it(`${argv.join(' ')} prints no raw control character, but shows them escaped`, async () => {
      const run = await runCli(argv[0] ?? '', folder, ...argv.slice(1));
      const output = run.stdout + run.stderr;
      assert.doesNotMatch(output, RAW_CONTROL, JSON.stringify(output));
      assert.ok(output.includes('\\x1b') || output.includes('\\u001b'), `the escape is shown: ${output}`);
      assert.ok(output.includes('\\u202e'), `the bidi override is shown: ${output}`);
    });
  }

  it('index --json stays valid JSON naming the same file', async () => {
    const run = await runCli('index', folder, '--json');
    const report = JSON.parse(run.stdout) as IndexReport;
    assert.ok(report.entities.some((entity) => entity.file === `${HOSTILE_FOLDER}/catalog-info.yaml`));
  });

  it('error messages escape the folder name they quote', async () => {
    const run = await runCli('validate', path.join(folder, 'missing\x1b[2J'));
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.ok(run.stderr.includes('missing\\x1b[2J'));
  });
});
