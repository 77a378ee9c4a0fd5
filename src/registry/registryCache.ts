import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { removeStaleTemporaries, writeFileAtomically } from '../catalog/atomicFile';
import { isNameableEntity } from './registryRecords';

export const CACHE_FORMAT = 'greenroom-registry-cache';
/**
 * 2: the baseline of delta syncs. Entities keep `metadata.uid` and `metadata.etag`, which the next
 * sync compares with the registry's listing; a version-1 file was written before anything relied
 * on them, so it is discarded and the next sync is a full one.
 */
export const CACHE_VERSION = 2;

export interface RegistrySnapshot {
  readonly syncedAt: string;
  readonly entities: Entity[];
}

interface CacheFile extends RegistrySnapshot {
  readonly format: typeof CACHE_FORMAT;
  readonly version: number;
  readonly registry: { readonly name: string; readonly baseUrl: string };
}

export type CacheLoad =
  | { readonly status: 'loaded'; readonly snapshot: RegistrySnapshot }
  | { readonly status: 'missing' }
  | { readonly status: 'discarded'; readonly reason: string };

/**
 * The last good sync of one registry on disk, so the catalog is full before the network
 * answers. Written atomically (temp file, fsync, rename): a crash leaves the old or the new
 * file, never half of one. Anything unreadable is discarded, never trusted.
 */
export class RegistryCache {
  readonly file: string;

  constructor(
    folder: string,
    private readonly registry: { readonly name: string; readonly baseUrl: string },
  ) {
    const key = createHash('sha256').update(`${registry.name}\n${registry.baseUrl}`).digest('hex').slice(0, 16);
    this.file = path.join(folder, `registry-${key}.json`);
  }

  async load(): Promise<CacheLoad> {
    await removeStaleTemporaries(this.file);
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return { status: 'missing' };
    }
    const reason = this.problemWith(text);
    if (typeof reason === 'string') {
      await fs.rm(this.file, { force: true }).catch(() => undefined);
      return { status: 'discarded', reason };
    }
    return { status: 'loaded', snapshot: reason };
  }

  async save(snapshot: RegistrySnapshot): Promise<void> {
    const content: CacheFile = {
      format: CACHE_FORMAT,
      version: CACHE_VERSION,
      registry: { ...this.registry },
      ...snapshot,
    };
    await writeFileAtomically(this.file, (handle) => handle.writeFile(JSON.stringify(content)));
  }

  private problemWith(text: string): string | RegistrySnapshot {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return 'not valid JSON (an interrupted write from an old version, or disk corruption)';
    }
    const cache = parsed as Partial<CacheFile> | null;
    if (!cache || typeof cache !== 'object' || cache.format !== CACHE_FORMAT) {
      return 'not a Greenroom registry cache';
    }
    if (cache.version !== CACHE_VERSION) {
      return `cache format version ${String(cache.version)}, expected ${CACHE_VERSION}`;
    }
    if (cache.registry?.name !== this.registry.name || cache.registry.baseUrl !== this.registry.baseUrl) {
      return 'cache belongs to another registry';
    }
    if (typeof cache.syncedAt !== 'string' || !Array.isArray(cache.entities)) {
      return 'cache is missing its entities';
    }
    if (!cache.entities.every(isNameableEntity)) {
      return 'cache holds entries that are not entities';
    }
    return { syncedAt: cache.syncedAt, entities: cache.entities };
  }
}
