import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ParsedCatalogFile } from '../catalog/parseCatalogFile';
import { ByRefsAhead } from './byRefsAhead';
import { BY_REFS_BATCH, type CatalogApiClient } from './catalogApiClient';
import { registryRefOf, type DeltaPlan } from './deltaPlan';
import type { CacheLoad, RegistryCache } from './registryCache';
import { displayUrl, RegistryError, type RegistryErrorKind } from './registryErrors';
import { registryPage, registryPageKey } from './registryRecords';
import { VersionListing } from './versionListing';

export interface RegistrySyncResult {
  readonly entities: number;
  readonly pages: number;
  readonly durationMs: number;
  /** 'full' lists whole entities; 'delta' lists versions and fetches only what changed. */
  readonly mode: 'full' | 'delta';
  /** Whole entities downloaded: all of them in a full sync, the new and changed in a delta. */
  readonly fetched: number;
  /** Entities that left the registry since the last sync (delta only). */
  readonly deleted: number;
  /** Where a delta's time went: listing versions, fetching by ref, updating the index and cache. */
  readonly phasesMs?: { readonly list: number; readonly fetch: number; readonly apply: number };
}

type Progress = (fetched: number, total: number | undefined) => void;

/** Delta failures a full sync can get past: no by-refs route, or answers it cannot use. */
const DELTA_FALLBACK_KINDS: ReadonlySet<RegistryErrorKind> = new Set<RegistryErrorKind>([
  'not-found',
  'bad-response',
  'not-json',
]);

/** Cached entities are put into the index in slices of this size. */
const CACHE_PAGE_SIZE = 500;

/**
 * Keeps one registry's entities in the index. The first sync (and any after the cache was
 * unusable) is full: pages stream into a new generation while the previous one stays visible.
 * Later syncs are deltas: versions listed, changed entities fetched by ref, deleted ones dropped.
 * Only a complete sync replaces the index's set and the cache, so a registry that fails
 * mid-sync leaves the catalog and the cache as they were.
 */
export class RegistrySync {
  private generation = 0;
  private currentKeys: string[] = [];
  private running: Promise<RegistrySyncResult> | undefined;
  lastSyncedAt: string | undefined;

  constructor(
    private readonly index: CatalogIndex,
    readonly client: CatalogApiClient,
    private readonly cache: RegistryCache | undefined,
  ) {}

  get name(): string {
    return this.client.config.name;
  }

  get entityCount(): number {
    return this.currentKeys.reduce((sum, key) => sum + (this.index.fileResult(key)?.entities.length ?? 0), 0);
  }

  /** Shows the last good sync from disk, if there is one. */
  async loadCache(): Promise<CacheLoad> {
    if (!this.cache) {
      return { status: 'missing' };
    }
    const loaded = await this.cache.load();
    if (loaded.status === 'loaded' && this.currentKeys.length === 0) {
      const keys = await this.publish(++this.generation, loaded.snapshot.entities);
      if (this.currentKeys.length > 0) {
        // A sync finished while the cache was validated: the fresher entities stay.
        keys.forEach((key) => this.index.removeFile(key));
      } else {
        this.lastSyncedAt = loaded.snapshot.syncedAt;
        this.currentKeys = keys;
      }
    }
    return loaded;
  }

