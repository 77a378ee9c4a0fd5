import { RELATION_MEMBER_OF } from '@backstage/catalog-model';
import type { CatalogIndex } from '../catalogIndex';

/**
 * The refs that count as "me" for "owned by me": the user itself and every group it is a direct
 * member of (declared on either side). Backstage's default sign-in resolvers claim the same
 * ownership, and its "Owned" filter uses those claims: a parent group's assets are not "mine".
 */
export function identityOwnerRefs(index: CatalogIndex, userRef: string): ReadonlySet<string> {
  const user = userRef.toLowerCase();
  const owners = new Set<string>([user]);
  for (const relation of index.relationsOf(user).outgoing) {
    if (relation.type === RELATION_MEMBER_OF) {
      owners.add(relation.target);
    }
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
