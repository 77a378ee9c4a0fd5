import type { Entity } from '@backstage/catalog-model';
import type { CatalogEntityRecord, EntityOrigin, LocationTarget } from './catalogEntity';
import { formatEntityRef } from './entityRefs';
import { validateEntity } from './entityValidation';
import { extractPlaceholders } from './placeholders';
import type { CatalogProblem } from './problems';
import { deriveReferences } from './relations';
import { START_OF_FILE } from './sourceRange';
import { parseYamlDocuments, type YamlDocumentValue } from './yamlDocuments';

export interface ParsedCatalogFile {
  readonly file: string;
  readonly entities: CatalogEntityRecord[];
  /** Problems found in this file alone; cross-file ones (dangling refs, duplicates) come from the index. */
  readonly problems: CatalogProblem[];
  readonly locationTargets: LocationTarget[];
}

/** Enough of an envelope to name the entity even when validation fails. */
function nameableEnvelope(value: Record<string, unknown>): Entity | undefined {
  const metadata = value['metadata'];
  if (typeof value['kind'] !== 'string' || !metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return undefined;
  }
  const { name, namespace } = metadata as Record<string, unknown>;
  if (typeof name !== 'string' || name.length === 0 || (namespace !== undefined && typeof namespace !== 'string')) {
    return undefined;
  }
  return { ...value, metadata: { ...metadata, name, namespace: namespace ?? 'default' } } as Entity;
}

/** The `kind: Location` targets a record declares, with the range each is written at. */
export function locationTargetsOf(record: CatalogEntityRecord): LocationTarget[] {
  if (record.entity.kind.toLowerCase() !== 'location' || !record.entity.spec) {
    return [];
  }
  const spec = record.entity.spec as Record<string, unknown>;
  const type = typeof spec['type'] === 'string' ? spec['type'] : undefined;
  const optional = spec['presence'] === 'optional';
  const targets: LocationTarget[] = [];
  const add = (target: unknown, path: (string | number)[]): void => {
    if (typeof target === 'string' && target.trim().length > 0) {
      const range = record.fields.closest(path)?.valueRange ?? record.range;
      targets.push({ locationRef: record.ref, file: record.file, target: target.trim(), type, optional, range });
    }
  };
  add(spec['target'], ['spec', 'target']);
  if (Array.isArray(spec['targets'])) {
    spec['targets'].forEach((target, index) => add(target, ['spec', 'targets', index]));
  }
  return targets;
}

async function parseDocument(
  file: string,
  document: YamlDocumentValue,
  origin: EntityOrigin,
  problems: CatalogProblem[],
): Promise<CatalogEntityRecord | undefined> {
  const { value: validatable, placeholders } = extractPlaceholders(document.value);
  const validation = await validateEntity(validatable);
  const entity = validation.entity
    ? ({ ...document.value, metadata: validation.entity.metadata } as Entity)
    : nameableEnvelope(document.value);
  const ref = entity ? formatEntityRef(entity) : undefined;
  for (const issue of validation.issues) {
    problems.push({
      file,
      range: document.fields.closest(issue.path)?.valueRange ?? document.range,
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      ...(ref ? { entityRef: ref } : {}),
    });
  }
  if (!entity || !ref) {
    return undefined;
  }
  const derived = deriveReferences(entity, ref, file, document.fields);
  problems.push(...derived.problems);
  // A kind no built-in processor knows is rejected by a stock backend too ("No processor recognized the entity").
  const valid =
    !validation.issues.some((issue) => issue.severity === 'error' || issue.code === 'unknown-kind') &&
    derived.problems.length === 0;
  return {
    ref,
    entity,
    file,
    documentIndex: document.documentIndex,
    range: document.range,
    fields: document.fields,
    references: derived.references,
    // Backstage stores no relations for an entity it rejects.
    relations: valid ? derived.relations : [],
    placeholders,
    valid,
    origin,
  };
}

/**
 * Turns the text of one catalog file into entities, relations, Location targets and
 * problems. Never throws: every failure becomes a problem with a position.
 */
export async function parseCatalogFile(file: string, text: string, origin: EntityOrigin): Promise<ParsedCatalogFile> {
  const problems: CatalogProblem[] = [];
  const entities: CatalogEntityRecord[] = [];
  let documents: YamlDocumentValue[] = [];
  try {
    const parsed = parseYamlDocuments(file, text);
    documents = parsed.documents;
    problems.push(...parsed.problems);
  } catch (error) {
    // The yaml parser is not supposed to throw; if it does, the file still gets a problem.
    problems.push({
      file,
      range: START_OF_FILE,
      severity: 'error',
      code: 'yaml-syntax',
      message: `Failed to parse YAML: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  for (const document of documents) {
    const record = await parseDocument(file, document, origin, problems);
    if (record) {
      entities.push(record);
    }
  }
  return { file, entities, problems, locationTargets: entities.flatMap(locationTargetsOf) };
}
