import { walkGroups, type EntityGroup } from '../../catalog';

/** A folder of the Catalog tree (kind, system, domain or owner). */
export interface GroupNode {
  readonly type: 'group';
  readonly id: string;
  group: EntityGroup;
  parent: GroupNode | undefined;
}

/** An entity inside a folder. */
export interface EntityNode {
  readonly type: 'entity';
  readonly id: string;
  readonly ref: string;
  readonly parent: GroupNode;
}

export type CatalogTreeNode = GroupNode | EntityNode;

/**
 * Hands out one node object per id, so VS Code's partial refresh and `reveal` see the same
 * object for the same folder across recomputations.
 */
export class NodeRegistry {
  private groups = new Map<string, GroupNode>();
  private entities = new Map<string, EntityNode>();

  groupNode(group: EntityGroup, parent: GroupNode | undefined): GroupNode {
    let node = this.groups.get(group.id);
    if (!node) {
      node = { type: 'group', id: group.id, group, parent };
      this.groups.set(group.id, node);
    }
    node.group = group;
    node.parent = parent;
    return node;
  }

  /**
   * Points the existing folder nodes at their recomputed groups. A partial refresh hands VS Code
   * the existing node, and getChildren reads the node's group: without this it lists the old entities.
   */
  updateGroups(groups: readonly EntityGroup[]): void {
    for (const { group, parent } of walkGroups(groups)) {
      const node = this.groups.get(group.id);
      if (node) {
        node.group = group;
        node.parent = parent ? (this.groups.get(parent.id) ?? node.parent) : undefined;
      }
    }
  }

  existingGroup(id: string): GroupNode | undefined {
    return this.groups.get(id);
  }

  entityNode(ref: string, parent: GroupNode): EntityNode {
    const id = `${parent.id}/${ref}`;
    let node = this.entities.get(id);
    if (!node) {
      node = { type: 'entity', id, ref, parent };
      this.entities.set(id, node);
    }
    return node;
  }

  /** Entity nodes for a ref, wherever they are shown. */
  entityNodesFor(ref: string): EntityNode[] {
    return [...this.entities.values()].filter((node) => node.ref === ref);
  }

  clear(): void {
    this.groups = new Map();
    this.entities = new Map();
  }
}
