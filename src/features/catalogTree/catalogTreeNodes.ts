import type { CatalogEntityRecord } from '../../catalog';

/** A kind group at the root of the Catalog tree. */
export interface KindNode {
  readonly type: 'kind';
  readonly kind: string;
}

/** One entity under its kind. */
export interface EntityNode {
  readonly type: 'entity';
  readonly ref: string;
  readonly kind: string;
}

export type CatalogTreeNode = KindNode | EntityNode;

const kindNodes = new Map<string, KindNode>();

/** Nodes are interned so `reveal` and partial refreshes see the same object for the same id. */
export function kindNode(kind: string): KindNode {
  const key = kind.toLowerCase();
  let node = kindNodes.get(key);
  if (!node) {
    node = { type: 'kind', kind: key };
    kindNodes.set(key, node);
  }
  return node;
}

export function entityNode(record: CatalogEntityRecord): EntityNode {
  return { type: 'entity', ref: record.ref, kind: record.entity.kind.toLowerCase() };
}
