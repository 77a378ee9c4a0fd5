import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as zlib from 'node:zlib';
import { CatalogIndex } from '../src/catalog';
import { CatalogApiClient } from '../src/registry/catalogApiClient';
import { RegistrySync } from '../src/registry/registrySync';
import { startBackstage } from '../test/backstage/backstageServer';
import { fixtureEntityCount, writeFixtureCatalog } from '../test/backstage/fixtureCatalog';
import { printTable, round } from './statistics';

/**
 * Sync of ~20,000 entities from a real Backstage backend through Greenroom's client and index,
 * against a plain paginated fetch of the same pages in the same run: uncompressed, as Greenroom
 * asks a loopback registry, and gzip-compressed for reference. Slow to set up (the
 * backend ingests ~70 entities per CPU second), so it is not part of the default `npm run bench`.
 */
/** Pages fetched with node's http, each parsed with JSON.parse: the least a client can do. */
async function plainFetch(baseUrl: string, token: string, acceptEncoding: 'identity' | 'gzip'): Promise<number> {
  let cursor: string | undefined;
  let count = 0;
  for (;;) {
    const query = cursor ? `cursor=${encodeURIComponent(cursor)}&limit=500` : 'limit=500&orderField=metadata.name,asc';
    const body = await get(`${baseUrl}/api/catalog/entities/by-query?${query}`, {
      Authorization: `Bearer ${token}`,
      'Accept-Encoding': acceptEncoding,
    });
    const page = JSON.parse(body) as { items: unknown[]; pageInfo: { nextCursor?: string } };
    count += page.items.length;
    cursor = page.pageInfo.nextCursor;
    if (!cursor) {
      return count;
    }
  }
}

function get(url: string, headers: Readonly<Record<string, string>>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve((response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8'));
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Each measurement starts from a collected heap when node runs with --expose-gc (npm run bench does). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function round0(value: number | undefined): string {
  return value === undefined ? '?' : value.toFixed(0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Backend {
  readonly baseUrl: string;
  readonly token: string;
  readonly ingestMs: number | undefined;
  stop(): Promise<void>;
}

/** A backend of its own, or one already running (BENCH_REGISTRY_BASE_URL and BENCH_REGISTRY_TOKEN) to measure again without ingesting again. */
async function backendToMeasure(): Promise<Backend> {
  const baseUrl = process.env['BENCH_REGISTRY_BASE_URL'];
  if (baseUrl) {
    return {
      baseUrl,
      token: process.env['BENCH_REGISTRY_TOKEN'] ?? '',
      ingestMs: undefined,
      stop: () => Promise.resolve(),
    };
  }
  const components = Number(process.env['BENCH_REGISTRY_COMPONENTS'] ?? 15_000);
  const token = 'bench-registry-token-1f9e';
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-registry-bench-'));
  const files = writeFixtureCatalog(folder, components);
  const setupStarted = performance.now();
  const backend = await startBackstage({ token, catalogFiles: files, processingIntervalSeconds: 3600 });
  const stop = async (): Promise<void> => {
    await backend.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    await backend.waitForEntityCount(fixtureEntityCount(components), 30 * 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: backend.baseUrl, token, ingestMs: performance.now() - setupStarted, stop };
}

async function main(): Promise<void> {
  const rounds = Number(process.env['BENCH_REGISTRY_ROUNDS'] ?? 5);
  const backend = await backendToMeasure();
  const { token } = backend;
  try {
    const plain: number[] = [];
    const plainGzip: number[] = [];
    const greenroom: number[] = [];
    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    let entities = 0;
    for (let round = 0; round < rounds; round++) {
      collectGarbage();
      let started = performance.now();
      entities = await plainFetch(backend.baseUrl, token, 'identity');
      plain.push(performance.now() - started);
      const index = new CatalogIndex();
      collectGarbage();
      started = performance.now();
      await new RegistrySync(
        index,
        new CatalogApiClient({ name: 'bench', baseUrl: backend.baseUrl }, { token, pageSize: 500 }),
        undefined,
      ).sync();
      greenroom.push(performance.now() - started);
      if (index.size !== entities) {
        throw new Error(`Greenroom indexed ${index.size} entities, the backend served ${entities}`);
      }
      collectGarbage();
      started = performance.now();
      await plainFetch(backend.baseUrl, token, 'gzip');
      plainGzip.push(performance.now() - started);
      process.stdout.write(
        `round ${round + 1}: plain ${round0(plain[round])} ms, Greenroom ${round0(greenroom[round])} ms, plain gzip ${round0(plainGzip[round])} ms\n`,
      );
    }
    clearInterval(sampler);
    const result = {
      entities,
      backend_ingest_s: backend.ingestMs === undefined ? null : round(backend.ingestMs / 1000, 0),
      plain_fetch_ms: round(median(plain), 0),
      plain_fetch_gzip_ms: round(median(plainGzip), 0),
      greenroom_sync_ms: round(median(greenroom), 0),
      sync_ratio: round(median(greenroom) / median(plain), 2),
      peak_rss_mb: round(peakRss / 1024 / 1024, 0),
      rounds,
    };
    printTable(`Registry sync of ${entities} entities from a real Backstage backend (median of ${rounds})`, [
      ['backend ingestion (s)', result.backend_ingest_s ?? 'already running'],
      ['plain paginated fetch, uncompressed (ms)', result.plain_fetch_ms],
      ['plain paginated fetch, gzip (ms, for reference)', result.plain_fetch_gzip_ms],
      ['Greenroom sync into the index (ms)', result.greenroom_sync_ms],
      ['ratio (goal <= 1.2)', result.sync_ratio],
      ['peak RSS of this process (MB)', result.peak_rss_mb],
    ]);
    process.stdout.write(`BENCH_REGISTRY ${JSON.stringify(result)}\n`);
  } finally {
    await backend.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