  /** One sync at a time; a second call while one runs joins it. */
  sync(signal?: AbortSignal, onProgress?: Progress): Promise<RegistrySyncResult> {
    this.running ??= this.runSync(signal, onProgress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Puts a freshly fetched copy of one entity in place of the one indexed (its page is rebuilt);
   * `undefined` takes it out. The cache keeps the last full sync; the next sync agrees anyway.
   * Returns whether this registry held the entity.
   */
  async replaceEntity(ref: string, entity: Entity | undefined): Promise<boolean> {
    for (const key of this.currentKeys) {
      const page = this.index.fileResult(key);
      const position = page?.entities.findIndex((record) => record.ref === ref) ?? -1;
      if (!page || position < 0) {
        continue;
      }
      const entities = page.entities.map((record) => record.entity);
      if (entity) {
        entities.splice(position, 1, entity);
      } else {
        entities.splice(position, 1);
      }
      this.index.upsertFile(await registryPage(this.name, key, entities));
      return true;
    }
    return false;
  }

  /** Takes this registry's entities out of the index. */
  remove(): void {
    for (const key of this.currentKeys) {
      this.index.removeFile(key);
    }
    this.currentKeys = [];
  }

  private async runSync(signal: AbortSignal | undefined, onProgress?: Progress): Promise<RegistrySyncResult> {
    if (this.currentKeys.length > 0) {
      try {
        const delta = await this.runDelta(signal, onProgress);
        if (delta) {
          return delta;
        }
      } catch (error) {
        // A registry (or proxy) without by-refs, or with answers a delta cannot use: a full sync
        // still works, and is what ran before delta syncs existed.
        if (!(error instanceof RegistryError) || !DELTA_FALLBACK_KINDS.has(error.kind)) {
          throw error;
        }
      }
    }
    return this.runFull(signal, onProgress);
  }

  private async runFull(signal: AbortSignal | undefined, onProgress?: Progress): Promise<RegistrySyncResult> {
    const started = Date.now();
    const generation = ++this.generation;
    const staging: string[] = [];
    const entities: Entity[] = [];
    try {
      // The client requests each next page ahead, so the registry prepares it while we index.
      for await (const page of this.client.pages(signal, this.client.syncFields)) {
        if (signal?.aborted) {
          throw new RegistryError('cancelled', displayUrl(this.client.config.baseUrl));
        }
        const key = registryPageKey(this.name, generation, staging.length);
        staging.push(key);
        const records = await registryPage(this.name, key, page.items);
        this.index.upsertFile(records);
        for (const record of records.entities) {
          entities.push(record.entity);
        }
        onProgress?.(entities.length, page.totalItems);
      }
    } catch (error) {
      for (const key of staging) {
        this.index.removeFile(key);
      }
      throw error;
    }
    const previous = this.currentKeys;
    this.currentKeys = staging;
    for (const key of previous) {
      this.index.removeFile(key);
    }
    this.lastSyncedAt = new Date().toISOString();
    await this.cache?.save({ syncedAt: this.lastSyncedAt, entities });
    return {
      entities: entities.length,
      pages: staging.length,
      durationMs: Date.now() - started,
      mode: 'full',
      fetched: entities.length,
      deleted: 0,
    };
  }

  /**
   * Lists only identity and version (kind, namespace, name, uid, etag), fetches the new and
   * changed entities by ref (while the listing goes on), and drops the deleted ones. Everything
   * is fetched before the index is touched, so a failure leaves the last sync in place. Pages of
   * the last sync lose their changed and deleted records (the others stay as they are, not
   * validated or registered again); the fetched entities go into new pages. Undefined when a
   * full sync is the better deal: the last sync carried no etags, or most entities changed.
   */
  private async runDelta(
    signal: AbortSignal | undefined,
    onProgress?: Progress,
  ): Promise<RegistrySyncResult | undefined> {
    const started = Date.now();
    const listing = new VersionListing(this.currentRecords());
    if (!listing.anyEtag) {
      return undefined;
    }
    // Refs that are new or changed are fetched while the listing goes on; up to a tenth of the
    // last sync, as a delta of more than half gives way to a full sync.
    const ahead = new ByRefsAhead(
      this.client,
      registryRefOf,
      Math.max(BY_REFS_BATCH, Math.floor(listing.size / 10)),
      signal,
    );
    let fetched: Map<string, Entity | null>;
    let plan: DeltaPlan;
    let listedAt: number;
    try {
      let listedCount = 0;
      for await (const page of this.client.identityPages(signal)) {
        for (const item of page.items) {
          const wanted = listing.add(item);
          if (wanted !== undefined) {
            ahead.want(wanted);
          }
        }
        listedCount += page.items.length;
        onProgress?.(listedCount, page.totalItems);
      }
      listedAt = Date.now();
      plan = listing.plan();
      if (plan.fetch.length > BY_REFS_BATCH && plan.fetch.length * 2 > plan.order.length) {
        ahead.abandon();
        return undefined;
      }
      fetched = await ahead.fetch(plan.fetch);
    } catch (error) {
      ahead.abandon();
      throw error;
    }
    const fetchedAt = Date.now();
    if (signal?.aborted) {
      throw new RegistryError('cancelled', displayUrl(this.client.config.baseUrl));
    }
    const generation = ++this.generation;
    const fresh: Entity[] = [];
    for (const ref of plan.fetch) {
      const entity = fetched.get(ref);
      if (entity) {
        fresh.push(entity);
      }
    }
    const newPages: ParsedCatalogFile[] = [];
    for (let start = 0; start < fresh.length; start += CACHE_PAGE_SIZE) {
      newPages.push(
        await registryPage(
          this.name,
          registryPageKey(this.name, generation, newPages.length),
          fresh.slice(start, start + CACHE_PAGE_SIZE),
        ),
      );
    }
    // From here on nothing waits: the index changes in one go.
    const leaving = new Set<string>([...plan.deleted, ...plan.fetch.filter((ref) => listing.knows(ref))]);
    const keys: string[] = [];
    for (const key of this.currentKeys) {
      const page = this.index.fileResult(key);
      if (!page) {
        continue;
      }
      if (!page.entities.some((record) => leaving.has(record.ref))) {
        keys.push(key);
        continue;
      }
      const staying = page.entities.filter((record) => !leaving.has(record.ref));
      if (staying.length === 0) {
        this.index.removeFile(key);
        continue;
      }
      // Only the leaving records are unregistered: the cost follows the change, not the page.
      const left = page.entities.filter((record) => leaving.has(record.ref));
      this.index.patchFile(
        {
          ...page,
          entities: staying,
          problems: page.problems.filter(
            (problem) => problem.entityRef === undefined || !leaving.has(problem.entityRef),
          ),
        },
        left,
        [],
      );
      keys.push(key);
    }
    for (const page of newPages) {
      this.index.upsertFile(page);
      keys.push(page.file);
    }
    this.currentKeys = keys;
    this.lastSyncedAt = new Date().toISOString();
    if (this.cache) {
      await this.cache.save({ syncedAt: this.lastSyncedAt, entities: this.entitiesInOrder(plan.order) });
    }
    const gone = plan.fetch.filter((ref) => fetched.get(ref) === null).length;
    const deleted = plan.deleted.length + gone;
    const entityCount = plan.order.length - gone;
    const done = Date.now();
    const phasesMs = { list: listedAt - started, fetch: fetchedAt - listedAt, apply: done - fetchedAt };
    return {
      entities: entityCount,
      pages: keys.length,
      durationMs: done - started,
      mode: 'delta',
      fetched: fresh.length,
      deleted,
      phasesMs,
    };
  }

  /** The records of the last sync, page by page. */
  private *currentRecords(): Generator<CatalogEntityRecord> {
    for (const key of this.currentKeys) {
      yield* this.index.fileResult(key)?.entities ?? [];
    }
  }

  /** The synced entities in the registry's order: what a full sync would have written to the cache. */
  private entitiesInOrder(order: readonly string[]): Entity[] {
    const byRef = new Map<string, Entity>();
    for (const key of this.currentKeys) {
      for (const record of this.index.fileResult(key)?.entities ?? []) {
        if (!byRef.has(record.ref)) {
          byRef.set(record.ref, record.entity);
        }
      }
    }
    const entities: Entity[] = [];
    for (const ref of order) {
      const entity = byRef.get(ref);
      if (entity) {
        entities.push(entity);
      }
    }
    return entities;
  }

  private async publish(generation: number, entities: readonly Entity[]): Promise<string[]> {
    const keys: string[] = [];
    for (let start = 0; start < entities.length; start += CACHE_PAGE_SIZE) {
      const key = registryPageKey(this.name, generation, keys.length);
      keys.push(key);
      this.index.upsertFile(await registryPage(this.name, key, entities.slice(start, start + CACHE_PAGE_SIZE)));
    }
    return keys;
  }
}
