import type { CatalogEntityRecord } from '../catalogEntity';
import type { CatalogIndex } from '../catalogIndex';
import { entityLabel, entityLifecycle, entityType } from '../entityDisplay';
import { humanizeEntityRef } from '../entityRefs';
import { compareKinds, kindPresentation } from '../kinds';
import { ownerRefOf, referenceTargetOf } from '../referenceTargets';
import { compareNatural } from '../naturalSort';
import type { TableRowData } from '../../shared/catalogTableProtocol';

export const TABLE_COLUMNS = ['name', 'kind', 'owner', 'system', 'type', 'lifecycle', 'tags'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

/**
 * One entity as the catalog table shows it: the row the webview receives, less the star (which
 * the host adds per user). Labels are plain text; `name` is the title if set, else the name.
 */
export type CatalogTableRow = Omit<TableRowData, 'starred'>;

interface IndexedRow {
  readonly row: CatalogTableRow;
  /** Lower-cased text a filter word must appear in. */
  readonly haystack: string;
}

/** The rows of a catalog state, with sort orders computed on first use and kept. */
export interface CatalogTable {
  readonly rows: readonly IndexedRow[];
  readonly kinds: readonly string[];
  readonly sorted: Map<TableColumn, readonly IndexedRow[]>;
}

export interface TableQuery {
  /** Words that must all appear (name, title, ref, kind, owner, system, type, lifecycle, tags, description). */
  readonly text: string;
  /** A kind to keep (case-insensitive); empty keeps every kind. */
  readonly kind: string;
  readonly ownedByMe: boolean;
  readonly starredOnly: boolean;
  readonly sort: TableColumn;
  readonly direction: SortDirection;
  readonly offset: number;
  readonly limit: number;
}

export interface TableViewer {
  /** The refs "owned by me" accepts as owner (see identityOwnerRefs); undefined when no identity is set. */
  readonly ownerRefs: ReadonlySet<string> | undefined;
  readonly starred: ReadonlySet<string>;
}

export interface TablePage {
  /** Rows that pass the filters. */
  readonly total: number;
  /** Rows in the catalog. */
  readonly all: number;
  readonly offset: number;
  readonly rows: readonly (CatalogTableRow & { readonly starred: boolean })[];
  readonly kinds: readonly string[];
}

/** The most rows one page may hold, whatever the webview asks for. */
export const MAX_PAGE_ROWS = 500;

function labelOf(index: CatalogIndex, ref: string | undefined, defaultKind: string): string {
  if (!ref) {
    return '';
  }
  const record = index.get(ref);
  if (!record) {
    return humanizeEntityRef(ref, { defaultKind });
  }
  const profile = (record.entity.spec as { profile?: { displayName?: unknown } } | undefined)?.profile;
  return typeof profile?.displayName === 'string' && profile.displayName.trim().length > 0
    ? profile.displayName
    : entityLabel(record);
}

function toRow(index: CatalogIndex, record: CatalogEntityRecord, labels: Map<string, string>): IndexedRow {
  const ownerRef = ownerRefOf(record);
  const systemRef = referenceTargetOf(record, 'spec.system');
  const cachedLabel = (ref: string | undefined, kind: string): string => {
    if (!ref) {
      return '';
    }
    let label = labels.get(ref);
    if (label === undefined) {
      label = labelOf(index, ref, kind);
      labels.set(ref, label);
    }
    return label;
  };
  const tags = (record.entity.metadata.tags ?? []).filter((tag): tag is string => typeof tag === 'string');
  const row: CatalogTableRow = {
    ref: record.ref,
    // People and teams are known by their profile's display name when they have no title.
    name: record.entity.metadata.title ? entityLabel(record) : labelOf(index, record.ref, record.entity.kind),
    kind: kindPresentation(record.entity.kind).kind,
    owner: cachedLabel(ownerRef, 'group'),
    ownerRef,
    system: cachedLabel(systemRef, 'system'),
    type: entityType(record) ?? '',
    lifecycle: entityLifecycle(record) ?? '',
    tags,
  };
  const description = typeof record.entity.metadata.description === 'string' ? record.entity.metadata.description : '';
  const haystack = [
    row.ref,
    record.entity.metadata.name,
    row.name,
    row.kind,
    row.owner,
    ownerRef ?? '',
    row.system,
    row.type,
    row.lifecycle,
    ...tags,
    description,
  ]
    .join('\n')
    .toLowerCase();
  return { row, haystack };
}

/** Builds the table once per catalog state; queries then only filter and slice. */
export function buildCatalogTable(index: CatalogIndex): CatalogTable {
  const labels = new Map<string, string>();
  const rows = index.entities().map((record) => toRow(index, record, labels));
  const kinds = [...new Set(rows.map((entry) => entry.row.kind))].sort(compareKinds);
  return { rows, kinds, sorted: new Map() };
}

function sortKey(row: CatalogTableRow, column: TableColumn): string {
  return column === 'tags' ? row.tags.join(', ') : row[column];
}

/** Rows in ascending order of a column; empty cells last, ties by name then ref. */
function sortedBy(table: CatalogTable, column: TableColumn): readonly IndexedRow[] {
  let sorted = table.sorted.get(column);
  if (!sorted) {
    const keyed = table.rows.map((entry) => ({ entry, key: sortKey(entry.row, column) }));
    keyed.sort((a, b) => {
      if ((a.key === '') !== (b.key === '')) {
        return a.key === '' ? 1 : -1;
      }
      return (
        compareNatural(a.key, b.key) ||
        compareNatural(a.entry.row.name, b.entry.row.name) ||
        (a.entry.row.ref < b.entry.row.ref ? -1 : a.entry.row.ref > b.entry.row.ref ? 1 : 0)
      );
    });
    sorted = keyed.map(({ entry }) => entry);
    table.sorted.set(column, sorted);
  }
  return sorted;
}

function reverseRange<T>(items: T[], start: number, end: number): void {
  for (let left = start, right = end - 1; left < right; left++, right--) {
    [items[left], items[right]] = [items[right] as T, items[left] as T];
  }
}

/** Filters, sorts and pages the table for one view of it. */
export function queryCatalogTable(table: CatalogTable, query: TableQuery, viewer: TableViewer): TablePage {
  const words = query.text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const kind = query.kind.toLowerCase();
  const owners = query.ownedByMe ? (viewer.ownerRefs ?? new Set<string>()) : undefined;
  const matches = (entry: IndexedRow): boolean =>
    (!kind || entry.row.kind.toLowerCase() === kind) &&
    (!owners || (entry.row.ownerRef !== undefined && owners.has(entry.row.ownerRef))) &&
    (!query.starredOnly || viewer.starred.has(entry.row.ref)) &&
    words.every((word) => entry.haystack.includes(word));
  const ordered = sortedBy(table, query.sort);
  const filtered = ordered.filter(matches);
  if (query.direction === 'desc') {
    // Empty cells stay last either way: they say nothing about the order asked for.
    const firstEmpty = filtered.findIndex((entry) => sortKey(entry.row, query.sort) === '');
    const filled = firstEmpty === -1 ? filtered.length : firstEmpty;
    reverseRange(filtered, 0, filled);
    // Rows with equal cells keep their name order, as a stable sort would leave them.
    for (let start = 0; start < filled;) {
      let end = start + 1;
      const key = sortKey((filtered[start] as IndexedRow).row, query.sort);
      while (end < filled && compareNatural(sortKey((filtered[end] as IndexedRow).row, query.sort), key) === 0) {
        end++;
      }
      reverseRange(filtered, start, end);
      start = end;
    }
  }
  const limit = Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor(query.limit)));
  const lastPageStart = Math.max(0, Math.floor((filtered.length - 1) / limit) * limit);
  const offset = Math.min(Math.max(0, Math.floor(query.offset)), lastPageStart);
  return {
    total: filtered.length,
    all: table.rows.length,
    offset,
    rows: filtered
      .slice(offset, offset + limit)
      .map((entry) => ({ ...entry.row, starred: viewer.starred.has(entry.row.ref) })),
    kinds: table.kinds,
  };
}
