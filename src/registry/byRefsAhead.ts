import type { Entity } from '@backstage/catalog-model';
import { BY_REFS_BATCH, entitiesByRefs, entityBatchByRefs, type CatalogApiClient } from './catalogApiClient';

/**
 * Fetches a delta's new and changed entities by ref while the listing of versions is still
 * coming in, one batch at a time, so the by-refs round trips overlap the listing instead of
 * following it. Only up to `budget` refs are asked ahead: when most entities changed the
 * delta gives way to a full sync, and what was fetched ahead is then wasted. What the listing
 * decides (planDelta) stays the authority: `fetch` asks for whatever was not asked ahead.
 */
export class ByRefsAhead {
  private readonly wanted = new Set<string>();
  private queued: string[] = [];
  private asked = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;
  private readonly found = new Map<string, Entity | null>();
  private readonly stop = new AbortController();
  private readonly signal: AbortSignal;

  constructor(
    private readonly client: CatalogApiClient,
    private readonly refOf: (entity: Entity) => string,
    private readonly budget: number,
    signal: AbortSignal | undefined,
  ) {
    this.signal = signal ? AbortSignal.any([signal, this.stop.signal]) : this.stop.signal;
  }

  /** A ref the listing shows as new or changed. */
  want(ref: string): void {
    if (this.wanted.has(ref)) {
      return;
    }
    this.wanted.add(ref);
    this.queued.push(ref);
    if (this.queued.length >= BY_REFS_BATCH && this.asked + BY_REFS_BATCH <= this.budget && !this.failure) {
      const batch = this.queued;
      this.queued = [];
      this.asked += batch.length;
      this.chain = this.chain
        .then(() =>
          this.failure ? undefined : entityBatchByRefs(this.client, batch, this.refOf, this.found, this.signal),
        )
        .catch((error: unknown) => {
          this.failure ??= { error };
        });
    }
  }

  /**
   * The entities of `refs` (what planDelta says to fetch): those asked ahead once they are in,
   * the rest now. A failure of a batch asked ahead is thrown here, as if it had been asked now.
   */
  async fetch(refs: readonly string[]): Promise<Map<string, Entity | null>> {
    await this.chain;
    if (this.failure) {
      throw this.failure.error;
    }
    const rest = await entitiesByRefs(
      this.client,
      refs.filter((ref) => !this.found.has(ref)),
      this.refOf,
      this.signal,
    );
    const fetched = new Map<string, Entity | null>();
    for (const ref of refs) {
      const entity = this.found.has(ref) ? this.found.get(ref) : rest.get(ref);
      if (entity !== undefined) {
        fetched.set(ref, entity);
      }
    }
    return fetched;
  }

  /** Stops what is in flight (the delta failed or gave way to a full sync). */
  abandon(): void {
    this.stop.abort();
  }
}
