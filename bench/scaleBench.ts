// Issue 20's figures in one run (`npm run bench scale`): a registry of 100,000 entities replayed
// on loopback from real Backstage pages (bench/registryReplay.ts) — full sync against a plain
// paginated fetch of the same pages, a delta sync after 1 % changed, peak RSS of a process that
// syncs like the CLI — Go to Entity's filter at 1k and 100k, and the 20,000-entity workspace:
// first rows, full index, warm start, and whether a warm start rewrote an unchanged cache.
// Prints tables, then `BENCH_SCALE {json}` as the last line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogIndex, MultiFolderCatalog, nodeCatalogFileSystem } from '../src/catalog';
import { CatalogIndexCache } from '../src/catalog/catalogIndexCache';
import { CatalogApiClient, IDENTITY_FIELDS, IDENTITY_PAGE_FACTOR } from '../src/registry/catalogApiClient';
import { RegistrySync } from '../src/registry/registrySync';
import { measureGoto } from './gotoMeasure';
import { serveReplay } from './registryReplay';
import { printTable, round } from './statistics';
import { generateMonorepo, type MonorepoShape } from './syntheticMonorepo';

const repository = path.join(__dirname, '..', '..');
const outFolder = path.join(repository, 'out', 'bench');
const ENTITIES = Number(process.env['BENCH_SCALE_ENTITIES'] ?? 100_000);
const ROUNDS = Number(process.env['BENCH_SCALE_ROUNDS'] ?? 3);
const PAGE_SIZE = 500;
const CHANGED = 0.01;
const WORKSPACE: MonorepoShape = { files: Number(process.env['BENCH_FILES'] ?? 10_000), groups: 50, systems: 20 };

type PhaseResult = Record<string, number | string | boolean | null>;

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** User and system CPU time of this process since `from`, in ms. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

function request(method: string, url: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      {
        method,
        agent: false,
        headers: { 'Accept-Encoding': 'identity', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The least a client can do: each page with node's http, parsed with JSON.parse, next cursor. */
async function plainFetch(baseUrl: string, fields?: readonly string[], pageSize = PAGE_SIZE): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  const projection = fields ? `&fields=${fields.join(',')}` : '';
  for (;;) {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}&limit=${pageSize}`
      : `limit=${pageSize}&orderField=metadata.name,asc${projection}`;
    const page = JSON.parse(await request('GET', `${baseUrl}/api/catalog/entities/by-query?${query}`)) as {
      items: unknown[];
      pageInfo: { nextCursor?: string };
    };
    count += page.items.length;
    cursor = page.pageInfo.nextCursor;
    if (!cursor) {
      return count;
    }
  }
}

/**
 * `sync_ms` is what `greenroom index --registry` waits for: every page fetched with the kept
 * fields, parsed, each entity validated with Backstage's policies and its kind's validator,
 * references derived, records put in the index. No cache file: the CLI keeps none (the
 * extension also writes one after the sync, not timed here).
 */
function newSync(index: CatalogIndex, baseUrl: string): RegistrySync {
  return new RegistrySync(index, new CatalogApiClient({ name: 'bench', baseUrl }, { pageSize: PAGE_SIZE }), undefined);
}

/** The replay registry in a process of its own, as a real backend would be. */
async function startReplay(count: number): Promise<{ baseUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [__filename, 'replay', String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /REPLAY (\S+)/.exec(text);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the replay registry exited (${String(code)})`)));
  });
  return { baseUrl, child };
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

/** A sync as `greenroom index --registry` does it, alone in this process: its peak RSS. */
async function syncRssPhase(baseUrl: string): Promise<PhaseResult> {
  const index = new CatalogIndex();
  const started = performance.now();
  const result = await newSync(index, baseUrl).sync();
  return { ms: performance.now() - started, entities: result.entities, rss_mb: process.resourceUsage().maxRSS / 1024 };
}

