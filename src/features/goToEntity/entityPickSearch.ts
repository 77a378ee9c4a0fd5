import type { CatalogChangeEvent, CatalogEntityRecord, CatalogIndex } from '../../catalog';
import { STEP_IDS } from '../../catalog/views/postings';
import { PatchableEntitySearch } from '../../catalog/views/patchableEntitySearch';
import { entityPick, entityPickOrder, samePick, type EntityPick } from './entityPicks';

/** What the search follows: the catalog's entities and its change events. */
export interface PickCatalog {
  readonly index: Pick<CatalogIndex, 'entities' | 'get' | 'size'>;
  onDidChange(listener: (event: CatalogChangeEvent) => void): { dispose(): void };
}

export interface PickSearchOptions {
  /** Catalogs this large get their index built in the background, so no Go to Entity waits for it. */
  readonly backgroundFrom?: number;
  /** How long a background slice runs before the extension host gets its turn. */
  readonly sliceMs?: number;
  /** How long the catalog stays unchanged before changes are applied (or a dropped index rebuilt). */
  readonly quietMs?: number;
}

/** At 100,000 entities a build takes seconds; below this it takes a few tens of ms on demand. */
const BACKGROUND_FROM = 2_000;
const SLICE_MS = 10;
const QUIET_MS = 500;
/** Past this many patched items a rebuild (in the background) beats growing the overlay. */
const REBUILD_AFTER_PATCHES = 1_000;
/** Changes past this share of the catalog (a reload, a checkout) drop the index rather than patch it. */
const DROP_SHARE = 0.05;

interface Build {
  readonly done: Promise<PatchableEntitySearch<EntityPick> | undefined>;
  /** Refs changed since the build took its snapshot. */
  readonly changed: Set<string>;
  /** Someone waits: no more pauses. */
  hurry: boolean;
  cancelled: boolean;
}

/**
 * Go to Entity's search index, kept in step with the catalog: built once (in the background, in
 * time slices, when the catalog is large), then patched from change events (the refs added,
 * removed or updated, read back from the index) instead of rebuilt, so the first Go to Entity
 * after a save shows its list as fast as with an unchanged catalog.
 */
export class EntityPickSearch {
  private search: PatchableEntitySearch<EntityPick> | undefined;
  /** Refs changed since `search`'s snapshot and not yet applied. */
  private changed = new Set<string>();
  private build: Build | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private readonly subscription: { dispose(): void };
  private readonly backgroundFrom: number;
  private readonly sliceMs: number;
  private readonly quietMs: number;

  constructor(
    private readonly catalog: PickCatalog,
    options: PickSearchOptions = {},
  ) {
    this.backgroundFrom = options.backgroundFrom ?? BACKGROUND_FROM;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.subscription = catalog.onDidChange((event) => this.onCatalogChange(event));
  }

  /** The index of the current entities: waits for a background build, applies what changed since. */
  async current(): Promise<PatchableEntitySearch<EntityPick>> {
    const build = this.build;
    if (build && !this.search) {
      build.hurry = true;
      await build.done;
    }
    if (!this.search) {
      this.search = PatchableEntitySearch.of(picksOf(this.catalog.index.entities()), entityPickOrder);
      this.changed.clear();
    }
    this.applyChanges(this.search);
    return this.search;
  }

  /** Starts a background build when the catalog is large and none is built or building. */
  warm(): void {
    if (!this.search && !this.build && this.catalog.index.size >= this.backgroundFrom) {
      this.startBuild();
    }
  }

  /** Whether an index is ready to use (patched or not); for tests and benchmarks. */
  get isBuilt(): boolean {
    return this.search !== undefined;
  }

  /** Resolves when the background build running now (if any) has finished. */
  async whenBuilt(): Promise<void> {
    await this.build?.done;
  }

  dispose(): void {
    clearTimeout(this.quietTimer);
    if (this.build) {
      this.build.cancelled = true;
    }
    this.subscription.dispose();
  }

