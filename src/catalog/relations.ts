import type { FieldRanges } from './fieldRanges';
import { canonicalEntityRef } from './entityRefs';
import type { CatalogProblem } from './problems';
import { referenceFieldsOf } from './referenceFields';
import { START_OF_FILE, type SourceRange } from './sourceRange';

export interface CatalogRelation {
  readonly source: string;
  readonly type: string;
  readonly target: string;
}

/** One place where an entity refers to another: what the tree, hover and dangling-ref checks read. */
export interface ReferenceSite {
  readonly sourceRef: string;
  /** Dotted spec path, e.g. `spec.dependsOn[1]`. */
  readonly field: string;
  /** The spec key the reference is written under, e.g. `dependsOn`: which relation pair it implies. */
  readonly specField: string;
  readonly text: string;
  readonly targetRef: string;
  readonly range: SourceRange;
}

export interface DerivedReferences {
  readonly relations: CatalogRelation[];
  readonly references: ReferenceSite[];
  readonly problems: CatalogProblem[];
}

interface EntityShape {
  readonly kind: string;
  readonly metadata: { readonly namespace?: string | undefined };
  readonly spec?: Record<string, unknown> | undefined;
}

/**
 * One copy of each target ref: thousands of entities name the same owner, system or API, and
 * the ref each resolves to is a new string (a rope of its lower-cased parts) that every record,
 * relation and index key would otherwise hold a copy of. Bounded, as the refs come from files
 * and registries: past the bound it starts over.
 */
class TargetRefPool {
  private static readonly ENTRIES = 65_536;
  private readonly refs = new Map<string, string>();

  share<T>(ref: string | T): string | T {
    if (typeof ref !== 'string') {
      return ref;
    }
    const known = this.refs.get(ref);
    if (known !== undefined) {
      return known;
    }
    if (this.refs.size >= TargetRefPool.ENTRIES) {
      this.refs.clear();
    }
    this.refs.set(ref, ref);
    return ref;
  }
}
const targetRefs = new TargetRefPool();

/** `spec.owner`: made once per field, not once per entity. */
const fieldLabels = new Map<string, string>();
function fieldLabel(field: string): string {
  let label = fieldLabels.get(field);
  if (label === undefined) {
    label = `spec.${field}`;
    fieldLabels.set(field, label);
  }
  return label;
}

/** `spec.dependsOn[3]`: the same few labels for thousands of entities, made once. */
const itemLabels = new Map<string, string[]>();
function itemLabel(field: string, index: number): string {
  let labels = itemLabels.get(field);
  if (!labels) {
    labels = [];
    itemLabels.set(field, labels);
  }
  return index < 64 ? (labels[index] ??= `spec.${field}[${index}]`) : `spec.${field}[${index}]`;
}

/**
 * Both ends of the relation every reference implies, exactly as Backstage's
 * BuiltinKindsEntityProcessor emits them: the one derivation of relations from references,
 * used when parsing and when decoding a cached or worker-sent parse. Undefined when a site
 * names a field the kind has no relation for (data that was not made by `deriveReferences`).
 */
export function relationsFromReferences(
  kind: string,
  sourceRef: string,
  references: readonly ReferenceSite[],
): CatalogRelation[] | undefined {
  const fields = referenceFieldsOf(kind);
  const relations: CatalogRelation[] = [];
  for (const site of references) {
    const field = fields.find((candidate) => candidate.field === site.specField);
    if (!field) {
      return undefined;
    }
    relations.push({ source: sourceRef, type: field.outgoing, target: site.targetRef });
    relations.push({ source: site.targetRef, type: field.incoming, target: sourceRef });
  }
  return relations;
}

/**
 * The relations a record contributes: Backstage rejects an entity that fails validation or
 * processing, so an invalid one has none (its references stay, for hover and navigation).
 */
export function recordRelations(
  kind: string,
  sourceRef: string,
  references: readonly ReferenceSite[],
  valid: boolean,
): CatalogRelation[] | undefined {
  const relations = relationsFromReferences(kind, sourceRef, references);
  return relations && (valid ? relations : []);
}

/**
 * Finds every reference the entity's spec makes, records where each was written and emits
 * the relations they imply (see `relationsFromReferences`).
 */
export function deriveReferences(
  entity: EntityShape,
  sourceRef: string,
  file: string,
  fields: FieldRanges,
): DerivedReferences {
  const result: DerivedReferences = { relations: [], references: [], problems: [] };
  const spec = entity.spec ?? {};
  // Registry entities have no text to locate fields in: skip the lookups (20,000 entities a sync).
  const located = !fields.isEmpty;
  for (const field of referenceFieldsOf(entity.kind)) {
    const raw = spec[field.field];
    if (raw === undefined || raw === null) {
      continue;
    }
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      if (typeof value !== 'string') {
        // Schema validation reports the wrong type; nothing to derive from it.
        continue;
      }
      const label = Array.isArray(raw) ? itemLabel(field.field, index) : fieldLabel(field.field);
      const range =
        (located
          ? fields.closest(Array.isArray(raw) ? ['spec', field.field, index] : ['spec', field.field])?.valueRange
          : undefined) ?? START_OF_FILE;
      const resolved = targetRefs.share(canonicalEntityRef(value, field.defaultKind, entity.metadata.namespace));
      if (typeof resolved !== 'string') {
        result.problems.push({
          file,
          range,
          severity: 'error',
          code: 'invalid-ref',
          message: `${label}: ${resolved.message}`,
          entityRef: sourceRef,
        });
        continue;
      }
      result.references.push({
        sourceRef,
        field: label,
        specField: field.field,
        text: value,
        targetRef: resolved,
        range,
      });
    }
  }
  // Kept for as long as the entity is indexed: arrays of their exact length, not the sixteen
  // slots a first push reserves (at 100,000 registry entities, 24 MB of empty slots).
  return {
    references: result.references.slice(),
    relations: (relationsFromReferences(entity.kind, sourceRef, result.references) ?? []).slice(),
    problems: result.problems,
  };
}