/** The workspace as the extension loads it: parse workers, the persisted cache read meanwhile. */
async function workspacePhase(root: string, kind: 'cold' | 'warm'): Promise<PhaseResult> {
  const cacheFile = path.join(outFolder, 'cache', `scale-${path.basename(root)}.jsonl`);
  if (kind === 'cold') {
    await fs.rm(cacheFile, { force: true });
  }
  const started = performance.now();
  const cache = new CatalogIndexCache(cacheFile, { fingerprint: 'bench-scale' });
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    cache,
    workerScript: path.join(__dirname, 'catalogWorker.js'),
  });
  let firstRowsMs: number | undefined;
  const listener = workspace.index.onDidChange((event) => {
    if (firstRowsMs === undefined && event.added.length > 0) {
      firstRowsMs = performance.now() - started;
    }
  });
  workspace.addFolder(root);
  await cache.loadFromDisk();
  // When the listing ended: the first progress that knows the total (files are indexed before it).
  let listedMs: number | undefined;
  await workspace.loadAll((_done, total) => {
    if (listedMs === undefined && total !== undefined) {
      listedMs = performance.now() - started;
    }
  });
  const ms = performance.now() - started;
  listener.dispose();
  const result: PhaseResult = {
    ms,
    first_rows_ms: firstRowsMs ?? null,
    listed_ms: listedMs ?? null,
    entities: workspace.index.size,
  };
  const before = kind === 'warm' ? (await fs.stat(cacheFile)).mtimeMs : 0;
  const saved = await workspace.saveCache();
  if (kind === 'warm') {
    result['cache_rewritten_when_unchanged'] = saved !== undefined || (await fs.stat(cacheFile)).mtimeMs !== before;
  }
  workspace.dispose();
  return result;
}

