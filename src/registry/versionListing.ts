import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { registryRefOf, sameVersion, versionOf, type DeltaPlan } from './deltaPlan';

/**
 * A delta's comparison of the registry's listing with the last sync, item by item as the pages
 * come in; gives what planDelta gives for the same listing. At 100,000 entities the listing is
 * most of a delta, so an unchanged item costs one lookup by uid and four string comparisons: no
 * ref is built and no version object made. Anything else (another kind, name or namespace
 * spelling, another etag, a uid never seen) takes planDelta's path: the ref, then its version.
 */
export class VersionListing {
  /** The last sync, one slot per ref: the entity of the first record with it (the one the index shows). */
  private readonly refs: string[] = [];
  private readonly entities: Entity[] = [];
  private readonly slotByRef = new Map<string, number>();
  /** The same slots by uid, where uid and etag are strings; the first wins, as for refs. */
  private readonly slotByUid = new Map<string, number>();
  /** Which slots the listing showed: a byte each, where a Set of 100,000 refs cost more than the rest. */
  private readonly listed: Uint8Array;
  /** Refs the last sync did not hold, listed so far. */
  private readonly listedNew = new Set<string>();
  private readonly order: string[] = [];
  private readonly fetch: string[] = [];
  /** Whether the last sync carried any etag at all: without one, every entity would be fetched. */
  readonly anyEtag: boolean;

  constructor(records: Iterable<CatalogEntityRecord>) {
    let anyEtag = false;
    for (const record of records) {
      if (this.slotByRef.has(record.ref)) {
        continue;
      }
      const slot = this.refs.length;
      this.refs.push(record.ref);
      this.entities.push(record.entity);
      this.slotByRef.set(record.ref, slot);
      const { uid, etag } = record.entity.metadata;
      if (typeof etag === 'string' && etag !== '') {
        anyEtag = true;
        if (typeof uid === 'string' && uid !== '' && !this.slotByUid.has(uid)) {
          this.slotByUid.set(uid, slot);
        }
      }
    }
    this.anyEtag = anyEtag;
    this.listed = new Uint8Array(this.refs.length);
  }

  /** Refs the last sync held. */
  get size(): number {
    return this.refs.length;
  }

  /** Whether the last sync held this ref. */
  knows(ref: string): boolean {
    return this.slotByRef.has(ref);
  }

  /** One listed item; returns its ref when it is new or changed (to fetch whole), else undefined. */
  add(item: Entity): string | undefined {
    const metadata = item.metadata as { uid?: unknown; etag?: unknown; name: string; namespace?: string | null };
    const { uid, etag } = metadata;
    if (typeof uid === 'string' && typeof etag === 'string' && etag !== '') {
      const slot = this.slotByUid.get(uid);
      const last = slot === undefined ? undefined : this.entities[slot];
      if (
        slot !== undefined &&
        last &&
        last.metadata.etag === etag &&
        last.kind === item.kind &&
        last.metadata.name === metadata.name &&
        last.metadata.namespace === (metadata.namespace ?? 'default')
      ) {
        // The very spelling of the record's kind, namespace and name: its ref, and the same version.
        return this.note(slot, this.refs[slot] as string, false);
      }
    }
    const ref = registryRefOf(item);
    const slot = this.slotByRef.get(ref);
    const last = slot === undefined ? undefined : this.entities[slot];
    return this.note(slot, ref, !last || !sameVersion(versionOf(last), versionOf(item)));
  }

  /** The listing is complete: what planDelta would say. */
  plan(): DeltaPlan {
    const deleted: string[] = [];
    for (let slot = 0; slot < this.refs.length; slot++) {
      if (this.listed[slot] === 0) {
        deleted.push(this.refs[slot] as string);
      }
    }
    return { order: this.order, fetch: this.fetch, deleted };
  }

  /** A ref listed twice counts once (the first), as the index would show one entity for it anyway. */
  private note(slot: number | undefined, ref: string, changed: boolean): string | undefined {
    if (slot === undefined) {
      if (this.listedNew.has(ref)) {
        return undefined;
      }
      this.listedNew.add(ref);
    } else {
      if (this.listed[slot] !== 0) {
        return undefined;
      }
      this.listed[slot] = 1;
    }
    this.order.push(ref);
    if (!changed) {
      return undefined;
    }
    this.fetch.push(ref);
    return ref;
  }
}
