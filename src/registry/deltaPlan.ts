import type { Entity } from '@backstage/catalog-model';
import { formatEntityRef } from '../catalog/entityRefs';

/** What a registry says about an entity's version; a delta sync compares nothing else. */
export interface EntityVersion {
  readonly uid: string | undefined;
  readonly etag: string | undefined;
}

/** What a delta sync does: the refs in the registry's order, those to fetch whole, those gone. */
export interface DeltaPlan {
  readonly order: readonly string[];
  readonly fetch: readonly string[];
  readonly deleted: readonly string[];
}

/** The ref a registry entity is indexed under (namespace `default` when the server left it out). */
export function registryRefOf(entity: Entity): string {
  return formatEntityRef(entity);
}

/** uid and etag when the server sent them as strings; anything else counts as unknown. */
export function versionOf(entity: Entity): EntityVersion {
  const metadata = entity.metadata as { uid?: unknown; etag?: unknown };
  return {
    uid: typeof metadata.uid === 'string' && metadata.uid !== '' ? metadata.uid : undefined,
    etag: typeof metadata.etag === 'string' && metadata.etag !== '' ? metadata.etag : undefined,
  };
}

/** Unchanged only when both sides carry an etag and the etags and uids agree: unknown means fetch. */
export function sameVersion(known: EntityVersion, listed: EntityVersion): boolean {
  return known.etag !== undefined && known.etag === listed.etag && known.uid === listed.uid;
}

/**
 * Compares the last sync (ref → version) with the registry's listing. A ref listed twice counts
 * once (the first), as the index would show one entity for it anyway. The statement of what a
 * delta does: VersionListing does the same item by item, and a differential test holds them equal.
 */
export function planDelta(
  baseline: ReadonlyMap<string, EntityVersion>,
  listed: Iterable<readonly [string, EntityVersion]>,
): DeltaPlan {
  const order: string[] = [];
  const fetch: string[] = [];
  const seen = new Set<string>();
  for (const [ref, version] of listed) {
    if (seen.has(ref)) {
      continue;
    }
    seen.add(ref);
    order.push(ref);
    const known = baseline.get(ref);
    if (!known || !sameVersion(known, version)) {
      fetch.push(ref);
    }
  }
  const deleted = [...baseline.keys()].filter((ref) => !seen.has(ref));
  return { order, fetch, deleted };
}
