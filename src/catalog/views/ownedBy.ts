import { RELATION_CHILD_OF, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import type { CatalogIndex } from '../catalogIndex';

/** How far up a group hierarchy we follow parents; real orgs are a handful of levels deep. */
const MAX_GROUP_DEPTH = 64;

/**
 * The refs that count as "me" for "owned by me": the user itself, every group it is a member
 * of, and those groups' parents, transitively (Backstage's ownership claims the same way).
 * A cycle in `spec.parent` ends because each group is visited once.
 */
export function identityOwnerRefs(index: CatalogIndex, userRef: string): ReadonlySet<string> {
  const user = userRef.toLowerCase();
  const owners = new Set<string>([user]);
  let frontier = index
    .relationsOf(user)
    .outgoing.filter((relation) => relation.type === RELATION_MEMBER_OF)
    .map((relation) => relation.target);
  for (let depth = 0; depth < MAX_GROUP_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const group of frontier) {
      if (owners.has(group)) {
        continue;
      }
      owners.add(group);
      for (const relation of index.relationsOf(group).outgoing) {
        if (relation.type === RELATION_CHILD_OF) {
          next.push(relation.target);
        }
      }
    }
    frontier = next;
  }
  return owners;
}

/**
 * What "owned by me" accepts as owner: {@link identityOwnerRefs} of the user, plus the ownership
 * refs a registry vouched for when the user signed in (its `ent` claim), which may name groups
 * this workspace's catalog does not hold.
 */
export function ownedByMeRefs(
  index: CatalogIndex,
  userRef: string,
  claimedOwnership: readonly string[] = [],
): ReadonlySet<string> {
  return new Set([...identityOwnerRefs(index, userRef), ...claimedOwnership.map((ref) => ref.toLowerCase())]);
}
