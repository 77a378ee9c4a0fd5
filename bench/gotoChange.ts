// Go to Entity after the catalog changed: what the user waits for between saving one entity and
// seeing the list, with the search index rebuilt (as before) and patched (EntityPickSearch); the
// background build's longest slice (how long it holds the extension host at once); and the
// keystroke p95 on an index patched with 1 % of its entities. Used by `npm run bench goto`.
import type { Entity } from '@backstage/catalog-model';
import { CatalogIndex } from '../src/catalog';
import { PatchableEntitySearch } from '../src/catalog/views/patchableEntitySearch';
import { EntityPickSearch } from '../src/features/goToEntity/entityPickSearch';
import { entityPick, entityPickOrder } from '../src/features/goToEntity/entityPicks';
import { registryPage } from '../src/registry/registryRecords';
import { entities, keystrokes } from './gotoMeasure';
import { percentile, round } from './statistics';

/** What registerGoToEntity shows per query. */
const SHOWN = 100;
const ROUNDS = 3;
const PAGE = 1_000;

export interface GotoChangeFigures {
  /** Time from the change event to the list shown, rebuilding the index (before: any change dropped it). */
  readonly rebuild_ms: number;
  readonly rebuild_cpu_ms: number;
  /** The same with the index patched, the first Go to Entity right after the change. */
  readonly patched_ms: number;
  readonly patched_cpu_ms: number;
  /** The same once the catalog was quiet for a moment (the patch applied in the background). */
  readonly patched_after_quiet_ms: number;
  /** An unchanged catalog, for comparison. */
  readonly unchanged_ms: number;
  /** Background build: wall time to done, and the longest slice it ran at once. */
  readonly background_build_ms: number;
  readonly background_longest_slice_ms: number;
  /** Heap the built index keeps (MB). */
  readonly index_heap_mb: number;
  /** Keystroke p95 on an index patched with 1 % of its entities changed. */
  readonly patched_p95_ms: number;
  readonly patched_entities: number;
}

function backstageEntity(
  entity: ReturnType<typeof entities>[number],
  title?: string,
): Entity & { metadata: { tags: string[] } } {
  const kind = entity.ref.split(':')[0] as string;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind.charAt(0).toUpperCase() + kind.slice(1),
    metadata: { name: entity.name, namespace: 'default', tags: [...entity.tags], ...(title ? { title } : {}) },
    spec: { type: 'service', lifecycle: 'production', owner: entity.owner },
  };
}

async function catalogOf(count: number): Promise<{ index: CatalogIndex; data: ReturnType<typeof entities> }> {
  const data = entities(count);
  const index = new CatalogIndex();
  for (let start = 0; start < count; start += PAGE) {
    const key = `greenroom-registry:bench/1/${start / PAGE}`;
    index.upsertFile(
      await registryPage(
        'bench',
        key,
        data.slice(start, start + PAGE).map((entity) => backstageEntity(entity)),
      ),
    );
  }
  return { index, data };
}

function catalogOfIndex(index: CatalogIndex): ConstructorParameters<typeof EntityPickSearch>[0] {
  return { index, onDidChange: (listener) => index.onDidChange(listener) };
}

async function timed<R>(work: () => Promise<R>): Promise<{ wall: number; cpu: number; value: R }> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, value };
}

/** Changes one entity's title (its own one-entity page, as a workspace file would be). */
async function changeOne(
  index: CatalogIndex,
  data: ReturnType<typeof entities>,
  at: number,
  title: string,
): Promise<void> {
  const page = await registryPage('bench', `greenroom-registry:bench/1/${at / PAGE}`, [
    ...data.slice(at, at + PAGE).map((entity, offset) => backstageEntity(entity, offset === 0 ? title : undefined)),
  ]);
  const previous = index.get(page.entities[0]?.ref ?? '');
  const arriving = page.entities.slice(0, 1);
  // What a registry delta does: the other records of the page stay the very same objects.
  const kept = index.entities().filter((record) => record.file === page.file && record.ref !== arriving[0]?.ref);
  index.patchFile({ ...page, entities: [...arriving, ...kept] }, previous ? [previous] : [], arriving);
}

