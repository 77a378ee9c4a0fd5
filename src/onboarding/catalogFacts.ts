import type { CatalogIndex } from '../catalog/catalogIndex';
import { ownerRefOf } from '../catalog/referenceTargets';

/** What the proposal needs to know of the catalog it joins: who can own, which systems exist. */
export interface CatalogFacts {
  /** Canonical refs of Groups, sorted. */
  readonly groups: readonly string[];
  /** Canonical refs of Users, sorted. */
  readonly users: readonly string[];
  /** Canonical System refs with their owner's canonical ref. */
  readonly systems: readonly { readonly ref: string; readonly owner?: string | undefined }[];
  /** Every canonical ref in the catalog, to avoid proposing a name that is taken. */
  readonly refs: ReadonlySet<string>;
}

export const EMPTY_CATALOG: CatalogFacts = { groups: [], users: [], systems: [], refs: new Set() };

export function catalogFactsOf(index: CatalogIndex): CatalogFacts {
  const sorted = (kind: string): string[] =>
    index
      .byKind(kind)
      .map((record) => record.ref)
      .sort();
  return {
    groups: [...new Set(sorted('group'))],
    users: [...new Set(sorted('user'))],
    systems: index.byKind('system').map((record) => ({ ref: record.ref, owner: ownerRefOf(record) })),
    refs: new Set(index.refs()),
  };
}
