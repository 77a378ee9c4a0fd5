import { parseCanonicalRef } from '../catalog/entityRefs';
import type { ScorecardContext } from './scorecardTypes';

/**
 * The catalog ref a CODEOWNERS owner stands for: `@org/team` (GitLab: `@group/sub/team`) is the
 * Group `team`; `@login` is the User whose login annotation says so, else the User of that
 * name; an email is the User with that profile email, when there is one.
 */
export function codeOwnerRef(owner: string, context: ScorecardContext): string | undefined {
  if (owner.startsWith('@')) {
    const parts = owner.slice(1).split('/').filter(Boolean);
    if (parts.length === 0 || owner.startsWith('@@')) {
      return undefined; // `@@role` (GitLab roles) names no one in the catalog.
    }
    if (parts.length > 1) {
      return `group:default/${(parts[parts.length - 1] as string).toLowerCase()}`;
    }
    const login = (parts[0] as string).toLowerCase();
    return context.userByLogin(login) ?? `user:default/${login}`;
  }
  return owner.includes('@') ? context.userByLogin(owner.toLowerCase()) : undefined;
}

/** How to write a ref as spec.owner: `team` for a Group in the default namespace, else the full ref. */
export function ownerFieldText(ref: string, entityNamespace: string): string {
  const { kind, namespace, name } = parseCanonicalRef(ref);
  if (kind === 'group' && namespace === entityNamespace) {
    return name;
  }
  return namespace === entityNamespace ? `${kind}:${name}` : ref;
}
