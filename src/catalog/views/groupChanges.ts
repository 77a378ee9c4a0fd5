import { walkGroups, type EntityGroup } from './entityGrouping';

export interface GroupChanges {
  /** The top level changed: refresh everything. */
  readonly root: boolean;
  /** Ids of the top-most folders whose content (or a descendant's, which changes their count) changed. */
  readonly groups: readonly string[];
}

function sameContent(a: EntityGroup, b: EntityGroup): boolean {
  return (
    a.entities.length === b.entities.length &&
    a.entities.every((record, position) => record === b.entities[position]) &&
    a.groups.length === b.groups.length &&
    a.groups.every(
      (child, position) =>
        child.id === b.groups[position]?.id &&
        child.label === b.groups[position]?.label &&
        child.codicon === b.groups[position]?.codicon,
    )
  );
}

/** Which folders need a refresh after a recomputation: the smallest set that shows the change. */
export function diffGroups(before: readonly EntityGroup[], after: readonly EntityGroup[]): GroupChanges {
  const topLevelSame =
    before.length === after.length &&
    before.every(
      (group, position) =>
        group.id === after[position]?.id &&
        group.label === after[position]?.label &&
        group.codicon === after[position]?.codicon,
    );
  if (!topLevelSame) {
    return { root: true, groups: [] };
  }
  const previous = new Map([...walkGroups(before)].map(({ group }) => [group.id, group]));
  const changed: string[] = [];
  // Depth first: once a folder is refreshed, VS Code re-reads everything below it.
  const visit = (groups: readonly EntityGroup[]): void => {
    for (const group of groups) {
      const old = previous.get(group.id);
      if (!old || !sameContent(old, group) || countOf(old) !== countOf(group)) {
        changed.push(group.id);
      } else {
        visit(group.groups);
      }
    }
  };
  visit(after);
  return { root: false, groups: changed };
}

/** Entities in a folder and all folders below it: the number shown beside the folder. */
export function countOf(group: EntityGroup): number {
  return group.entities.length + group.groups.reduce((sum, child) => sum + countOf(child), 0);
}
