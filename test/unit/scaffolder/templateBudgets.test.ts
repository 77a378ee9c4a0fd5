import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  dryRun,
  loadTemplate,
  nodeTemplateFileSystem,
  ScaffolderError,
  TemplateRunCancelled,
  TemplateRunner,
  type TemplateBudgets,
} from '../../../src/scaffolder';
import { FETCH_SKELETON, rssGrowthMb, skeletonTemplate, writeTemplate } from './support/sandboxFixtures';
import { lines, runCli, tempFolder, type TempFolder } from './support/scaffolderFixtures';

const TIME_SECONDS = 2;
const MEMORY_MB = 128;
/** How much the host may grow during a runaway run: the run's memory lives in the worker process. */
const RSS_GROWTH_CAP_MB = 150;
/** Time past the budget that a budget error may take to arrive (worker start, a loaded CI machine). */
const SLACK_MS = 6000;

const RUNAWAYS: readonly (readonly [string, string])[] = [
  ['a huge string', '${{ "a" | center(300000000) }}'],
  [
    'nested range loops',
    '{% for i in range(100000) %}{% for j in range(100000) %}{% set k = j %}{% endfor %}{% endfor %}',
  ],
  ['nested loops that print', '{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}'],
  ['a huge range', '${{ range(1000000000) | length }}'],
  [
    'a list that doubles',
    '{% set xs = ["aaaaaaaaaaaaaaaa"] %}{% for i in range(64) %}{% set xs = xs.concat(xs) %}{% endfor %}${{ xs | length }}',
  ],
  ['a macro that recurses forever', '{% macro r(n) %}${{ r(n + 1) }}{% endmacro %}${{ r(0) }}'],
  [
    'a macro that recurses wide',
    '{% macro r(n) %}{% if n < 60 %}${{ r(n + 1) }}${{ r(n + 1) }}{% endif %}{% endmacro %}${{ r(0) }}',
  ],
];

