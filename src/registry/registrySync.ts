import type { Entity } from '@backstage/catalog-model';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogApiClient } from './catalogApiClient';
import type { CacheLoad, RegistryCache } from './registryCache';
import { displayUrl, RegistryError } from './registryErrors';
import { registryPage, registryPageKey } from './registryRecords';

export interface RegistrySyncResult {
  readonly entities: number;
  readonly pages: number;
  readonly durationMs: number;
}

/** Cached entities are put into the index in slices of this size. */
const CACHE_PAGE_SIZE = 500;

/**
 * Keeps one registry's entities in the index. A sync streams pages into a new generation
 * while the previous one stays visible; only a complete sync replaces it and the cache, so
 * a registry that fails mid-sync leaves the catalog and the cache as they were.
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
  sync(signal?: AbortSignal, onProgress?: (fetched: number, total: number | undefined) => void): Promise<RegistrySyncResult> {
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

  private async runSync(signal: AbortSignal | undefined, onProgress?: (fetched: number, total: number | undefined) => void): Promise<RegistrySyncResult> {
    const started = Date.now();
    const generation = ++this.generation;
    const staging: string[] = [];
    const entities: Entity[] = [];
    try {
      // The client requests each next page ahead, so the registry prepares it while we index.
      for await (const page of this.client.pages(signal)) {
        if (signal?.aborted) {
          throw new RegistryError('cancelled', displayUrl(this.client.config.baseUrl));
        }
        const key = registryPageKey(this.name, generation, staging.length);
        staging.push(key);
        const records = await registryPage(this.name, key, page.items);
        this.index.upsertFile(records);
        entities.push(...records.entities.map((record) => record.entity));
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
    return { entities: entities.length, pages: staging.length, durationMs: Date.now() - started };
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
