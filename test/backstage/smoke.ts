// Smoke test of the real Backstage backend harness: install, start with a static token and the
// fixture catalog, check auth, page through every entity, refresh one, stop; prints timings.
//   node out/test/backstage/smoke.js [components] [processingIntervalSeconds]
// (defaults: 1,000 components, which is 1,339 entities served, and a 1 s interval)
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { httpRequest, installBackstage, startBackstage, type RunningBackstage } from './backstageServer';
import { DEFAULT_FIXTURE_COMPONENTS, fixtureEntityCount, writeFixtureCatalog } from './fixtureCatalog';

interface PagedEntity {
  readonly ref: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly relationTargets: string[];
}

interface Page {
  readonly items: PagedEntity[];
  readonly totalItems: number;
  readonly nextCursor: string | undefined;
}

async function main(): Promise<void> {
  const components = Number(process.argv[2] ?? DEFAULT_FIXTURE_COMPONENTS);
  const processingIntervalSeconds = Number(process.argv[3] ?? 1);
  const expected = fixtureEntityCount(components);
  const timings: Record<string, string> = {};
  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings[label] = `${((performance.now() - started) / 1000).toFixed(2)} s`;
    return result;
  };

  const installDir = await time('install', installBackstage);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-fixture-'));
  const files = writeFixtureCatalog(folder, components);
  console.log(
    `fixture: ${components} components, ${files.length} files, ${expected} entities expected (incl. one Location per file); processing interval ${processingIntervalSeconds} s`,
  );

  const token = randomBytes(24).toString('base64url');
  let server: RunningBackstage | undefined;
  try {
    server = await time('start to ready', () =>
      startBackstage({ token, catalogFiles: files, installDir, processingIntervalSeconds }),
    );
    const running = server;
    console.log(`ready at ${running.baseUrl} (pid ${running.pid})`);
    const cpuAtReady = cpuSeconds(running.pid);
    await time('ready to all entities served', () => running.waitForEntityCount(expected, 900_000));
    const cpuIngest = cpuSeconds(running.pid) - cpuAtReady;
    const rssAfterIngest = memory(running.pid);

    const probe = `${running.baseUrl}/api/catalog/entities/by-query?limit=1`;
    expectStatus('no Authorization header', (await httpRequest('GET', probe)).status, 401);
    expectStatus(
      'wrong token',
      (await httpRequest('GET', probe, { authorization: 'Bearer not-the-token' })).status,
      401,
    );
    expectStatus('right token', (await httpRequest('GET', probe, { authorization: `Bearer ${token}` })).status, 200);

    const all = await time('page through all (limit 500)', () => pageAll(running, token, 500));
    const uids = new Set(all.items.map((item) => item.uid));
    if (all.items.length !== expected || uids.size !== expected || all.totalItems !== expected) {
      throw new Error(
        `paging returned ${all.items.length} items (${uids.size} distinct, totalItems ${all.totalItems}); expected ${expected}`,
      );
    }
    const outOfOrder = all.items.filter(
      (item, index) => index > 0 && (all.items[index - 1]?.name ?? '') > item.name,
    ).length;
    if (outOfOrder > 0) throw new Error(`${outOfOrder} items out of metadata.name order`);
    console.log(`paged ${all.items.length} entities in ${all.pages} pages, all distinct, in name order`);
    const refs = new Set(all.items.map((item) => item.ref));
    const targets = all.items.flatMap((item) => item.relationTargets);
    const dangling = targets.filter((target) => !refs.has(target));
    if (dangling.length > 0)
      throw new Error(
        `${dangling.length} relations point at missing entities, e.g. ${dangling.slice(0, 5).join(', ')}`,
      );
    console.log(`relations: ${targets.length}, all targets exist`);

    const first = all.items.find((item) => item.kind === 'Component');
    if (first === undefined) throw new Error('no Component in the catalog');
    await running.refresh(`component:default/${first.name}`);
    const missing = await httpRequest(
      'POST',
      `${running.baseUrl}/api/catalog/refresh`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      JSON.stringify({ entityRef: 'component:default/does-not-exist' }),
    );
    console.log(`refresh of component:default/${first.name}: ok; of a missing entity: HTTP ${missing.status}`);

    const rssAfterPaging = memory(running.pid);
    await time('stop', () => running.stop());
    console.log('\ntimings:');
    for (const [label, value] of Object.entries(timings)) console.log(`  ${label.padEnd(32)} ${value}`);
    console.log(
      `  server CPU during ingestion     ${cpuIngest.toFixed(1)} s (${(expected / cpuIngest).toFixed(0)} entities per CPU second)`,
    );
    console.log(`  server RSS after ingestion      ${rssAfterIngest}`);
    console.log(`  server RSS after paging         ${rssAfterPaging}`);
    console.log(
      `  machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
    );
    console.log('\nsmoke: PASS');
  } catch (err) {
    if (server !== undefined) {
      console.error(`--- backend log (tail) ---\n${server.log().trimEnd().split('\n').slice(-30).join('\n')}`);
      await server.stop();
    }
    throw err;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

async function pageAll(
  server: RunningBackstage,
  token: string,
  limit: number,
): Promise<{ items: PagedEntity[]; totalItems: number; pages: number }> {
  const headers = { authorization: `Bearer ${token}` };
  const base = `${server.baseUrl}/api/catalog/entities/by-query?limit=${limit}&fields=kind,metadata.namespace,metadata.name,metadata.uid,relations`;
  let page = await fetchPage(`${base}&orderField=metadata.name,asc`, headers);
  const items = [...page.items];
  const totalItems = page.totalItems;
  let pages = 1;
  while (page.nextCursor !== undefined) {
    page = await fetchPage(`${base}&cursor=${encodeURIComponent(page.nextCursor)}`, headers);
    items.push(...page.items);
    pages += 1;
    if (pages > 10_000) throw new Error('paging does not end');
  }
  return { items, totalItems, pages };
}

async function fetchPage(url: string, headers: Record<string, string>): Promise<Page> {
  const result = await httpRequest('GET', url, headers);
  if (result.status !== 200) throw new Error(`GET ${url}: HTTP ${result.status}: ${result.body.slice(0, 300)}`);
  const body = asRecord(JSON.parse(result.body));
  const items = Array.isArray(body['items']) ? body['items'].map(toPagedEntity) : [];
  const pageInfo = asRecord(body['pageInfo']);
  const nextCursor = typeof pageInfo['nextCursor'] === 'string' ? pageInfo['nextCursor'] : undefined;
  const totalItems = typeof body['totalItems'] === 'number' ? body['totalItems'] : -1;
  return { items, totalItems, nextCursor };
}

function toPagedEntity(value: unknown): PagedEntity {
  const entity = asRecord(value);
  const metadata = asRecord(entity['metadata']);
  const kind = String(entity['kind']);
  const name = String(metadata['name']);
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default';
  const relations = Array.isArray(entity['relations']) ? entity['relations'] : [];
  const relationTargets = relations.map((relation) => String(asRecord(relation)['targetRef']));
  return {
    ref: `${kind}:${namespace}/${name}`.toLowerCase(),
    kind,
    name,
    uid: String(metadata['uid']),
    relationTargets,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function expectStatus(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: HTTP ${actual}, expected ${expected}`);
  console.log(`auth: ${what} -> ${actual}`);
}

/** User + system CPU time of a process so far, from /proc (clock ticks of 1/100 s, Linux's USER_HZ). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** VmRSS (and the peak, VmHWM) of a process, from /proc. */
function memory(pid: number): string {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): string =>
      /^\S+:\s+(\d+) kB/m.exec(status.split('\n').find((line) => line.startsWith(`${name}:`)) ?? '')?.[1] ?? '?';
    const mb = (kb: string): string => (kb === '?' ? '?' : `${(Number(kb) / 1024).toFixed(0)} MB`);
    return `${mb(field('VmRSS'))} (peak ${mb(field('VmHWM'))})`;
  } catch {
    return 'unknown (no /proc)';
  }
}

main().catch((err: unknown) => {
  console.error(`smoke: FAIL: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
