import * as path from 'node:path';
import {
  isInsideFolder,
  type CatalogEntityRecord,
  type CatalogFileSystem,
  type CatalogIndex,
  type CatalogRelation,
  type Subscription,
} from '../catalog';
import type { SearchIndex } from '../docs/docsSearch';
import { locateTechDocs, TECHDOCS_REF_ANNOTATION, type TechDocsSite } from '../docs/techdocsLocation';
import type { TemplateFileSystem } from '../scaffolder';
import { filterPredicates } from '../catalog/filterPredicates';
import { docsSearchModule } from './docsModules';
import { ShortLivedReads } from './shortLivedReads';

export interface AgentContextOptions {
  readonly index: CatalogIndex;
  /** Workspace folders, absolute: paths from callers are resolved against and confined to them. */
  readonly roots: readonly string[];
  readonly fs: CatalogFileSystem;
  readonly templateFs: TemplateFileSystem;
}

/** Lookups every call would otherwise rebuild from 20,000 entities; dropped on any catalog change. */
interface DerivedTables {
  /** Entities sorted by ref: stable paging order. */
  readonly sorted: readonly CatalogEntityRecord[];
  /** Lower-case name → records with that name, for get-catalog-entity without kind or namespace. */
  readonly byName: ReadonlyMap<string, readonly CatalogEntityRecord[]>;
  /** Folder → workspace records described by files in it (catalog-info.yaml and *.catalog-info.yaml). */
  readonly byFolder: ReadonlyMap<string, readonly CatalogEntityRecord[]>;
  /** `backstage.io/source-location: dir:` folders → the records that claim them. */
  readonly bySourceFolder: ReadonlyMap<string, readonly CatalogEntityRecord[]>;
}

const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** A `dir:` / `file:` source location as a folder, resolved against the descriptor's folder. */
function sourceFolderOf(record: CatalogEntityRecord): string | undefined {
  const annotations = record.entity.metadata.annotations;
  const location =
    annotations && Object.hasOwn(annotations, SOURCE_LOCATION_ANNOTATION)
      ? annotations[SOURCE_LOCATION_ANNOTATION]
      : undefined;
  if (typeof location !== 'string' || !/^(dir|file):/.test(location)) {
    return undefined;
  }
  const target = location.slice(location.indexOf(':') + 1).trim() || '.';
  return path.resolve(path.dirname(record.file), target);
}

const byRef = (a: CatalogEntityRecord, b: CatalogEntityRecord): number => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/**
 * The derived tables, each built when first asked for: the first answer of a session (often a
 * get-catalog-entity by name) waits for the name table only, not for sorting 20,000 entities
 * and resolving every source location.
 */
class LazyTables implements DerivedTables {
  private sortedRecords: readonly CatalogEntityRecord[] | undefined;
  private names: ReadonlyMap<string, readonly CatalogEntityRecord[]> | undefined;
  private folders:
    | {
        readonly byFolder: ReadonlyMap<string, readonly CatalogEntityRecord[]>;
        readonly bySourceFolder: ReadonlyMap<string, readonly CatalogEntityRecord[]>;
      }
    | undefined;

  constructor(private readonly index: CatalogIndex) {}

  get sorted(): readonly CatalogEntityRecord[] {
    this.sortedRecords ??= this.index.entities().sort(byRef);
    return this.sortedRecords;
  }

  get byName(): ReadonlyMap<string, readonly CatalogEntityRecord[]> {
    if (!this.names) {
      // From the index's order, then each list by ref (a stable sort): the lists of sorted order.
      const names = new Map<string, CatalogEntityRecord[]>();
      for (const record of this.sortedRecords ?? this.index.entities()) {
        push(names, record.entity.metadata.name.toLowerCase(), record);
      }
      if (!this.sortedRecords) {
        for (const list of names.values()) {
          list.sort(byRef);
        }
      }
      this.names = names;
    }
    return this.names;
  }

  get byFolder(): ReadonlyMap<string, readonly CatalogEntityRecord[]> {
    return this.folderTables().byFolder;
  }

  get bySourceFolder(): ReadonlyMap<string, readonly CatalogEntityRecord[]> {
    return this.folderTables().bySourceFolder;
  }

  private folderTables(): NonNullable<LazyTables['folders']> {
    if (!this.folders) {
      const byFolder = new Map<string, CatalogEntityRecord[]>();
      const bySourceFolder = new Map<string, CatalogEntityRecord[]>();
      for (const record of this.sorted) {
        if (record.origin.type === 'workspace' && path.isAbsolute(record.file)) {
          push(byFolder, path.dirname(record.file), record);
          const sourceFolder = sourceFolderOf(record);
          if (sourceFolder) {
            push(bySourceFolder, sourceFolder, record);
          }
        }
      }
      this.folders = { byFolder, bySourceFolder };
    }
    return this.folders;
  }
}

/**
 * What the tools share: the live index, the workspace roots, file access, and caches that
 * follow the index (cleared on each change event, rebuilt on the next call that needs them).
 */
