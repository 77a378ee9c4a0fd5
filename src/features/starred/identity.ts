import * as vscode from 'vscode';
import { resolveEntityRef, type CatalogIndex } from '../../catalog';
import { identityOwnerRefs } from '../../catalog/views/ownedBy';

/** The user entity ref from `greenroom.identity` (`user:default/amara.osei`, or just `amara.osei`). */
export function configuredIdentity(): string | undefined {
  const raw = vscode.workspace.getConfiguration('greenroom').get<unknown>('identity');
  if (typeof raw !== 'string' || raw.trim() === '') {
    return undefined;
  }
  const resolved = resolveEntityRef(raw.trim(), { defaultKind: 'user', defaultNamespace: 'default' });
  return resolved.ok ? resolved.ref : undefined;
}

/** What "owned by me" accepts as owner, or undefined when no identity is configured. */
export function ownerRefsOfIdentity(index: CatalogIndex): ReadonlySet<string> | undefined {
  const identity = configuredIdentity();
  return identity ? identityOwnerRefs(index, identity) : undefined;
}
