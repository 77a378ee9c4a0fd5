import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { formatEntityRef } from '../catalog/entityRefs';
import { FieldRanges } from '../catalog/fieldRanges';
import type { ParsedCatalogFile } from '../catalog/parseCatalogFile';
import type { Placeholder } from '../catalog/placeholders';
import type { CatalogProblem } from '../catalog/problems';
import { deriveReferences } from '../catalog/relations';
import { START_OF_FILE } from '../catalog/sourceRange';
import { validateServedEntity } from '../catalog/entityValidation';

/** Index keys of remote pages look like `greenroom-registry:<name>/<generation>/<page>`: never a disk path. */
export const REGISTRY_FILE_PREFIX = 'greenroom-registry:';

export function registryPageKey(registry: string, generation: number, page: number): string {
  return `${REGISTRY_FILE_PREFIX}${encodeURIComponent(registry)}/${generation}/${page}`;
}

export function isRegistryKey(file: string): boolean {
  return file.startsWith(REGISTRY_FILE_PREFIX);
}

export function registryOfKey(file: string): string | undefined {
  if (!isRegistryKey(file)) {
    return undefined;
  }
  return decodeURIComponent(file.slice(REGISTRY_FILE_PREFIX.length).split('/')[0] ?? '');
}

const emptyFields = new FieldRanges();
const NO_PLACEHOLDERS: readonly Placeholder[] = Object.freeze([]);

/**
 * The descriptor of a served entity. Relations are derived from spec as for local files, so the
 * server's copies and its processing status are not kept: a fifth of a page's objects, which
 * would otherwise be copied by every garbage collection and written to the cache. A sync asks
 * without them, so mostly the parsed object is kept as it is, not copied.
 */
function withoutServerFields(served: Entity & { status?: unknown }): Entity {
  let entity: Entity = served;
  if (served.relations !== undefined || served.status !== undefined) {
    const { relations: _relations, status: _status, ...descriptor } = served;
    entity = descriptor;
  }
  return served.metadata.namespace ? entity : { ...entity, metadata: { ...served.metadata, namespace: 'default' } };
}

/** Enough of an entity to index it: what the client keeps from a registry's answer. */
export function isNameableEntity(value: unknown): value is Entity {
  if (!value || typeof value !== 'object') {
    return false;
  }
  const candidate = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } | null };
  const namespace = candidate.metadata?.namespace;
  return (
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata?.name === 'string' &&
    (namespace === undefined || namespace === null || typeof namespace === 'string')
  );
}

/**
 * Turns entities served by a registry into index records. A registry is someone else's server:
 * each entity is validated with the same Backstage policies as a workspace file, and one it
 * would reject is kept but marked invalid, with its problems, so views show it as such.
 * Relations are derived from spec the same way as for local files.
 */
export async function registryPage(
  registry: string,
  key: string,
  entities: readonly Entity[],
): Promise<ParsedCatalogFile> {
  const records: CatalogEntityRecord[] = [];
  const problems: CatalogProblem[] = [];
  // One origin per page: 100,000 records need not carry 100,000 equal objects.
  const origin = { type: 'registry', registry } as const;
  for (let position = 0; position < entities.length; position++) {
    const served = entities[position] as Entity & { status?: unknown };
    const entity = withoutServerFields(served);
    const ref = formatEntityRef(entity);
    const validation = await validateServedEntity(entity);
    for (const issue of validation.issues) {
      problems.push({
        file: key,
        range: START_OF_FILE,
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
        entityRef: ref,
      });
    }
    const derived = deriveReferences(entity, ref, key, emptyFields);
    problems.push(...derived.problems);
    records.push({
      ref,
      entity,
      file: key,
      documentIndex: position,
      range: START_OF_FILE,
      fields: emptyFields,
      references: derived.references,
      relations: derived.relations,
      placeholders: NO_PLACEHOLDERS,
      valid: !validation.issues.some((issue) => issue.severity === 'error') && derived.problems.length === 0,
      origin,
    });
  }
  return { file: key, entities: records, problems, locationTargets: [] };
}
