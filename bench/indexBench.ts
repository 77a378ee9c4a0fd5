import { spawnSync } from 'node:child_process';
import { promises as fs, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../src/catalog';
import { CatalogIndexCache } from '../src/catalog/catalogIndexCache';
import { measureActivation } from './activationProbe';
import { measureLanguage } from './languageMeasures';
import { catalogFilePath, catalogText, generateMonorepo, type MonorepoShape } from './syntheticMonorepo';
import { percentile, printTable, round } from './statistics';

/**
 * Indexing at monorepo scale, every figure from the same run and the same generated files:
 * a naive baseline (walk + read + `yaml.parseAllDocuments().toJS()`), a cold full index
 * through the real core, a warm start from the persisted cache, incremental edits at 200 and
 * 20,000 entities, hover latency, heap, activation time and bundle size. Each load runs in a
 * fresh node process so JIT warm-up and heap left by one phase never flatter another.
 * Prints tables, then `BENCH {json}` as the last line.
 */

const repository = path.join(__dirname, '..', '..');
const dataFolder = path.join(repository, 'bench', '.data');
const outFolder = path.join(repository, 'out', 'bench');
const LARGE: MonorepoShape = { files: Number(process.env['BENCH_FILES'] ?? 10_000), groups: 50, systems: 20 };
/** 100 files: 200 entities plus 8 org entities. */
const SMALL: MonorepoShape = { files: 100, groups: 5, systems: 2 };
const EDITS = 50;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

type PhaseResult = Record<string, number | string | boolean | null>;

function cacheFileFor(root: string): string {
  return path.join(outFolder, 'cache', `${path.basename(root)}.jsonl`);
}

function isCatalogFileName(name: string): boolean {
  return (
    name === 'catalog-info.yaml' ||
    name === 'catalog-info.yml' ||
    name.endsWith('.catalog-info.yaml') ||
    name.endsWith('.catalog-info.yml')
  );
}

/** What a naive indexer does: one directory at a time, one file at a time, parse, toJS. */
async function baselinePhase(root: string): Promise<PhaseResult> {
  const started = performance.now();
  const pending = [root];
  const files: string[] = [];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') {
          pending.push(full);
        }
      } else if (entry.isFile() && isCatalogFileName(entry.name)) {
        files.push(full);
      }
    }
  }
  let entities = 0;
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    for (const document of parseAllDocuments(text)) {
      if (document.toJS()) {
        entities++;
      }
    }
  }
  return { ms: performance.now() - started, cpu_ms: cpuMs(), entities, files: files.length };
}

/** CPU time of the whole process so far, worker threads included. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/**
 * The workspace as the extension sets it up: parse workers (the first starts loading at once)
 * and the persisted cache, read meanwhile. `workers: false` keeps everything on this thread.
 */
async function openWorkspace(root: string, workers = true): Promise<MultiFolderCatalog> {
  const cache = new CatalogIndexCache(cacheFileFor(root), { fingerprint: 'bench' });
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    cache,
    ...(workers ? { workerScript: path.join(__dirname, 'catalogWorker.js') } : {}),
  });
  workspace.addFolder(root);
  await cache.loadFromDisk();
  return workspace;
}

/** A full load with the event-loop delay watched: the longest stretch the host would be blocked. */
async function loadPhase(root: string, kind: 'cold' | 'cold-here' | 'warm'): Promise<PhaseResult> {
  const cacheFile = cacheFileFor(root);
  if (kind !== 'warm') {
    await fs.rm(cacheFile, { force: true });
  }
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpuAtStart = cpuMs();
  const started = performance.now();
  const workspace = await openWorkspace(root, kind !== 'cold-here');
  await workspace.loadAll();
  const ms = performance.now() - started;
  delay.disable();
  const result: PhaseResult = {
    ms,
    cpu_ms: cpuMs() - cpuAtStart,
    entities: workspace.index.size,
    files: workspace.index.indexedFiles().length,
    max_block_ms: delay.max / 1e6,
    heap_mb: heapMb(),
  };
  if (kind !== 'warm') {
    const saveStarted = performance.now();
    const saved = await workspace.saveCache();
    result['cache_write_ms'] = performance.now() - saveStarted;
    result['cache_bytes'] = saved?.bytes ?? null;
  } else {
    // A warm start that found nothing changed must leave the (tens of megabytes) cache file alone.
    const before = (await fs.stat(cacheFile)).mtimeMs;
    const saved = await workspace.saveCache();
    result['cache_rewritten_when_unchanged'] = saved !== undefined || (await fs.stat(cacheFile)).mtimeMs !== before;
  }
  workspace.dispose();
  return result;
}

