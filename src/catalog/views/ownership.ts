import { RELATION_CHILD_OF, RELATION_HAS_MEMBER, RELATION_PARENT_OF } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../catalogEntity';
import type { CatalogIndex } from '../catalogIndex';
import { compareEntities } from '../entityDisplay';

/** Who owns what, read from the index's relations: the data behind the Owners view. */
function existingTargets(index: CatalogIndex, ref: string, type: string): CatalogEntityRecord[] {
  const records = index
    .relationsOf(ref)
    .outgoing.filter((relation) => relation.type === type)
    .map((relation) => index.get(relation.target))
    .filter((record): record is CatalogEntityRecord => record !== undefined);
  return [...new Set(records)].sort(compareEntities);
}

/**
 * Groups with no parent in the catalog: the tops of the hierarchy (several roots are allowed).
 * A group Backstage rejects is no owner: what names it is listed under "Unknown owner".
 */
export function rootGroups(index: CatalogIndex): CatalogEntityRecord[] {
  return index
    .byKind('group')
    .filter((group) => group.valid && existingTargets(index, group.ref, RELATION_CHILD_OF).length === 0)
    .sort(compareEntities);
}

export function childGroups(index: CatalogIndex, groupRef: string): CatalogEntityRecord[] {
  return existingTargets(index, groupRef, RELATION_PARENT_OF).filter(
    (record) => record.entity.kind.toLowerCase() === 'group',
  );
}

export function groupMembers(index: CatalogIndex, groupRef: string): CatalogEntityRecord[] {
  return existingTargets(index, groupRef, RELATION_HAS_MEMBER).filter(
    (record) => record.entity.kind.toLowerCase() === 'user',
  );
}

/** Users that belong to no group in the catalog. */
export function usersWithoutGroup(index: CatalogIndex): CatalogEntityRecord[] {
  return index
    .byKind('user')
    .filter(
      (user) =>
        user.valid &&
        !index
          .relationsOf(user.ref)
          .incoming.some((relation) => relation.type === RELATION_HAS_MEMBER && index.has(relation.source)),
    )
    .sort(compareEntities);
}

/**
 * What an owner owns, read from the `spec.owner` refs themselves (so an owner missing from the
 * catalog is still listed): entities Backstage rejects own nothing, as they have no relations.
 */
export function ownedEntities(index: CatalogIndex, ownerRef: string): CatalogEntityRecord[] {
  return index
    .byOwner(ownerRef)
    .filter((record) => record.valid)
    .sort(compareEntities);
}

/** Owner refs that resolve to nothing (or to an entity Backstage rejects), with what they "own". */
export function unknownOwners(index: CatalogIndex): { ownerRef: string; entities: CatalogEntityRecord[] }[] {
  return index
    .owners()
    .filter((owner) => !index.isAccepted(owner))
    .sort()
    .map((ownerRef) => ({ ownerRef, entities: ownedEntities(index, ownerRef) }))
    .filter((entry) => entry.entities.length > 0);
}