  private onCatalogChange(event: CatalogChangeEvent): void {
    if (!this.search && !this.build) {
      // Nothing built yet (the first load): warm() or the first Go to Entity builds from the index.
      return;
    }
    for (const refs of [event.added, event.removed, event.updated]) {
      for (const ref of refs) {
        if (this.search) {
          this.changed.add(ref);
        }
        this.build?.changed.add(ref);
      }
    }
    const tooMany = Math.max(REBUILD_AFTER_PATCHES, this.catalog.index.size * DROP_SHARE);
    if (this.changed.size > tooMany) {
      this.search = undefined;
      this.changed = new Set();
    }
    if (this.build && this.build.changed.size > tooMany) {
      this.build.cancelled = true;
      this.build = undefined;
    }
    // Once the catalog is quiet: apply the changes now rather than when Go to Entity opens, and
    // rebuild what was dropped or has grown too patched.
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.whenQuiet(), this.quietMs);
  }

  private whenQuiet(): void {
    this.quietTimer = undefined;
    if (!this.search) {
      this.warm();
      return;
    }
    this.applyChanges(this.search);
    // The first search after a patch builds the overlay: do it here, not on the first keystroke.
    this.search.search('', 1);
    if (this.search.patched > REBUILD_AFTER_PATCHES && !this.build) {
      this.startBuild();
    }
  }

  private applyChanges(search: PatchableEntitySearch<EntityPick>): void {
    for (const ref of this.changed) {
      const record = this.catalog.index.get(ref);
      if (!record) {
        search.set(ref, undefined);
        continue;
      }
      const pick = entityPick(record);
      const known = search.get(ref);
      if (!known || !samePick(known, pick)) {
        search.set(ref, pick);
      }
    }
    this.changed.clear();
  }

  private startBuild(): void {
    const build: Build = {
      changed: new Set(),
      hurry: false,
      cancelled: false,
      done: Promise.resolve(undefined),
    };
    const steps = buildSteps(this.catalog.index.entities());
    const done = inTimeSlices(steps, this.sliceMs, build).then(
      (search) => {
        if (search && this.build === build) {
          this.build = undefined;
          this.search = search;
          this.changed = build.changed;
        }
        return search;
      },
      () => {
        // A failed build leaves the on-demand build to the next Go to Entity.
        if (this.build === build) {
          this.build = undefined;
        }
        return undefined;
      },
    );
    this.build = Object.assign(build, { done });
  }
}

function picksOf(records: readonly CatalogEntityRecord[]): EntityPick[] {
  return records.map(entityPick);
}

function* buildSteps(records: readonly CatalogEntityRecord[]): Generator<void, PatchableEntitySearch<EntityPick>> {
  const picks = new Array<EntityPick>(records.length);
  for (let at = 0; at < records.length; at++) {
    picks[at] = entityPick(records[at] as CatalogEntityRecord);
    if (at % STEP_IDS === STEP_IDS - 1) {
      yield;
    }
  }
  return yield* PatchableEntitySearch.steps(picks, entityPickOrder);
}

/**
 * Runs `steps` in slices of about `sliceMs`, giving the event loop a turn between them; all at
 * once from the moment `control.hurry` is set. Resolves undefined once `control.cancelled`.
 */
function inTimeSlices<R>(
  steps: Generator<void, R>,
  sliceMs: number,
  control: { readonly hurry: boolean; readonly cancelled: boolean },
): Promise<R | undefined> {
  return new Promise((resolve, reject) => {
    const slice = (): void => {
      if (control.cancelled) {
        resolve(undefined);
        return;
      }
      const end = performance.now() + sliceMs;
      try {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) {
            resolve(step.value);
            return;
          }
          if (!control.hurry && performance.now() >= end) {
            setImmediate(slice);
            return;
          }
        }
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    setImmediate(slice);
  });
}