/** p50 of re-indexing one catalog file after it changed on disk, through FolderCatalog.updateFile. */
async function editPhase(root: string, shape: MonorepoShape, withLanguage: boolean): Promise<PhaseResult> {
  const workspace = await openWorkspace(root);
  await workspace.loadAll();
  const file = catalogFilePath(root, Math.floor(shape.files / 2));
  const catalog = workspace.folderOf(file);
  if (!catalog) {
    throw new Error(`no catalog for ${file}`);
  }
  const original = readFileSync(file, 'utf8');
  const samples: number[] = [];
  try {
    for (let edit = 0; edit < EDITS; edit++) {
      writeFileSync(
        file,
        original.replace(/description: Synthetic service number (\d+)/, `description: Edited ${edit} of service $1`),
      );
      const started = performance.now();
      await catalog.updateFile(file);
      samples.push(performance.now() - started);
    }
  } finally {
    writeFileSync(file, original);
    await catalog.updateFile(file);
  }
  const edited = workspace.index.byFile(file)[0]?.entity.metadata.description;
  if (edited !== catalogText(Math.floor(shape.files / 2), shape).match(/description: (.*)/)?.[1]) {
    throw new Error(`edit did not reach the index: ${edited}`);
  }
  const result: PhaseResult = {
    entities: workspace.index.size,
    p50_ms: percentile(samples, 0.5),
    p90_ms: percentile(samples, 0.9),
  };
  if (withLanguage) {
    const language = measureLanguage(workspace.index, root, shape.files, 5_000);
    result['hover_p50_ms'] = language.hover_p50_ms;
    result['hover_p99_ms'] = language.hover_p99_ms;
  }
  workspace.dispose();
  return result;
}

function activationPhase(bundle: string): PhaseResult {
  const measured = measureActivation(bundle, repository);
  // activate() defers indexing and registry work to timers; nothing after this is measured.
  setTimeout(() => process.exit(0), 10).unref();
  return measured;
}

/** Runs one phase in a fresh node process and returns what it printed as `PHASE {json}`. */
function runPhase(name: string, args: readonly string[]): PhaseResult | undefined {
  const child = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', __filename, name, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((candidate) => candidate.startsWith('PHASE '));
  if (child.status !== 0 || !line) {
    process.stderr.write(`phase ${name} failed (exit ${String(child.status)}):\n${child.stderr}${child.stdout}\n`);
    return undefined;
  }
  return JSON.parse(line.slice('PHASE '.length)) as PhaseResult;
}

function best(results: readonly (PhaseResult | undefined)[], key = 'ms'): PhaseResult | undefined {
  const valid = results.filter((result): result is PhaseResult => result !== undefined);
  return valid.sort((a, b) => Number(a[key]) - Number(b[key]))[0];
}

