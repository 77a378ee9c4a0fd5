import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  FIXTURES,
  KAFKA_CONSUMER,
  NODE_SERVICE,
  runCli,
  tempFolder,
  type TempFolder,
} from './support/scaffolderFixtures';

const KAFKA_VALUES = {
  name: 'royalty-aggregator',
  description: 'Aggregates royalties',
  owner: 'team-royalties',
  system: 'royalties',
  consumerGroup: 'royalty-aggregator',
  repoUrl: 'github.com?owner=larkspur&repo=royalty-aggregator',
};

describe('greenroom scaffold', () => {
  let temp: TempFolder;
  let valuesFile: string;
  let out: string;

  beforeEach(() => {
    temp = tempFolder('greenroom-cli-');
    valuesFile = path.join(temp.path, 'values.json');
    writeFileSync(valuesFile, JSON.stringify(KAFKA_VALUES));
    out = path.join(temp.path, 'out');
  });

  afterEach(() => temp.remove());

  it('--dry-run prints the files and skipped steps as JSON and writes nothing', async () => {
    const run = await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--out', out, '--dry-run');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const printed = JSON.parse(run.stdout) as {
      files: { path: string; size: number }[];
      skipped: { step: string; action: string; reason: string }[];
    };
    assert.deepEqual(Object.keys(printed), ['files', 'skipped']);
    assert.deepEqual(
      printed.files.map((entry) => entry.path),
      ['README.md', 'catalog-info.yaml', 'package.json', 'src/index.ts', 'tsconfig.json'],
    );
    assert.ok(printed.files.every((entry) => Object.keys(entry).join() === 'path,size' && entry.size > 0));
    assert.deepEqual(printed.skipped, [
      {
        step: 'publish',
        action: 'publish:github',
        reason: 'publish:github needs a GitHub connection; Greenroom writes the files locally instead',
      },
    ]);
    assert.equal(existsSync(out), false);
  });

  it('writes into --out and prints what it wrote', async () => {
    const run = await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--out', out);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.match(run.stdout, new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/README\\.md$`, 'm'));
    assert.match(run.stdout, /^skipped step "publish" \(publish:github\): publish:github needs a GitHub connection/m);
    assert.match(run.stdout, /^5 files written to /m);
    assert.match(readFileSync(path.join(out, 'src/index.ts'), 'utf8'), /const SERVICE = 'royalty-aggregator';/);
  });

  it('refuses to overwrite existing files (exit 1) unless --force', async () => {
    assert.equal((await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--out', out)).code, 0);
    writeFileSync(path.join(out, 'README.md'), 'edited by hand\n');
    const again = await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--out', out);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /5 files already exist in .*; nothing was written \(use --force to overwrite\):\n {2}README\.md\n/,
    );
    assert.equal(readFileSync(path.join(out, 'README.md'), 'utf8'), 'edited by hand\n');
    const forced = await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--out', out, '--force');
    assert.equal(forced.code, 0);
    assert.match(forced.stdout, /5 files written to .* \(5 overwritten\)/);
    assert.match(readFileSync(path.join(out, 'README.md'), 'utf8'), /^# royalty-aggregator/);
  });

  it('exits 1 with one line per invalid field when the values do not fit', async () => {
    writeFileSync(valuesFile, JSON.stringify({ ...KAFKA_VALUES, name: 'Not Valid', concurrency: 100 }));
    const run = await runCli('scaffold', KAFKA_CONSUMER, '--values', valuesFile, '--dry-run');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /validation error: the values do not fit the template\n {2}name: Name must match pattern "\^\[a-z0-9\]\+\(-\[a-z0-9\]\+\)\*\$"\n {2}concurrency: Partitions processed in parallel must be <= 48\n$/,
    );
  });

  it('exits 1 naming the file and line of a rendering error', async () => {
    const run = await runCli('scaffold', path.join(FIXTURES, 'broken-skeleton/template.yaml'), '--dry-run');
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^greenroom scaffold: \S*test\/fixtures\/templates\/broken-skeleton\/skeleton\/README\.md:3: step "fetch" \(fetch:template\): rendering error: parseIf: expected elif, else, or endif, got end of file\n$/,
    );
  });

  it('exits 1 on a safety error', async () => {
    const run = await runCli('scaffold', path.join(FIXTURES, 'escaping-url/template.yaml'), '--out', out);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /step "steal" \(fetch:plain\): safety error: url "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc" leaves the template folder/,
    );
    assert.equal(existsSync(out), false);
  });

  it('exits 1 listing the problems of an invalid template', async () => {
    const broken = path.join(temp.path, 'template.yaml');
    writeFileSync(
      broken,
      'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: x\nspec:\n  type: service\n',
    );
    const run = await runCli('scaffold', broken, '--dry-run');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /template\.yaml:6:3 error \/spec must have required property 'steps'/);
    assert.match(run.stderr, /is not a valid template\n$/);
  });

  it('without --values, the defaults are all the values there are', async () => {
    const defaults = await runCli('scaffold', NODE_SERVICE, '--dry-run');
    assert.equal(defaults.code, 1, 'node-service needs a name, an owner and a repoUrl');
    assert.match(
      defaults.stderr,
      /name: Name is required\n {2}owner: Owner is required\n {2}repoUrl: Repository location is required\n$/,
    );
  });

  it('exits 2 on usage errors', async () => {
    const usage = async (...args: string[]): Promise<string> => {
      const run = await runCli('scaffold', ...args);
      assert.equal(run.code, 2, `${args.join(' ')} → ${run.stderr}`);
      assert.match(run.stderr, /\nUsage:\n {2}greenroom scaffold <template\.yaml>/);
      return run.stderr.split('\n')[0] ?? '';
    };
    assert.equal(await usage(), 'greenroom scaffold: a template file is required');
    assert.equal(
      await usage(KAFKA_CONSUMER, '--values', valuesFile),
      'greenroom scaffold: --out <dir> is required unless --dry-run is given',
    );
    assert.equal(await usage(KAFKA_CONSUMER, '--dry-run', '--values'), 'greenroom scaffold: --values needs a value');
    assert.equal(await usage(KAFKA_CONSUMER, '--dry-run', '--verbose'), 'greenroom scaffold: unknown option --verbose');
    assert.equal(await usage(KAFKA_CONSUMER, 'extra', '--dry-run'), 'greenroom scaffold: unexpected argument extra');
    assert.equal(
      await usage(path.join(temp.path, 'missing.yaml'), '--dry-run'),
      `greenroom scaffold: "${path.join(temp.path, 'missing.yaml')}" is not a file`,
    );
    writeFileSync(valuesFile, '[1, 2]');
    assert.equal(
      await usage(KAFKA_CONSUMER, '--values', valuesFile, '--dry-run'),
      `greenroom scaffold: ${valuesFile} must hold a JSON object of parameter values`,
    );
    writeFileSync(valuesFile, '{ not json');
    assert.match(
      await usage(KAFKA_CONSUMER, '--values', valuesFile, '--dry-run'),
      /^greenroom scaffold: cannot read values from .*values\.json: /,
    );
  });

  it('is listed in the top-level help', async () => {
    const run = await runCli('--help');
    assert.match(
      run.stdout,
      /greenroom scaffold <template\.yaml> --values <values\.json> --out <dir> \[--dry-run\] \[--force\]/,
    );
  });
});