export class AgentContext {
  readonly index: CatalogIndex;
  readonly roots: readonly string[];
  readonly fs: CatalogFileSystem;
  readonly templateFs: TemplateFileSystem;
  private tables: DerivedTables | undefined;
  private readonly docsIndexes = new Map<string, Promise<SearchIndex>>();
  /** relationsOf of a much-referenced entity reads every referring file: asked once per change. */
  private readonly relationsByRef = new Map<
    string,
    { readonly outgoing: readonly CatalogRelation[]; readonly incoming: readonly CatalogRelation[] }
  >();
  /** Recent query results by query text, so the next pages of a query do not evaluate it again. */
  readonly queryResults = new Map<string, readonly CatalogEntityRecord[]>();
  /** Per dot path: records by upper-cased string value, in ref order (query-catalog-entities narrows with it). */
  private readonly valueIndexes = new Map<string, ReadonlyMap<string, readonly CatalogEntityRecord[]>>();
  /** CODEOWNERS reads (who-owns looks in three places on every call), reused briefly. */
  private readonly codeOwnersReads: ShortLivedReads;
  private readonly subscription: Subscription;

  constructor(options: AgentContextOptions) {
    this.index = options.index;
    this.roots = options.roots.map((root) => path.resolve(root));
    this.fs = options.fs;
    this.templateFs = options.templateFs;
    this.codeOwnersReads = new ShortLivedReads(options.fs);
    this.subscription = this.index.onDidChange(() => this.invalidate());
  }

  /** Docs pages are not catalog files: callers that watch files say when anything changed. */
  invalidate(): void {
    this.tables = undefined;
    this.docsIndexes.clear();
    this.relationsByRef.clear();
    this.queryResults.clear();
    this.valueIndexes.clear();
    this.codeOwnersReads.clear();
  }

  /** File access for CODEOWNERS lookups: answers reused for a few seconds or until the next change. */
  get codeOwnersFs(): CatalogFileSystem {
    return this.codeOwnersReads.fs;
  }

  /**
   * Records whose value at `path` is a string or number equal to `value` ignoring case (upper-cased, the
   * way filter predicates compare), in ref order. Built on first use of a path.
   */
  recordsWithValue(path: string, value: string): readonly CatalogEntityRecord[] {
    let index = this.valueIndexes.get(path);
    if (!index) {
      const { getJsonValueAtPath } = filterPredicates();
      const built = new Map<string, CatalogEntityRecord[]>();
      for (const record of this.derived.sorted) {
        const found = getJsonValueAtPath(record.entity, path);
        // Numbers too: the predicates compare a number and a string as strings.
        if (typeof found === 'string' || typeof found === 'number') {
          push(built, String(found).toUpperCase(), record);
        }
      }
      if (this.valueIndexes.size >= 32) {
        this.valueIndexes.clear();
      }
      this.valueIndexes.set(path, built);
      index = built;
    }
    return index.get(value.toUpperCase()) ?? [];
  }

  /** The index's relationsOf, kept until the catalog changes. */
  relationsOf(ref: string): {
    readonly outgoing: readonly CatalogRelation[];
    readonly incoming: readonly CatalogRelation[];
  } {
    const key = ref.toLowerCase();
    let relations = this.relationsByRef.get(key);
    if (!relations) {
      relations = this.index.relationsOf(key);
      if (this.relationsByRef.size >= 10_000) {
        this.relationsByRef.clear();
      }
      this.relationsByRef.set(key, relations);
    }
    return relations;
  }

  get derived(): DerivedTables {
    this.tables ??= new LazyTables(this.index);
    return this.tables;
  }

  /** The root a file is in (the deepest, as folders may nest). */
  rootOf(file: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) {
      if (isInsideFolder(root, file) && (!best || root.length > best.length)) {
        best = root;
      }
    }
    return best;
  }

  /** Workspace-relative POSIX path of a file for answers; remote origins (URLs) as they are. */
  displayPath(file: string): string {
    if (!path.isAbsolute(file)) {
      return file;
    }
    const root = this.rootOf(file);
    if (!root) {
      return file;
    }
    const relative = path.relative(root, file).split(path.sep).join('/');
    return this.roots.length > 1 ? `${path.basename(root)}/${relative}` : relative || '.';
  }

  /** A caller's path (relative to the first root, or absolute) if it stays inside a root. */
  resolvePath(input: string): string | undefined {
    const candidates = path.isAbsolute(input)
      ? [path.resolve(input)]
      : this.roots.map((root) => path.resolve(root, input));
    return candidates.find((candidate) => this.rootOf(candidate) !== undefined);
  }

  /** A search index of one docs site, built on first use and kept until something changes. */
  docsSearchIndex(site: TechDocsSite): Promise<SearchIndex> {
    let index = this.docsIndexes.get(site.docsDir);
    if (!index) {
      index = docsSearchModule().buildSearchIndex(this.fs, site);
      this.docsIndexes.set(site.docsDir, index);
      index.catch(() => this.docsIndexes.delete(site.docsDir));
    }
    return index;
  }

  /** The TechDocs site of a workspace entity with a `dir:` techdocs-ref, or why there is none. */
  async techDocsSite(record: CatalogEntityRecord): Promise<{ readonly site?: TechDocsSite; readonly reason?: string }> {
    const root = record.origin.type === 'workspace' ? this.rootOf(record.file) : undefined;
    if (!root) {
      return { reason: `${record.ref} is not described in the workspace` };
    }
    const annotations = record.entity.metadata.annotations;
    const techdocsRef =
      annotations && Object.hasOwn(annotations, TECHDOCS_REF_ANNOTATION)
        ? annotations[TECHDOCS_REF_ANNOTATION]
        : undefined;
    const lookup = await locateTechDocs(this.fs, record.file, techdocsRef, root);
    return lookup.ok ? { site: lookup.site } : { reason: lookup.reason };
  }

  dispose(): void {
    this.subscription.dispose();
    this.invalidate();
  }
}
