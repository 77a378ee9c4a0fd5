import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { CheckReport } from '../../../src/cli/checkReport';
import { runCli } from '../support/runCli';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SARIF_SCHEMA = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
) as Record<string, unknown>;

function validateSarif(value: unknown): string[] {
  // The schema's language pattern has a lone `]`, which only non-unicode regular expressions accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

const GROUP = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata:',
  '  name: payments',
  '  description: Pays',
  'spec:',
  '  type: team',
  '  children: []',
  '',
].join('\n');
const SERVICE = (name: string, extra: string[] = []) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  description: A service',
    ...extra,
    'spec:',
    '  type: library',
    '  lifecycle: production',
    '  owner: payments',
    '  system: pay',
    '',
  ].join('\n');
const CHECKS = [
  'checks:',
  '  - id: prod-oncall',
  '    title: Production components name their on-call rotation',
  '    description: Pages go **somewhere**.',
  '    severity: error',
  '    filter: { kind: component, spec.lifecycle: production }',
  '    rule: { metadata.annotations.pagerduty.com/service-id: { $exists: true } }',
  '    fix: { annotation: pagerduty.com/service-id }',
  '',
].join('\n');

describe('greenroom check', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-check-'));
    write(root, {
      'org/catalog-info.yaml': GROUP,
      'good/catalog-info.yaml': SERVICE('good', ['  annotations:', '    pagerduty.com/service-id: P1']),
      'bad/catalog-info.yaml': SERVICE('bad'),
    });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('passes (exit 0) when only built-ins run and none of error severity fails', async () => {
    const run = await runCli('check', root);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /3 entities scored, 3 with every check passing/);
  });

  it('JSON: checks, results with file and line, scores with full refs; exit 1 on a failed error check', async () => {
    write(root, { '.greenroom/checks.yaml': CHECKS });
    const run = await runCli('check', root, '--format', 'json');
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as CheckReport;
    assert.deepEqual(Object.keys(report), ['checks', 'results', 'scores']);
    assert.deepEqual(report.checks.at(-1), {
      id: 'prod-oncall',
      title: 'Production components name their on-call rotation',
      severity: 'error',
    });
    const failing = report.results.filter((result) => !result.passed);
    assert.deepEqual(
      failing.map((result) => [result.check, result.entity, result.file, result.line]),
      [['prod-oncall', 'component:default/bad', 'bad/catalog-info.yaml', 4]],
      'on metadata.name, as the annotation is missing',
    );
    assert.deepEqual(
      report.scores.find((score) => score.entity === 'component:default/bad'),
      { entity: 'component:default/bad', passed: 5, total: 6 },
    );
    assert.ok(
      report.results.some(
        (result) => result.check === 'prod-oncall' && result.entity === 'component:default/good' && result.passed,
      ),
    );
  });

  it('--checks reads another file; text lists findings as file:line:column', async () => {
    write(root, { 'ci/strict.yaml': CHECKS });
    const run = await runCli('check', root, '--checks', path.join(root, 'ci/strict.yaml'));
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^bad\/catalog-info.yaml:4:9 error Not met: .* \[prod-oncall\] component:default\/bad$/m);
  });

  it('SARIF 2.1.0 validates against the official schema, with rules (help) and results (file, line)', async () => {
    write(root, { '.greenroom/checks.yaml': CHECKS });
    const run = await runCli('check', root, '--format', 'sarif');
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; help: { markdown: string } }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    assert.deepEqual(validateSarif(sarif), []);
    const [first] = sarif.runs;
    assert.equal(
      first?.tool.driver.rules
        .find((rule) => rule.id === 'prod-oncall')
        ?.help.markdown.includes('Pages go **somewhere**.'),
      true,
    );
    assert.deepEqual(
      first?.results.map((result) => [
        result.ruleId,
        result.level,
        result.locations[0]?.physicalLocation.artifactLocation.uri,
        result.locations[0]?.physicalLocation.region.startLine,
      ]),
      [['prod-oncall', 'error', 'bad/catalog-info.yaml', 4]],
    );
    // The validator is real: a log that breaks the schema is refused.
    assert.notDeepEqual(validateSarif({ ...sarif, version: '2.0.0' }), []);
    assert.notDeepEqual(validateSarif({ ...sarif, runs: [{ results: [] }] }), []);
  });

  it('a checks file with errors stops with exit 2 and located messages', async () => {
    write(root, { '.greenroom/checks.yaml': 'checks:\n  - id: x\n    title: X\n    rule: { $all: 3 }\n' });
    const run = await runCli('check', root);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.greenroom\/checks\.yaml:4:11 error Not a valid Backstage filter predicate/);
  });

  it('refuses unknown formats and options', async () => {
    assert.equal((await runCli('check', root, '--format', 'xml')).code, 2);
    assert.equal((await runCli('check', root, '--fast')).code, 2);
    assert.equal((await runCli('check')).code, 2);
  });
});
