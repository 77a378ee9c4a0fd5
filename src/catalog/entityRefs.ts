import { DEFAULT_NAMESPACE, stringifyEntityRef } from '@backstage/catalog-model';

export interface CompoundRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export type RefParseResult =
  | { readonly ok: true; readonly ref: string; readonly compound: CompoundRef }
  | { readonly ok: false; readonly message: string };

/**
 * Normalises a reference as Backstage does for relations: the field's default kind and the
 * referring entity's namespace fill what the string leaves out; the result is lower case
 * `kind:namespace/name`.
 */
export function resolveEntityRef(
  text: string,
  context: { readonly defaultKind?: string | undefined; readonly defaultNamespace?: string | undefined },
): RefParseResult {
  const ref = canonicalEntityRef(text, context.defaultKind, context.defaultNamespace);
  return typeof ref === 'string' ? { ok: true, ref, compound: parseCanonicalRef(ref) } : ref;
}

/**
 * resolveEntityRef without the parts: the canonical ref, or why there is none. The split and
 * the checks are Backstage's `parseEntityRef`, written out because it runs for every reference
 * of every entity and throwing, catching and copying cost more than the parse (a differential
 * test keeps the two in step).
 */
export function canonicalEntityRef(
  text: string,
  defaultKind: string | undefined,
  defaultNamespace: string | undefined,
): string | { readonly ok: false; readonly message: string } {
  if (!text) {
    return { ok: false, message: 'Entity reference must not be empty' };
  }
  let colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (slash !== -1 && slash < colon) {
    colon = -1;
  }
  const spelledKind = colon === -1 ? undefined : text.slice(0, colon);
  const spelledNamespace = slash === -1 ? undefined : text.slice(colon + 1, slash);
  const name = text.slice(Math.max(colon + 1, slash + 1));
  if (spelledKind === '' || spelledNamespace === '' || name === '') {
    return { ok: false, message: `Entity reference "${text}" was not on the form [<kind>:][<namespace>/]<name>` };
  }
  const kind = spelledKind ?? defaultKind;
  const namespace = spelledNamespace ?? (defaultNamespace || DEFAULT_NAMESPACE);
  if (!kind) {
    return {
      ok: false,
      message: `Entity reference ${JSON.stringify(text)} had missing or empty kind (e.g. did not start with "component:" or similar)`,
    };
  }
  // Part by part, as Backstage does: lower-casing is context-sensitive (Greek final sigma).
  return `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name.toLowerCase()}`;
}

/** Splits a canonical `kind:namespace/name` string; only for refs this module produced. */
export function parseCanonicalRef(ref: string): CompoundRef {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}

export function formatEntityRef(entity: {
  kind: string;
  metadata: { name: string; namespace?: string | undefined };
}): string {
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
