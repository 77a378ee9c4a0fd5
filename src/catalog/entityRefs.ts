import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export interface CompoundRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export type RefParseResult = { readonly ok: true; readonly ref: string; readonly compound: CompoundRef } | { readonly ok: false; readonly message: string };

/**
 * Normalises a reference as Backstage does for relations: the field's default kind and the
 * referring entity's namespace fill what the string leaves out; the result is lower case
 * `kind:namespace/name`.
 */
export function resolveEntityRef(
  text: string,
  context: { readonly defaultKind?: string | undefined; readonly defaultNamespace?: string | undefined },
): RefParseResult {
  try {
    const compound = parseEntityRef(text, {
      ...(context.defaultKind ? { defaultKind: context.defaultKind } : {}),
      defaultNamespace: context.defaultNamespace ?? DEFAULT_NAMESPACE,
    });
    const ref = stringifyEntityRef(compound);
    return { ok: true, ref, compound: parseCanonicalRef(ref) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Splits a canonical `kind:namespace/name` string; only for refs this module produced. */
export function parseCanonicalRef(ref: string): CompoundRef {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}

export function formatEntityRef(entity: { kind: string; metadata: { name: string; namespace?: string | undefined } }): string {
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  });
}

/** The short form people write: namespace and kind dropped where they are the defaults. */
export function humanizeEntityRef(ref: string, options: { readonly defaultKind?: string } = {}): string {
  const { kind, namespace, name } = parseCanonicalRef(ref);
  const withNamespace = namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`;
  return options.defaultKind && options.defaultKind.toLowerCase() === kind ? withNamespace : `${kind}:${withNamespace}`;
}
