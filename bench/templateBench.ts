// Template sandbox cost: dry runs of the built-in and real-world templates, before (nunjucks in
// the host realm, the commit before the sandbox) and after (a fresh vm realm per run, in a worker
// process). Ratios are against the "before" measured in the same run. `npm run bench template`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  dryRun,
  loadTemplate,
  nodeTemplateFileSystem,
  TemplateRunner,
  type DryRunResult,
  type TemplateDefinition,
  type TemplateFileSystem,
} from '../src/scaffolder';
import { percentile, printTable, round } from './statistics';

const REPO = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 15);
const COLD_ROUNDS = Number(process.env['BENCH_COLD_ROUNDS'] ?? 5);

type DryRun = (
  fs: TemplateFileSystem,
  template: TemplateDefinition,
  values: Readonly<Record<string, unknown>>,
  options?: object,
) => Promise<DryRunResult>;
interface ScaffolderModule {
  readonly dryRun: DryRun;
  readonly loadTemplate: typeof loadTemplate;
  readonly nodeTemplateFileSystem: TemplateFileSystem;
}

interface BenchCase {
  readonly name: string;
  readonly file: string;
  readonly values: Record<string, unknown>;
}

/** The scaffolder as it was before the sandbox: the parent of the commit that removed nunjucksHardening.ts. */
async function loadBaseline(folder: string): Promise<{ commit: string; module: ScaffolderModule }> {
  const removal = execFileSync(
    'git',
    ['log', '-1', '--format=%H', '--diff-filter=D', '--', 'src/scaffolder/nunjucksHardening.ts'],
    { cwd: REPO, encoding: 'utf8' },
  ).trim();
  const commit = process.env['TEMPLATE_BENCH_BASELINE'] ?? (removal ? `${removal}^` : 'HEAD');
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src'], {
    cwd: REPO,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  const { build } = await import('esbuild');
  const outfile = path.join(folder, 'baseline.js');
  await build({
    entryPoints: [path.join(folder, 'src/scaffolder/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    nodePaths: [path.join(REPO, 'node_modules')],
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built at run time: only require loads it from this CommonJS bench
  return { commit, module: require(outfile) as ScaffolderModule };
}

/** A skeleton shaped like real service templates: 240 files in nested folders, most with a few expressions. */
function writeRealWorldTemplate(folder: string): string {
  const steps = [
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata: { name: real-world, title: Real world }',
    'spec:',
    '  type: service',
    '  parameters:',
    '    - required: [name, owner]',
    '      properties:',
    '        name: { type: string }',
    '        owner: { type: string }',
    '        port: { type: integer, default: 8080 }',
    '        features: { type: array, items: { type: string }, default: [metrics, tracing, docs] }',
    '  steps:',
    '    - id: fetch-base',
    '      action: fetch:template',
    '      input:',
    '        url: ./skeleton',
    '        values:',
    '          name: ${{ parameters.name }}',
    '          owner: ${{ parameters.owner }}',
    '          port: ${{ parameters.port }}',
    '          features: ${{ parameters.features }}',
    '    - id: catalog',
    '      action: catalog:write',
    '      input: { entity: { apiVersion: backstage.io/v1alpha1, kind: Component, metadata: { name: "${{ parameters.name }}" }, spec: { type: service, owner: "${{ parameters.owner }}", lifecycle: experimental } } }',
    '    - id: log',
    '      action: debug:log',
    '      input: { message: "Created ${{ parameters.name }} for ${{ parameters.owner | parseEntityRef | pick(\'name\') }}" }',
    '  output:',
    '    links: [{ title: Open, url: "https://example.com/${{ parameters.name }}" }]',
  ];
  writeFileSync(path.join(folder, 'template.yaml'), `${steps.join('\n')}\n`);
  for (let index = 0; index < 240; index++) {
    const dir = path.join(folder, 'skeleton', `module${index % 12}`, `part${index % 5}`);
    mkdirSync(dir, { recursive: true });
    const rendered = index % 10 < 7;
    const body = rendered
      ? [
          '// ${{ values.name }} — owned by ${{ values.owner }}',
          'export const SERVICE = "${{ values.name | upper }}";',
          'export const PORT = ${{ values.port }};',
          '{% for feature in values.features %}export const ${{ feature | upper }} = true;\n{% endfor %}',
          '{% if values.port > 1024 %}// unprivileged{% else %}// privileged{% endif %}',
          ...Array.from(
            { length: 30 },
            (_, line) => `export function handler${line}(input: string): string { return input + "${line}"; }`,
          ),
        ]
      : Array.from({ length: 40 }, (_, line) => `plain line ${line} of a file copied as it is`);
    writeFileSync(path.join(dir, `file${index}.ts`), `${body.join('\n')}\n`);
  }
  return path.join(folder, 'template.yaml');
}

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'greenroom-template-bench-'));
  try {
    const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'ignore' });
    if (build.status !== 0) {
      throw new Error('node esbuild.mjs failed');
    }
    const dist = path.join(REPO, 'dist');
    const baselineFolder = path.join(scratch, 'baseline');
    mkdirSync(baselineFolder);
    const baseline = await loadBaseline(baselineFolder);
    const realWorldFolder = path.join(scratch, 'real-world');
    mkdirSync(realWorldFolder);
    const cases: BenchCase[] = [
      {
        name: 'templates/node-service',
        file: path.join(REPO, 'templates/node-service/template.yaml'),
        values: {
          name: 'order-history',
          owner: 'group:default/team-orders',
          repoUrl: 'github.com?owner=larkspur&repo=order-history',
        },
      },
      {
        name: 'examples/kafka-consumer',
        file: path.join(REPO, 'examples/templates/kafka-consumer/template.yaml'),
        values: {
          name: 'royalty-aggregator',
          description: 'Aggregates',
          owner: 'team-royalties',
          system: 'royalties',
          consumerGroup: 'royalty-aggregator',
          repoUrl: 'github.com?owner=larkspur&repo=royalty-aggregator',
        },
      },
      {
        name: 'fixtures/python-service',
        file: path.join(REPO, 'test/fixtures/templates/python-service/template.yaml'),
        values: {
          component_id: 'order-api',
          owner: 'group:default/team-orders',
          repoUrl: 'github.com?owner=larkspur&repo=order-api',
        },
      },
      {
        name: 'fixtures/typescript-library',
        file: path.join(REPO, 'test/fixtures/templates/typescript-library/template.yaml'),
        values: {
          name: 'date-utils',
          owner: 'group:default/team-web',
          keywords: ['dates', 'time'],
          npmToken: 's3cr3t-token',
        },
      },
      {
        name: 'real-world (240 files)',
        file: writeRealWorldTemplate(realWorldFolder),
        values: { name: 'payments', owner: 'group:default/team-pay' },
      },
    ];
    const runner = new TemplateRunner({ workerScript: path.join(dist, 'templateWorker.js') });
    const rows: [string, string][] = [];
    const results: Record<string, unknown>[] = [];
    let totalBefore = 0;
    let totalWarm = 0;
    let totalCold = 0;
    let totalInProcess = 0;
    for (const benchCase of cases) {
      const before = await baseline.module.loadTemplate(baseline.module.nodeTemplateFileSystem, benchCase.file);
      const after = await loadTemplate(nodeTemplateFileSystem, benchCase.file);
      if (!before.template || !after.template) {
        throw new Error(`${benchCase.name} does not load`);
      }
      const beforeTemplate = before.template;
      const afterTemplate = after.template;
      const options = { userRef: 'user:default/bench' };
      const runBefore = (): Promise<unknown> =>
        baseline.module.dryRun(baseline.module.nodeTemplateFileSystem, beforeTemplate, benchCase.values, options);
      const runInProcess = (): Promise<unknown> =>
        dryRun(nodeTemplateFileSystem, afterTemplate, benchCase.values, {
          ...options,
          realmScript: path.join(dist, 'templateRealmScript.js'),
        });
      const runWarm = (): Promise<unknown> =>
        runner.run({ templateFile: benchCase.file, values: benchCase.values, ...options });
      // One untimed run of each warms the JIT and the worker.
      await runBefore();
      await runInProcess();
      await runWarm();
      const samples = { before: [] as number[], inProcess: [] as number[], warm: [] as number[], cold: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        samples.before.push(await timeMs(runBefore));
        samples.inProcess.push(await timeMs(runInProcess));
        samples.warm.push(await timeMs(runWarm));
      }
      for (let round = 0; round < COLD_ROUNDS; round++) {
        const fresh = new TemplateRunner({ workerScript: path.join(dist, 'templateWorker.js') });
        samples.cold.push(
          await timeMs(() => fresh.run({ templateFile: benchCase.file, values: benchCase.values, ...options })),
        );
        fresh.dispose();
      }
      const median = (values: number[]): number => percentile(values, 0.5);
      const [beforeMs, inProcessMs, warmMs, coldMs] = [
        median(samples.before),
        median(samples.inProcess),
        median(samples.warm),
        median(samples.cold),
      ];
      totalBefore += beforeMs;
      totalWarm += warmMs;
      totalCold += coldMs;
      totalInProcess += inProcessMs;
      rows.push([
        benchCase.name,
        `before ${round(beforeMs, 1)} ms | realm in-process ${round(inProcessMs, 1)} ms (${round(inProcessMs / beforeMs, 2)}x) | worker warm ${round(warmMs, 1)} ms (${round(warmMs / beforeMs, 2)}x) | worker cold ${round(coldMs, 0)} ms`,
      ]);
      results.push({
        template: benchCase.name,
        before_ms: round(beforeMs, 1),
        in_process_ms: round(inProcessMs, 1),
        warm_ms: round(warmMs, 1),
        cold_ms: round(coldMs, 0),
        in_process_ratio: round(inProcessMs / beforeMs, 2),
        warm_ratio: round(warmMs / beforeMs, 2),
      });
    }
    runner.dispose();
    rows.push([
      'all templates',
      `before ${round(totalBefore, 1)} ms | realm in-process ${round(totalInProcess, 1)} ms (${round(totalInProcess / totalBefore, 2)}x) | worker warm ${round(totalWarm, 1)} ms (${round(totalWarm / totalBefore, 2)}x) | worker cold ${round(totalCold, 0)} ms`,
    ]);
    printTable(`Template dry runs (median of ${ROUNDS}; cold: ${COLD_ROUNDS}; baseline ${baseline.commit})`, rows);
    process.stdout.write(
      `BENCH ${JSON.stringify({ baseline: baseline.commit, rounds: ROUNDS, in_process_ratio: round(totalInProcess / totalBefore, 2), warm_ratio: round(totalWarm / totalBefore, 2), cold_ms_total: round(totalCold, 0), templates: results })}\n`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
