import { resolveEntityRef } from '../catalog';
import { ToolInputError } from './toolTypes';

/** A ref as people write it (`payments-service`, `api:payments-api`), made canonical or refused. */
export function canonicalEntityRefOrError(text: string, defaultKind: string): string {
  const resolved = resolveEntityRef(text.trim(), { defaultKind, defaultNamespace: 'default' });
  if (!resolved.ok) {
    throw new ToolInputError(resolved.message);
  }
  return resolved.ref;
}