async function buildWorker(): Promise<void> {
  const { build } = (await import('esbuild')) as typeof import('esbuild');
  await build({
    entryPoints: [path.join(repository, 'src', 'catalog', 'catalogWorker.ts')],
    outfile: path.join(outFolder, 'catalogWorker.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'error',
  });
}

async function registryFigures(): Promise<Record<string, number | boolean>> {
  const { baseUrl, child } = await startReplay(ENTITIES);
  try {
    await plainFetch(baseUrl); // warm-up: JIT on both sides
    const raw: number[] = [];
    const full: number[] = [];
    // CPU time of this process beside wall time: on a machine shared with other jobs the wall
    // time of both sides swings by 3x, the CPU each side spends much less.
    const rawCpu: number[] = [];
    const fullCpu: number[] = [];
    let entities = 0;
    let sync: RegistrySync | undefined;
    let index: CatalogIndex | undefined;
    for (let turn = 0; turn < ROUNDS; turn++) {
      index?.dispose();
      sync = undefined;
      index = undefined;
      collectGarbage();
      let started = performance.now();
      let cpu = process.cpuUsage();
      entities = await plainFetch(baseUrl);
      raw.push(performance.now() - started);
      rawCpu.push(cpuMs(cpu));
      collectGarbage();
      index = new CatalogIndex();
      sync = newSync(index, baseUrl);
      started = performance.now();
      cpu = process.cpuUsage();
      const result = await sync.sync();
      full.push(performance.now() - started);
      fullCpu.push(cpuMs(cpu));
      if (result.mode !== 'full' || index.size !== entities) {
        throw new Error(
          `the full sync indexed ${index.size} entities (${result.mode}); the registry served ${entities}`,
        );
      }
      process.stdout.write(
        `round ${turn + 1}: plain fetch ${raw[turn]?.toFixed(0)} ms (CPU ${rawCpu[turn]?.toFixed(0)}), ` +
          `Greenroom full sync ${full[turn]?.toFixed(0)} ms (CPU ${fullCpu[turn]?.toFixed(0)})\n`,
      );
    }
    const deltas: number[] = [];
    const deltaCpu: number[] = [];
    // Breakdown only: a plain paginated listing of the versions the delta asks for (same fields
    // and page size), the least any delta must wait for.
    const rawLists: number[] = [];
    const rawListCpu: number[] = [];
    let changed = 0;
    for (let turn = 0; turn < ROUNDS && sync && index; turn++) {
      changed = (
        JSON.parse(
          await request('POST', `${baseUrl}/bench/mutate`, JSON.stringify({ fraction: CHANGED, offset: turn * 7 + 1 })),
        ) as { changed: number }
      ).changed;
      collectGarbage();
      let started = performance.now();
      let cpu = process.cpuUsage();
      await plainFetch(baseUrl, IDENTITY_FIELDS, PAGE_SIZE * IDENTITY_PAGE_FACTOR);
      rawLists.push(performance.now() - started);
      rawListCpu.push(cpuMs(cpu));
      collectGarbage();
      started = performance.now();
      cpu = process.cpuUsage();
      const result = await sync.sync();
      deltas.push(performance.now() - started);
      deltaCpu.push(cpuMs(cpu));
      if (result.mode !== 'delta' || result.fetched !== changed || index.size !== entities) {
        throw new Error(
          `delta: ${result.mode}, fetched ${result.fetched} of ${changed} changed, ${index.size} entities`,
        );
      }
      process.stdout.write(
        `delta ${turn + 1}: ${changed} changed, ${deltas[turn]?.toFixed(0)} ms (CPU ${deltaCpu[turn]?.toFixed(0)}, ` +
          `${JSON.stringify(result.phasesMs)}); plain listing of versions ${rawLists[turn]?.toFixed(0)} ms ` +
          `(CPU ${rawListCpu[turn]?.toFixed(0)})\n`,
      );
    }
    // The delta's result must be what a full sync gives now.
    const fresh = new CatalogIndex();
    await newSync(fresh, baseUrl).sync();
    const etags = (of: CatalogIndex): string[] =>
      of
        .entities()
        .map(
          (record) =>
            `${record.ref} ${String(record.entity.metadata.etag)} ${String(record.entity.metadata.description)}`,
        )
        .sort();
    const equal = JSON.stringify(etags(fresh)) === JSON.stringify(etags(index as CatalogIndex));
    fresh.dispose();
    index?.dispose();
    const rss = [runPhase('sync-rss', [baseUrl]), runPhase('sync-rss', [baseUrl])];
    const syncMs = median(full);
    const deltaMs = median(deltas);
    return {
      entities,
      sync_ms: round(syncMs, 0),
      raw_fetch_ms: round(median(raw), 0),
      sync_ratio: round(syncMs / median(raw), 2),
      sync_cpu_ms: round(median(fullCpu), 0),
      raw_fetch_cpu_ms: round(median(rawCpu), 0),
      sync_cpu_ratio: round(median(fullCpu) / median(rawCpu), 2),
      delta_ms: round(deltaMs, 0),
      delta_changed: changed,
      delta_ratio: round(deltaMs / syncMs, 3),
      delta_cpu_ms: round(median(deltaCpu), 0),
      raw_list_ms: round(median(rawLists), 0),
      raw_list_cpu_ms: round(median(rawListCpu), 0),
      delta_equals_full_sync: equal,
      rss_mb: round(Math.max(...rss.map((phase) => Number(phase?.['rss_mb'] ?? Number.NaN))), 0),
    };
  } finally {
    child.kill();
  }
}

function best(results: readonly (PhaseResult | undefined)[]): PhaseResult | undefined {
  return results
    .filter((result): result is PhaseResult => result !== undefined)
    .sort((a, b) => Number(a['ms']) - Number(b['ms']))[0];
}

async function workspaceFigures(): Promise<Record<string, number | boolean | null>> {
  const root = generateMonorepo(path.join(repository, 'bench', '.data'), WORKSPACE);
  await buildWorker();
  runPhase('ws-cold', [root]); // pulls the files into the page cache
  const colds: (PhaseResult | undefined)[] = [];
  const warms: (PhaseResult | undefined)[] = [];
  for (let turn = 0; turn < ROUNDS; turn++) {
    colds.push(runPhase('ws-cold', [root]));
    warms.push(runPhase('ws-warm', [root]));
  }
  // Raw figures of every round: on a shared machine the best alone hides how much they vary.
  const raw = (phases: readonly (PhaseResult | undefined)[]): string =>
    phases
      .map((phase) =>
        ['first_rows_ms', 'listed_ms', 'ms'].map((key) => String(round(Number(phase?.[key]), 0))).join('/'),
      )
      .join(', ');
  process.stdout.write(`workspace cold first rows/listed/full (ms): ${raw(colds)}\n`);
  process.stdout.write(`workspace warm first rows/listed/full (ms): ${raw(warms)}\n`);
  const cold = best(colds);
  const warm = best(warms);
  const number = (value: unknown): number | null => (typeof value === 'number' ? round(value, 0) : null);
  return {
    workspace_entities: number(cold?.['entities']),
    first_rows_ms: number(cold?.['first_rows_ms']),
    full_index_ms: number(cold?.['ms']),
    warm_index_ms: number(warm?.['ms']),
    warm_first_rows_ms: number(warm?.['first_rows_ms']),
    cache_rewritten_when_unchanged: warms.some((phase) => phase?.['cache_rewritten_when_unchanged'] === true),
  };
}

/** BENCH_SCALE_ONLY=registry,goto,workspace runs a part (while working on it); the default runs all. */
const ONLY = new Set((process.env['BENCH_SCALE_ONLY'] ?? 'registry,goto,workspace').split(','));
const SKIPPED = { p95_ms: Number.NaN };

async function orchestrate(): Promise<void> {
  const registry = ONLY.has('registry') ? await registryFigures() : {};
  const small = ONLY.has('goto') ? measureGoto(1_000) : SKIPPED;
  const large = ONLY.has('goto') ? measureGoto(100_000) : SKIPPED;
  const workspace = ONLY.has('workspace') ? await workspaceFigures() : {};
  const result: Record<string, number | boolean | null> = {
    ...registry,
    goto_filter_p95_ms_1k: small.p95_ms,
    goto_filter_p95_ms_100k: large.p95_ms,
    goto_p95_ratio: round(large.p95_ms / Math.max(small.p95_ms, 0.001), 2),
    ...workspace,
    rounds: ROUNDS,
  };
  const ratioOf = (part: number | boolean | null | undefined, whole: number | boolean | null | undefined): string =>
    typeof part === 'number' && typeof whole === 'number' ? String(round(part / whole, 2)) : '?';
  printTable(`Company scale (median of ${ROUNDS} for the registry, best of ${ROUNDS} for the workspace)`, [
    ['registry entities (loopback replay of real Backstage pages)', String(result['entities'])],
    ['plain paginated fetch (ms)', String(result['raw_fetch_ms'])],
    [
      'Greenroom full sync into the index (ms)',
      `${String(result['sync_ms'])}  (ratio ${String(result['sync_ratio'])}, goal <= 1.2)`,
    ],
    [
      `delta sync, ${String(result['delta_changed'])} changed (ms)`,
      `${String(result['delta_ms'])}  (ratio ${String(result['delta_ratio'])}, goal <= 0.2)`,
    ],
    [
      'CPU of this process: plain fetch / full sync (ms)',
      `${String(result['raw_fetch_cpu_ms'])} / ${String(result['sync_cpu_ms'])}  (ratio ${String(result['sync_cpu_ratio'])})`,
    ],
    [
      'delta CPU / plain listing of versions, wall (CPU) (ms)',
      `${String(result['delta_cpu_ms'])} / ${String(result['raw_list_ms'])} (${String(result['raw_list_cpu_ms'])})`,
    ],
    ['delta equals a full sync', String(result['delta_equals_full_sync'])],
    ['peak RSS of a CLI-like sync (MB, goal <= 400)', String(result['rss_mb'])],
    [
      'Go to Entity filter p95, 1k / 100k (ms)',
      `${small.p95_ms} / ${large.p95_ms}  (ratio ${String(result['goto_p95_ratio'])}, goal <= 2)`,
    ],
    ['workspace entities', String(result['workspace_entities'])],
    [
      'first rows / full index (ms)',
      `${String(result['first_rows_ms'])} / ${String(result['full_index_ms'])}  (ratio ${ratioOf(result['first_rows_ms'], result['full_index_ms'])}, goal <= 0.2)`,
    ],
    [
      'warm index (ms)',
      `${String(result['warm_index_ms'])}  (ratio ${ratioOf(result['warm_index_ms'], result['full_index_ms'])}, goal <= 0.3)`,
    ],
    ['cache rewritten when unchanged', String(result['cache_rewritten_when_unchanged'])],
  ]);
  process.stdout.write(`BENCH_SCALE ${JSON.stringify(result)}\n`);
}

async function phase(name: string, args: readonly string[]): Promise<PhaseResult> {
  const [first = ''] = args;
  switch (name) {
    case 'sync-rss':
      return syncRssPhase(first);
    case 'ws-cold':
      return workspacePhase(first, 'cold');
    case 'ws-warm':
      return workspacePhase(first, 'warm');
    default:
      throw new Error(`unknown phase ${name}`);
  }
}

const [phaseName, ...phaseArgs] = process.argv.slice(2);
if (phaseName === 'replay') {
  void serveReplay(Number(phaseArgs[0])).then(({ baseUrl }) => process.stdout.write(`REPLAY ${baseUrl}\n`));
  // Ends with the bench: its stdin closes when the parent goes.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
} else {
  const run = phaseName
    ? phase(phaseName, phaseArgs).then((result) => process.stdout.write(`PHASE ${JSON.stringify(result)}\n`))
    : orchestrate();
  run.catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