describe('template budgets', () => {
  let temp: TempFolder;
  let runner: TemplateRunner;

  before(() => {
    runner = new TemplateRunner({ budgets: { timeSeconds: TIME_SECONDS, memoryMb: MEMORY_MB }, graceMs: 1000 });
  });
  after(() => runner.dispose());
  beforeEach(() => {
    temp = tempFolder('greenroom-budget-');
  });
  afterEach(() => temp.remove());

  async function failure(outcome: Promise<unknown>): Promise<ScaffolderError> {
    try {
      await outcome;
    } catch (error) {
      assert.ok(error instanceof ScaffolderError, `expected a ScaffolderError, got ${String(error)}`);
      return error;
    }
    return assert.fail('the run finished');
  }

  describe('runaway templates end with a clear error within the budget, memory bounded', () => {
    for (const [name, text] of RUNAWAYS) {
      it(name, async () => {
        const file = skeletonTemplate(temp.path, text);
        const started = Date.now();
        let error: ScaffolderError | undefined;
        const growth = await rssGrowthMb(async () => {
          error = await failure(runner.run({ templateFile: file, values: {} }));
        });
        const elapsed = Date.now() - started;
        assert.ok(error);
        assert.ok(elapsed < TIME_SECONDS * 1000 + SLACK_MS, `took ${elapsed} ms`);
        assert.ok(growth < RSS_GROWTH_CAP_MB, `the host grew by ${growth} MB`);
        // Recursion ends in the realm's own stack limit (a rendering error); the rest in a budget.
        if (error.kind === 'rendering') {
          assert.match(error.message, /skeleton\/x\.txt.*Maximum call stack size exceeded/);
        } else {
          assert.equal(error.kind, 'budget', error.message);
          assert.match(
            error.message,
            new RegExp(
              `(ran past its ${TIME_SECONDS} s time budget|exceeded its memory budget of ${MEMORY_MB} MB) while rendering "skeleton/x\\.txt"`,
            ),
          );
          assert.match(error.message, /step "fetch-base"/);
        }
      });
    }
  });

  it('after a runaway, the next run works', async () => {
    await failure(
      runner.run({
        templateFile: skeletonTemplate(path.join(temp.path, 'a'), '${{ "a" | center(300000000) }}'),
        values: {},
      }),
    );
    const result = await runner.run({
      templateFile: skeletonTemplate(path.join(temp.path, 'b'), 'fine ${{ 1 + 1 }}'),
      values: {},
    });
    assert.equal(result.files[0]?.content, 'fine 2\n');
  });

  it('caps the output: thousands of files', async () => {
    const file = writeTemplate(temp.path, [
      '    - id: many',
      '      action: catalog:write',
      '      each: ${{ range(20000) }}',
      '      input:',
      '        filePath: out/${{ each.value }}.yaml',
      '        entity: { kind: Component }',
    ]);
    const capped = new TemplateRunner({ budgets: { maxFiles: 2000, timeSeconds: 30 } });
    try {
      const error = await failure(capped.run({ templateFile: file, values: {} }));
      assert.equal(error.kind, 'budget');
      assert.match(
        error.message,
        /step "many" \(catalog:write\): the output grew past its cap of 2000 files at "out\/2000\.yaml"/,
      );
    } finally {
      capped.dispose();
    }
  });

  it('caps the output: one huge file, and all files together', async () => {
    const big =
      '{% for i in range(400000) %}0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789{% endfor %}';
    const error = await failure(
      runner.run({ templateFile: skeletonTemplate(path.join(temp.path, 'a'), big), values: {} }),
    );
    assert.equal(error.kind, 'budget');
    assert.match(
      error.message,
      /step "fetch-base" \(fetch:template\): the output file "x\.txt" is 38\.1 MB, over the cap of 32 MB per file/,
    );

    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_, index) => [
        `skeleton/f${index}.txt`,
        lines('{% for i in range(10000) %}0123456789{% endfor %}'),
      ]),
    );
    const loaded = await loadTemplate(
      nodeTemplateFileSystem,
      writeTemplate(path.join(temp.path, 'b'), FETCH_SKELETON, files),
    );
    assert.ok(loaded.template);
    const budgets: Partial<TemplateBudgets> = { maxTotalBytes: 300_000 };
    const total = await failure(dryRun(nodeTemplateFileSystem, loaded.template, {}, { budgets }));
    assert.match(total.message, /the output grew past its cap of 293 KB in total at "f2\.txt"/);
  });

  it('cancelling stops a runaway run at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runner.run({
      templateFile: skeletonTemplate(temp.path, '{% for i in range(100000000) %}{% set k = i %}{% endfor %}'),
      values: {},
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(run, TemplateRunCancelled);
    assert.ok(Date.now() - started < 1500);
  });

  it('catalog:fetch lookups go to the host thread', async () => {
    const file = writeTemplate(temp.path, [
      '    - id: owner',
      '      action: catalog:fetch',
      '      input: { entityRef: group:team-a }',
      '    - id: log',
      '      action: debug:log',
      '      input: { message: "${{ steps.owner.output.entity.metadata.title }}" }',
    ]);
    const asked: string[] = [];
    const result = await runner.run({
      templateFile: file,
      values: {},
      lookupEntity: async (ref) => {
        asked.push(ref);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a', title: 'Team A' },
          spec: {},
        };
      },
    });
    assert.deepEqual(asked, ['group:default/team-a']);
    assert.ok(result.log.includes('Team A'), result.log.join('\n'));
  });

  it('greenroom scaffold exits 1 naming the budget, the file and the step', async () => {
    const file = skeletonTemplate(
      temp.path,
      '{% for i in range(100000) %}{% for j in range(100000) %}{% set k = j %}{% endfor %}{% endfor %}',
    );
    const started = Date.now();
    const run = await runCli('scaffold', file, '--dry-run', '--time-budget', '1');
    assert.equal(run.code, 1, run.stderr);
    assert.ok(Date.now() - started < 1000 + SLACK_MS);
    assert.match(
      run.stderr,
      /^greenroom scaffold: .*skeleton\/x\.txt: step "fetch-base" \(fetch:template\): budget error: the template ran past its 1 s time budget while rendering "skeleton\/x\.txt"\n$/,
    );
    const memory = await runCli(
      'scaffold',
      skeletonTemplate(path.join(temp.path, 'm'), '${{ range(1000000000) | length }}'),
      '--out',
      path.join(temp.path, 'out'),
      '--memory-budget',
      '96',
    );
    assert.equal(memory.code, 1, memory.stderr);
    assert.match(
      memory.stderr,
      /budget error: the template (exceeded its memory budget of 96 MB|ran past its 10 s time budget) while rendering "skeleton\/x\.txt"/,
    );
    const usage = await runCli('scaffold', file, '--dry-run', '--time-budget', 'soon');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--time-budget must be a positive number, got "soon"/);
  });
});
