import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { formatEntityRef } from '../catalog/entityRefs';
import { FieldRanges } from '../catalog/fieldRanges';
import type { ParsedCatalogFile } from '../catalog/parseCatalogFile';
import { deriveReferences } from '../catalog/relations';
import { START_OF_FILE } from '../catalog/sourceRange';

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

/** Enough of an entity to index it: what the client keeps from a registry's answer. */
export function isNameableEntity(value: unknown): value is Entity {
  if (!value || typeof value !== 'object') {
    return false;
  }
  const candidate = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } | null };
  const namespace = candidate.metadata?.namespace;
  return typeof candidate.kind === 'string' && typeof candidate.metadata?.name === 'string' && (namespace === undefined || namespace === null || typeof namespace === 'string');
}

/**
 * Turns entities served by a registry into index records. The server already validated them,
 * so they are valid; relations are derived from spec the same way as for local files.
 */
export function registryPage(registry: string, key: string, entities: readonly Entity[]): ParsedCatalogFile {
  const records: CatalogEntityRecord[] = [];
  entities.forEach((served, position) => {
    // Relations are derived from spec as for local files, so the server's copies and its
    // processing status are not kept: a fifth of a page's objects, which would otherwise
    // be copied by every garbage collection and written to the cache.
    const { relations: _relations, status: _status, ...descriptor } = served as Entity & { status?: unknown };
    const entity: Entity = served.metadata.namespace ? descriptor : { ...descriptor, metadata: { ...served.metadata, namespace: 'default' } };
    const ref = formatEntityRef(entity);
    const derived = deriveReferences(entity, ref, key, emptyFields);
    records.push({
      ref,
      entity,
      file: key,
      documentIndex: position,
      range: START_OF_FILE,
      fields: emptyFields,
      references: derived.references,
      relations: derived.relations,
      placeholders: [],
      valid: true,
      origin: { type: 'registry', registry },
    });
  });
  return { file: key, entities: records, problems: [], locationTargets: [] };
}
