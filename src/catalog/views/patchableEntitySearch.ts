/**
 * An EntitySearchIndex that follows changes without being rebuilt: the index built once (the
 * base) answers with the items since replaced or removed left out, and a small index over the
 * items added or replaced since (the overlay, rebuilt on the first search after a change) answers
 * for those; the two answers are merged by the ranking's own order. A change of a few entities
 * costs the next search a small overlay build, not a rebuild of 100,000 items.
 *
 * The answer is exactly that of an index built afresh over the current items in the caller's
 * order (patchableEntitySearch.test.ts checks it): the ranking orders by tier, then (in the name
 * tier) by name, then by the caller's order, and each side yields its answer in that order, so a
 * merge of the two is the fresh answer. An overlay item's place in the caller's order is where
 * it would be inserted among the base items. Pure.
 */
import { EntitySearchIndex, type RankedIds, type SearchFields } from './entitySearch';
import { runToEnd, STEP_IDS } from './postings';
import { sortInSteps } from './sortInSteps';

export interface PatchableSearchOptions<T> {
  readonly fieldsOf: (item: T) => SearchFields;
  /** What identifies an item across changes (an entity ref). */
  readonly keyOf: (item: T) => string;
  /** The caller's order: the one a fresh index would be built in; distinct keys never compare equal. */
  readonly compare: (a: T, b: T) => number;
}

interface Overlay<T> {
  readonly index: EntitySearchIndex<T>;
  /** For each overlay id, how many base items come before it in the caller's order. */
  readonly slots: Uint32Array;
}

export class PatchableEntitySearch<T> {
  /** Base ids whose item was replaced or removed since the build: `1` leaves one out. */
  private readonly replaced: Uint8Array;
  private replacedCount = 0;
  /** Items added or replaced since the build, by key. */
  private readonly added = new Map<string, T>();
  private overlay: Overlay<T> | undefined;

  private constructor(
    /** In the caller's order. */
    private readonly baseItems: readonly T[],
    private readonly base: EntitySearchIndex<T>,
    private readonly options: PatchableSearchOptions<T>,
    /** Base ids by key. */
    private readonly baseIds: Map<string, number>,
  ) {
    this.replaced = new Uint8Array(baseItems.length);
  }

  /** Builds at once; `items` in any order (they are sorted by `options.compare`). */
  static of<T>(items: readonly T[], options: PatchableSearchOptions<T>): PatchableEntitySearch<T> {
    return runToEnd(PatchableEntitySearch.steps(items, options));
  }

  /** The same build in steps (see EntitySearchIndex.steps), for time slices. */
  static *steps<T>(items: readonly T[], options: PatchableSearchOptions<T>): Generator<void, PatchableEntitySearch<T>> {
    const sorted = yield* sortInSteps(items, options.compare);
    const base = yield* EntitySearchIndex.steps(sorted, options.fieldsOf);
    const baseIds = new Map<string, number>();
    for (let id = 0; id < sorted.length; id++) {
      baseIds.set(options.keyOf(sorted[id] as T), id);
      if (id % STEP_IDS === STEP_IDS - 1) {
        yield;
      }
    }
    return new PatchableEntitySearch(sorted, base, options, baseIds);
  }

  /** How many items there are now. */
  get size(): number {
    return this.baseItems.length - this.replacedCount + this.added.size;
  }

  /** How many changes the base no longer holds: a rebuild is worth it once these are many. */
  get patched(): number {
    return this.replacedCount + this.added.size;
  }

  /** The current item with this key. */
  get(key: string): T | undefined {
    const added = this.added.get(key);
    if (added !== undefined) {
      return added;
    }
    const id = this.baseIds.get(key);
    return id !== undefined && this.replaced[id] === 0 ? this.baseItems[id] : undefined;
  }

  /** Adds, replaces (`item` with this key) or removes (`undefined`) the item with this key. */
  set(key: string, item: T | undefined): void {
    const id = this.baseIds.get(key);
    if (id !== undefined && this.replaced[id] === 0) {
      this.replaced[id] = 1;
      this.replacedCount++;
    }
    if (item === undefined) {
      if (!this.added.delete(key) && id === undefined) {
        return;
      }
    } else {
      this.added.set(key, item);
    }
    this.overlay = undefined;
  }

  /** The best `limit` items for `query`, exactly as EntitySearchIndex.search over the current items. */
  search(query: string, limit: number): T[] {
    const fromBase = this.base.ranked(query, limit, this.replacedCount > 0 ? this.replaced : undefined);
    if (this.added.size === 0) {
      return fromBase.ids.map((id) => this.base.itemAt(id));
    }
    const overlay = this.currentOverlay();
    return this.merge(fromBase, overlay, overlay.index.ranked(query, limit), limit);
  }

  private currentOverlay(): Overlay<T> {
    if (!this.overlay) {
      const items = [...this.added.values()].sort(this.options.compare);
      const slots = new Uint32Array(items.length);
      items.forEach((item, at) => {
        slots[at] = this.baseItemsBefore(item);
      });
      this.overlay = { index: new EntitySearchIndex(items, this.options.fieldsOf), slots };
    }
    return this.overlay;
  }

  /** How many base items precede `item` in the caller's order (by halving). */
  private baseItemsBefore(item: T): number {
    let low = 0;
    let high = this.baseItems.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.options.compare(this.baseItems[middle] as T, item) < 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private merge(fromBase: RankedIds, overlay: Overlay<T>, fromOverlay: RankedIds, limit: number): T[] {
    const result: T[] = [];
    let left = 0;
    let right = 0;
    while (result.length < limit && (left < fromBase.ids.length || right < fromOverlay.ids.length)) {
      const baseFirst =
        right >= fromOverlay.ids.length ||
        (left < fromBase.ids.length && this.precedes(fromBase, left, overlay, fromOverlay, right));
      if (baseFirst) {
        result.push(this.base.itemAt(fromBase.ids[left++] as number));
      } else {
        result.push(overlay.index.itemAt(fromOverlay.ids[right++] as number));
      }
    }
    return result;
  }

  /** Whether the base's answer at `left` ranks before the overlay's at `right`. */
  private precedes(
    fromBase: RankedIds,
    left: number,
    overlay: Overlay<T>,
    fromOverlay: RankedIds,
    right: number,
  ): boolean {
    const baseTier = tierAt(fromBase, left);
    const overlayTier = tierAt(fromOverlay, right);
    if (baseTier !== overlayTier) {
      return baseTier < overlayTier;
    }
    const baseId = fromBase.ids[left] as number;
    const overlayId = fromOverlay.ids[right] as number;
    if (baseTier === 0) {
      const baseName = this.base.nameOf(baseId);
      const overlayName = overlay.index.nameOf(overlayId);
      if (baseName !== overlayName) {
        return baseName < overlayName;
      }
    }
    // The caller's order: the overlay item sits just before base item `slot`.
    return baseId < (overlay.slots[overlayId] as number);
  }
}

function tierAt(answer: RankedIds, at: number): number {
  return at < answer.nameRanked ? 0 : at < answer.wordRanked ? 1 : 2;
}
