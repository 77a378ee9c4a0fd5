import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../../../src/catalog/catalogEntity';
import { planDelta, registryRefOf, versionOf } from '../../../src/registry/deltaPlan';
import { registryPage } from '../../../src/registry/registryRecords';
import { VersionListing } from '../../../src/registry/versionListing';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function served(name: string, options: { uid?: unknown; etag?: unknown; namespace?: unknown; kind?: string }): Entity {
  const metadata: Record<string, unknown> = { name };
  if (options.namespace !== undefined) metadata['namespace'] = options.namespace;
  if (options.uid !== undefined) metadata['uid'] = options.uid;
  if (options.etag !== undefined) metadata['etag'] = options.etag;
  return { apiVersion: 'backstage.io/v1alpha1', kind: options.kind ?? 'Component', metadata } as unknown as Entity;
}

/** What a delta listing serves: only identity and version. */
function identity(entity: Entity): Entity {
  const { uid, etag, name, namespace } = entity.metadata;
  return {
    kind: entity.kind,
    metadata: {
      name,
      ...(namespace === undefined ? {} : { namespace }),
      ...(uid === undefined ? {} : { uid }),
      ...(etag === undefined ? {} : { etag }),
    },
  } as Entity;
}

async function recordsOf(entities: readonly Entity[]): Promise<CatalogEntityRecord[]> {
  return (await registryPage('acme', 'greenroom-registry:acme/1/0', entities)).entities;
}

/** planDelta over the same records and listing, as runDelta computed it before VersionListing. */
function expectedPlan(records: readonly CatalogEntityRecord[], listing: readonly Entity[]): unknown {
  const known = new Map<string, ReturnType<typeof versionOf>>();
  for (const record of records) {
    if (!known.has(record.ref)) known.set(record.ref, versionOf(record.entity));
  }
  return planDelta(
    known,
    listing.map((item) => [registryRefOf(item), versionOf(item)] as const),
  );
}

function listAll(listing: VersionListing, items: readonly Entity[]): string[] {
  const wanted: string[] = [];
  for (const item of items) {
    const ref = listing.add(item);
    if (ref !== undefined) wanted.push(ref);
  }
  return wanted;
}

describe('VersionListing', () => {
  it('keeps the unchanged, fetches the changed, new and re-created, lists the deleted', async () => {
    const records = await recordsOf([
      served('a', { uid: 'ua', etag: '1', namespace: 'default' }),
      served('b', { uid: 'ub', etag: '1', namespace: 'default' }),
      served('c', { uid: 'uc', etag: '1' }),
      served('d', { uid: 'ud', etag: '1' }),
    ]);
    const listing = new VersionListing(records);
    assert.equal(listing.anyEtag, true);
    const wanted = listAll(listing, [
      identity(served('b', { uid: 'ub', etag: '2', namespace: 'default' })),
      identity(served('a', { uid: 'ua', etag: '1' })),
      identity(served('c', { uid: 'uc2', etag: '1' })),
      identity(served('e', { uid: 'ue', etag: '1' })),
    ]);
    assert.deepEqual(wanted, ['component:default/b', 'component:default/c', 'component:default/e']);
    assert.deepEqual(listing.plan(), {
      order: ['component:default/b', 'component:default/a', 'component:default/c', 'component:default/e'],
      fetch: ['component:default/b', 'component:default/c', 'component:default/e'],
      deleted: ['component:default/d'],
    });
    assert.equal(listing.knows('component:default/b'), true);
    assert.equal(listing.knows('component:default/e'), false);
  });

  it('a uid served under another name is not taken for the record that had it', async () => {
    const records = await recordsOf([served('a', { uid: 'u1', etag: '1' }), served('b', { uid: 'u2', etag: '1' })]);
    const listing = new VersionListing(records);
    // The registry swapped the uids: both are fetched, neither is kept as it was.
    const wanted = listAll(listing, [served('a', { uid: 'u2', etag: '1' }), served('b', { uid: 'u1', etag: '1' })]);
    assert.deepEqual(wanted, ['component:default/a', 'component:default/b']);
  });

  it('no etag in the last sync: anyEtag is false', async () => {
    const listing = new VersionListing(await recordsOf([served('a', { uid: 'u1' })]));
    assert.equal(listing.anyEtag, false);
  });

  it('gives what planDelta gives, for random baselines and listings (differential)', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
      const names = ['a', 'b', 'B', 'c', 'd', 'e', 'Σίσυφος', 'f'];
      const spell = (): Partial<Record<'uid' | 'etag' | 'namespace' | 'kind', unknown>> => ({
        uid: pick(['u1', 'u2', 'u3', '', undefined, 7]),
        etag: pick(['1', '2', '', undefined, null]),
        namespace: pick(['default', 'Default', 'other', undefined, null]),
        kind: pick(['Component', 'component', 'API']),
      });
      const baseline = Array.from({ length: Math.floor(next() * 8) }, () =>
        served(pick(names), spell() as { kind?: string }),
      );
      const items = Array.from({ length: Math.floor(next() * 10) }, () =>
        served(pick(names), spell() as { kind?: string }),
      );
      const records = await recordsOf(baseline);
      const listing = new VersionListing(records);
      const wanted = listAll(listing, items);
      const plan = listing.plan();
      assert.deepEqual(plan, expectedPlan(records, items), `seed ${seed}`);
      assert.deepEqual(wanted, plan.fetch, `seed ${seed}`);
    }
  });
});
