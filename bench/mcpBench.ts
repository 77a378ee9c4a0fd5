import { existsSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { generateMonorepo, type MonorepoShape } from './syntheticMonorepo';
import { percentile, printTable, round } from './statistics';

/**
 * `greenroom mcp` on the 20,000-entity synthetic monorepo, driven by the SDK's own client over
 * stdio as an agent would: start to first answer (cold, then warm from --cache), and tools/call
 * round-trip latency for the calls agents make most. Prints tables, then `BENCH {json}`.
 * Needs `node esbuild.mjs` first (it runs dist/cli.js, which parses in dist/catalogWorker.js).
 */

const repository = path.join(__dirname, '..', '..');
const dataFolder = process.env['BENCH_DATA'] ?? path.join(repository, 'bench', '.data');
// BENCH_CLI: another build's cli.js (with its catalogWorker.js beside it), to compare two builds.
const cli = process.env['BENCH_CLI'] ?? path.join(repository, 'dist', 'cli.js');
const cacheFile = path.join(repository, 'out', 'bench', 'cache', 'mcp-index.jsonl');
const LARGE: MonorepoShape = { files: Number(process.env['BENCH_FILES'] ?? 10_000), groups: 50, systems: 20 };
const CALLS = Number(process.env['BENCH_CALLS'] ?? 300);

function serviceName(index: number): string {
  return `svc-${String(index).padStart(5, '0')}`;
}

interface StartedServer {
  readonly client: Client;
  readonly firstAnswerMs: number;
  /** The server's own account of its CPU (all threads, since launch) when it could answer from the cache. */
  readonly cpuWhenAnsweringMs: Promise<number | undefined>;
  /** Resolves (ms after start) when the server follows file changes: its start-up work is over. */
  readonly settled: Promise<number>;
}

async function startServer(root: string): Promise<StartedServer> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, 'mcp', root, '--cache', cacheFile],
    stderr: 'pipe',
  });
  // The server's log, passed on, and read for the two moments it reports.
  let log = '';
  let answering: (cpu: number | undefined) => void = () => undefined;
  let following: (ms: number) => void = () => undefined;
  const cpuWhenAnsweringMs = new Promise<number | undefined>((resolve) => (answering = resolve));
  const settled = new Promise<number>((resolve) => (following = resolve));
  transport.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    log += chunk.toString('utf8');
    const cpu = /answering from the cache \([^)]*, (\d+) ms CPU\)/.exec(log);
    if (cpu) {
      answering(Number(cpu[1]));
    }
    if (log.includes('following file changes')) {
      following(performance.now() - started);
    }
  });
  const client = new Client({ name: 'greenroom-bench', version: '1.0.0' });
  await client.connect(transport);
  const answer = await client.callTool({
    name: 'get-catalog-entity',
    arguments: { kind: 'Component', name: serviceName(0) },
  });
  if (answer.isError) {
    throw new Error(`first call failed: ${JSON.stringify(answer.content)}`);
  }
  const firstAnswerMs = performance.now() - started;
  // A cold start answers after indexing: it never logs answering from the cache.
  void settled.then(() => answering(undefined));
  return { client, firstAnswerMs, cpuWhenAnsweringMs, settled };
}

async function latency(
  client: Client,
  name: string,
  argumentsFor: (round: number) => Record<string, unknown>,
): Promise<{ p50: number; p99: number; max: number }> {
  // A few calls first: the first of a kind builds lookup tables and warms the JIT.
  for (let round = 0; round < 5; round++) {
    await client.callTool({ name, arguments: argumentsFor(round) });
  }
  const samples: number[] = [];
  for (let round = 0; round < CALLS; round++) {
    const started = performance.now();
    const result = await client.callTool({ name, arguments: argumentsFor(round) });
    samples.push(performance.now() - started);
    if (result.isError) {
      throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    }
  }
  return {
    p50: round(percentile(samples, 0.5), 2),
    p99: round(percentile(samples, 0.99), 2),
    max: round(Math.max(...samples), 2),
  };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) {
    throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  }
  const root = generateMonorepo(dataFolder, LARGE);
  rmSync(cacheFile, { force: true });
  const cold = await startServer(root);
  // The cache is written after the first index: wait for it (a client closing at once gives the
  // server about 2 s before SIGTERM), or the "warm" start below would index from nothing.
  for (let waited = 0; !existsSync(cacheFile); waited += 250) {
    if (waited > 120_000) {
      throw new Error(`the cold server wrote no cache at ${cacheFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await cold.client.close();
  const cacheBytes = statSync(cacheFile).size;
  const warm = await startServer(root);
  const client = warm.client;
  // Latency is measured once the start-up work is over: the check of the cache against the disk
  // and setting up a watch per folder (10,000 here) take seconds of CPU beside the calls, which on
  // a busy machine is most of it. Calls made meanwhile are answered, just not at full speed.
  const settledMs = await Promise.race([
    warm.settled,
    new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 120_000)),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const warmCpuMs = await warm.cpuWhenAnsweringMs;
  const pick = (round: number): number => (round * 7919) % LARGE.files;
  const results = {
    'get-catalog-entity': await latency(client, 'get-catalog-entity', (round) => ({
      kind: 'Component',
      namespace: 'default',
      name: serviceName(pick(round)),
    })),
    'get-catalog-entity (name only)': await latency(client, 'get-catalog-entity', (round) => ({
      name: serviceName(pick(round)),
    })),
    'query-catalog-entities': await latency(client, 'query-catalog-entities', (round) => ({
      query: { kind: 'Component', 'spec.owner': `team-${round % 50}` },
      limit: 20,
      fields: ['metadata.name', 'spec.owner'],
    })),
    'query-catalog-entities (no kind)': await latency(client, 'query-catalog-entities', (round) => ({
      query: { 'metadata.tags': { $contains: `tier-${round % 3}` } },
      limit: 20,
      fields: ['metadata.name'],
    })),
    'who-owns': await latency(client, 'who-owns', (round) => {
      const index = pick(round);
      return { path: `services/area-${Math.floor(index / 100)}/${serviceName(index)}/src/index.ts` };
    }),
    'entity-relations (depth 3)': await latency(client, 'entity-relations', (round) => ({
      ref: `component:${serviceName(pick(round))}`,
      depth: 3,
    })),
  };
  await client.close();
  const entities = LARGE.files * 2;
  printTable(`greenroom mcp, ${entities} entities`, [
    ['index cache (MB)', round(cacheBytes / 1024 / 1024, 1)],
    ['start to first answer, cold (ms)', round(cold.firstAnswerMs, 0)],
    ['start to first answer, warm cache (ms)', round(warm.firstAnswerMs, 0)],
    ['server CPU when answering from the cache (ms)', warmCpuMs ?? 'n/a'],
    ['warm start work over, following changes (ms)', round(settledMs, 0)],
    ...Object.entries(results).map(([name, stats]): [string, string] => [
      `${name} p50 / p99 / max (ms)`,
      `${stats.p50} / ${stats.p99} / ${stats.max}`,
    ]),
  ]);
  process.stdout.write(
    `BENCH ${JSON.stringify({ entities, calls: CALLS, coldFirstAnswerMs: round(cold.firstAnswerMs, 0), warmFirstAnswerMs: round(warm.firstAnswerMs, 0), warmFirstAnswerCpuMs: warmCpuMs ?? null, warmSettledMs: round(settledMs, 0), latency: results })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
