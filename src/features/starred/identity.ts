import type { CatalogIndex } from '../../catalog';
import { identityOwnerRefs } from '../../catalog/views/ownedBy';

/** What "owned by me" accepts as owner, or undefined when no identity (`greenroom.identity`) is configured. */
export function ownerRefsOfIdentity(index: CatalogIndex, identity: string | undefined): ReadonlySet<string> | undefined {
  return identity ? identityOwnerRefs(index, identity) : undefined;
}