export async function measureGotoChange(count: number): Promise<GotoChangeFigures> {
  const { index, data } = await catalogOf(count);
  const catalog = catalogOfIndex(index);
  let rebuild = { wall: Infinity, cpu: Infinity };
  let patched = { wall: Infinity, cpu: Infinity };
  let quiet = Infinity;
  let unchanged = Infinity;
  let background = Infinity;
  let longestSlice = Infinity;
  let heapMb = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    // Before: a change dropped the index, so the first Go to Entity built all of it.
    const cold = new EntityPickSearch(catalog, { backgroundFrom: Infinity });
    await changeOne(index, data, 0, `Changed ${round} a`);
    const built = await timed(async () => (await cold.current()).search('', SHOWN));
    rebuild = { wall: Math.min(rebuild.wall, built.wall), cpu: Math.min(rebuild.cpu, built.cpu) };
    cold.dispose();

    // The background build, in slices: how long it holds the event loop at once.
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const picks = new EntityPickSearch(catalog, { backgroundFrom: 0, quietMs: 50 });
    const slices = sliceWatch();
    const started = performance.now();
    picks.warm();
    await picks.whenBuilt();
    background = Math.min(background, performance.now() - started);
    longestSlice = Math.min(longestSlice, slices.stop());
    collectGarbage();
    heapMb = Math.min(heapMb, (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);

    const same = await timed(async () => (await picks.current()).search('', SHOWN));
    unchanged = Math.min(unchanged, same.wall);

    // After: one entity changes; the next Go to Entity patches.
    await changeOne(index, data, 0, `Changed ${round} b`);
    const after = await timed(async () => (await picks.current()).search('', SHOWN));
    patched = { wall: Math.min(patched.wall, after.wall), cpu: Math.min(patched.cpu, after.cpu) };

    // And when the catalog had a quiet moment before Go to Entity opened.
    await changeOne(index, data, 0, `Changed ${round} c`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const settled = await timed(async () => (await picks.current()).search('', SHOWN));
    quiet = Math.min(quiet, settled.wall);
    picks.dispose();
  }
  const keystroke = patchedKeystrokes(index);
  return {
    rebuild_ms: round(rebuild.wall, 1),
    rebuild_cpu_ms: round(rebuild.cpu, 1),
    patched_ms: round(patched.wall, 2),
    patched_cpu_ms: round(patched.cpu, 2),
    patched_after_quiet_ms: round(quiet, 2),
    unchanged_ms: round(unchanged, 2),
    background_build_ms: round(background, 1),
    background_longest_slice_ms: round(longestSlice, 1),
    index_heap_mb: round(heapMb, 1),
    ...keystroke,
  };
}

/** The keystroke p95 (fastest of 3 passes per keystroke) on an index with 1 % of its entities changed. */
function patchedKeystrokes(index: CatalogIndex): { patched_p95_ms: number; patched_entities: number } {
  const records = index.entities();
  const search = PatchableEntitySearch.of(records.map(entityPick), entityPickOrder);
  const changed = Math.max(1, Math.floor(records.length / 100));
  for (let at = 0; at < changed; at++) {
    const record = records[(at * 97) % records.length];
    if (record) {
      const metadata = { ...record.entity.metadata, title: `Retitled ${record.entity.metadata.name}` };
      search.set(record.ref, entityPick({ ...record, entity: { ...record.entity, metadata } }));
    }
  }
  const queries = keystrokes(entities(1_000), 300);
  const fastest = new Array<number>(queries.length).fill(Number.POSITIVE_INFINITY);
  for (let pass = 0; pass < ROUNDS; pass++) {
    collectGarbage();
    queries.forEach((query, at) => {
      const begin = performance.now();
      search.search(query, SHOWN);
      fastest[at] = Math.min(fastest[at] as number, performance.now() - begin);
    });
  }
  return { patched_p95_ms: round(percentile(fastest, 0.95)), patched_entities: changed };
}

/** Watches the event loop's turns: the longest gap between two of them is the longest slice. */
function sliceWatch(): { stop(): number } {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) {
      setImmediate(tick);
    }
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return longest;
    },
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