async function buildBundles(): Promise<{ extension: string; bundleBytes: number | null; workerBytes: number | null }> {
  const { build } = (await import('esbuild')) as typeof import('esbuild');
  const extension = path.join(outFolder, 'extension.min.js');
  const worker = path.join(outFolder, 'catalogWorker.js');
  let bundleBytes: number | null = null;
  // The parse worker as production ships it (esbuild.mjs): the phases below load it from here.
  await build({
    entryPoints: [path.join(repository, 'src', 'catalog', 'catalogWorker.ts')],
    outfile: worker,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'error',
  });
  try {
    await build({
      entryPoints: [path.join(repository, 'src', 'extension.ts')],
      outfile: extension,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // As esbuild.mjs builds dist/extension.js: the MIME database axios would pull in is aliased away.
      alias: { 'mime-db': path.join(repository, 'src', 'shims', 'mimeDbStub.json') },
      legalComments: 'none',
      logLevel: 'error',
    });
    bundleBytes = statSync(extension).size;
  } catch (error) {
    process.stderr.write(`extension bundle failed: ${String(error)}\n`);
  }
  return { extension, bundleBytes, workerBytes: statSync(worker).size };
}

async function orchestrate(): Promise<void> {
  const generationStarted = performance.now();
  const large = generateMonorepo(dataFolder, LARGE);
  const small = generateMonorepo(dataFolder, SMALL);
  const generationMs = performance.now() - generationStarted;
  const bundles = await buildBundles();

  // Pull the files into the page cache once, so the first timed phase is not the only one reading from disk.
  runPhase('baseline', [large]);
  const baselines: (PhaseResult | undefined)[] = [];
  const colds: (PhaseResult | undefined)[] = [];
  const warms: (PhaseResult | undefined)[] = [];
  const coldsHere: (PhaseResult | undefined)[] = [];
  // Interleaved, so a burst of load on the machine hits every kind of run alike. Each warm run
  // reads the cache the cold run before it wrote.
  for (let round = 0; round < ROUNDS; round++) {
    baselines.push(runPhase('baseline', [large]));
    coldsHere.push(runPhase('cold-here', [large]));
    colds.push(runPhase('cold', [large]));
    warms.push(runPhase('warm', [large]));
  }
  const coldHere = best(coldsHere);
  const baseline = best(baselines);
  const cold = best(colds);
  const warm = best(warms);
  const editsSmall = runPhase('edit', [small, 'small']);
  const editsLarge = runPhase('edit', [large, 'large']);
  const activation =
    bundles.bundleBytes === null
      ? undefined
      : best([runPhase('activate', [bundles.extension]), runPhase('activate', [bundles.extension])], 'activate_ms');

  const number = (value: unknown, digits = 1): number | null =>
    typeof value === 'number' && Number.isFinite(value) ? round(value, digits) : null;
  const baselineMs = number(baseline?.['ms'], 0);
  const coldMs = number(cold?.['ms'], 0);
  const warmMs = number(warm?.['ms'], 0);
  const ratio = (value: number | null): number | null =>
    value !== null && baselineMs ? round(value / baselineMs, 3) : null;
  const result = {
    entities: number(cold?.['entities'], 0),
    files: number(cold?.['files'], 0),
    baseline_ms: baselineMs,
    cold_ms: coldMs,
    cold_ratio: ratio(coldMs),
    warm_ms: warmMs,
    warm_ratio: ratio(warmMs),
    incremental_ms_small: number(editsSmall?.['p50_ms'], 2),
    incremental_ms_large: number(editsLarge?.['p50_ms'], 2),
    hover_p99_ms: number(editsLarge?.['hover_p99_ms'], 3),
    heap_mb: number(cold?.['heap_mb']),
    activate_ms: number(activation?.['activate_ms'], 2),
    bundle_bytes: bundles.bundleBytes,
    max_block_ms: number(cold?.['max_block_ms']),
    max_block_ms_warm: number(warm?.['max_block_ms']),
    heap_mb_warm: number(warm?.['heap_mb']),
    incremental_entities_small: number(editsSmall?.['entities'], 0),
    incremental_entities_large: number(editsLarge?.['entities'], 0),
    baseline_cpu_ms: number(baseline?.['cpu_ms'], 0),
    cold_cpu_ms: number(cold?.['cpu_ms'], 0),
    warm_cpu_ms: number(warm?.['cpu_ms'], 0),
    cold_ms_single_thread: number(coldHere?.['ms'], 0),
    cold_ratio_single_thread: ratio(number(coldHere?.['ms'], 0)),
    max_block_ms_single_thread: number(coldHere?.['max_block_ms']),
    cache_bytes: number(cold?.['cache_bytes'], 0),
    cache_write_ms: number(cold?.['cache_write_ms'], 0),
    worker_bundle_bytes: bundles.workerBytes,
    generate_ms: round(generationMs, 0),
    cache_rewritten_when_unchanged:
      typeof warm?.['cache_rewritten_when_unchanged'] === 'boolean' ? warm['cache_rewritten_when_unchanged'] : null,
  };
  const show = (value: number | null, suffix = ''): string => (value === null ? 'n/a' : `${value}${suffix}`);
  printTable(
    `Indexing ${result.files ?? '?'} catalog files / ${result.entities ?? '?'} entities (best of ${ROUNDS}, each in a fresh process)`,
    [
      ['baseline: walk + read + parseAllDocuments().toJS() (ms)', show(result.baseline_ms)],
      ['cold: full index through the core (ms)', `${show(result.cold_ms)}  (ratio ${show(result.cold_ratio)})`],
      [
        'warm: from the persisted cache, nothing changed (ms)',
        `${show(result.warm_ms)}  (ratio ${show(result.warm_ratio)})`,
      ],
      [
        'CPU time (all threads): baseline / cold / warm (ms)',
        `${show(result.baseline_cpu_ms)} / ${show(result.cold_cpu_ms)} / ${show(result.warm_cpu_ms)}`,
      ],
      [
        'cold, all on one thread (no parse workers) (ms)',
        `${show(result.cold_ms_single_thread)}  (ratio ${show(result.cold_ratio_single_thread)})`,
      ],
      [
        'longest event-loop block: cold / warm / one thread (ms)',
        `${show(result.max_block_ms)} / ${show(result.max_block_ms_warm)} / ${show(result.max_block_ms_single_thread)}`,
      ],
      [
        `incremental edit p50 at ${show(result.incremental_entities_small)} entities (ms)`,
        show(result.incremental_ms_small),
      ],
      [
        `incremental edit p50 at ${show(result.incremental_entities_large)} entities (ms)`,
        show(result.incremental_ms_large),
      ],
      ['hover p99 (ms)', show(result.hover_p99_ms)],
      ['heap after indexing, after gc (MB)', `${show(result.heap_mb)} (warm start: ${show(result.heap_mb_warm)})`],
      ['activate() (ms)', show(result.activate_ms)],
      [
        'extension bundle, minified (bytes)',
        `${show(result.bundle_bytes)} (+ parse worker ${show(result.worker_bundle_bytes)})`,
      ],
      [
        'cache file (bytes) / written in (ms, after the cold load)',
        `${show(result.cache_bytes)} / ${show(result.cache_write_ms)}`,
      ],
      ['cache rewritten by a warm start that changed nothing', String(result.cache_rewritten_when_unchanged ?? 'n/a')],
    ],
  );
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

async function phase(name: string, args: readonly string[]): Promise<PhaseResult> {
  const [first = '', second = ''] = args;
  switch (name) {
    case 'baseline':
      return baselinePhase(first);
    case 'cold':
    case 'cold-here':
    case 'warm':
      return loadPhase(first, name);
    case 'edit':
      return editPhase(first, second === 'small' ? SMALL : LARGE, second !== 'small');
    case 'activate':
      return activationPhase(first);
    default:
      throw new Error(`unknown phase ${name}`);
  }
}

const [phaseName, ...phaseArgs] = process.argv.slice(2);
const run = phaseName
  ? phase(phaseName, phaseArgs).then((result) => process.stdout.write(`PHASE ${JSON.stringify(result)}\n`))
  : orchestrate();
run.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
