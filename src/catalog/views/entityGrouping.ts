import type { CatalogEntityRecord } from '../catalogEntity';
import type { CatalogIndex } from '../catalogIndex';
import { compareEntities, entityLabel } from '../entityDisplay';
import { humanizeEntityRef, parseCanonicalRef } from '../entityRefs';
import { compareKinds, kindPresentation } from '../kinds';
import { ownerRefOf, referenceTargetOf } from '../referenceTargets';
import { isEmptyFilter, matchesFilter, type EntityFilter } from './entityFilter';

export type GroupingMode = 'kind' | 'system' | 'owner';

/** A folder in the Catalog tree. Ids are stable across refreshes so expansion state survives. */
export interface EntityGroup {
  readonly id: string;
  readonly label: string;
  readonly codicon: string;
  /** The entity the group stands for (a System, Domain or owner), when there is one. */
  readonly ref?: string;
  /** True when the group names a ref that is not in the catalog. */
  readonly unresolved?: boolean;
  readonly groups: readonly EntityGroup[];
  readonly entities: readonly CatalogEntityRecord[];
}

const NO_SYSTEM = '(no system)';

function group(
  id: string,
  label: string,
  codicon: string,
  entities: CatalogEntityRecord[],
  extra: Partial<EntityGroup> = {},
): EntityGroup {
  return { id, label, codicon, groups: [], ...extra, entities: entities.sort(compareEntities) };
}

function labelOfRef(index: CatalogIndex, ref: string, defaultKind: string): string {
  const record = index.get(ref);
  if (record) {
    const profile = (record.entity.spec as { profile?: { displayName?: unknown } } | undefined)?.profile;
    return typeof profile?.displayName === 'string' && profile.displayName.length > 0
      ? profile.displayName
      : entityLabel(record);
  }
  return humanizeEntityRef(ref, { defaultKind });
}

function byKind(entities: CatalogEntityRecord[]): EntityGroup[] {
  const buckets = new Map<string, CatalogEntityRecord[]>();
  for (const record of entities) {
    const kind = record.entity.kind.toLowerCase();
    buckets.set(kind, [...(buckets.get(kind) ?? []), record]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => compareKinds(a, b))
    .map(([kind, records]) => {
      const presentation = kindPresentation(records[0]?.entity.kind ?? kind);
      return group(`kind:${kind}`, presentation.plural, presentation.codicon, records);
    });
}

function byOwner(index: CatalogIndex, entities: CatalogEntityRecord[]): EntityGroup[] {
  const buckets = new Map<string, CatalogEntityRecord[]>();
  for (const record of entities) {
    const owner = ownerRefOf(record);
    if (owner) {
      buckets.set(owner, [...(buckets.get(owner) ?? []), record]);
    }
  }
  return [...buckets.entries()]
    .map(([owner, records]) => {
      const kind = parseCanonicalRef(owner).kind;
      const unresolved = !index.has(owner);
      return group(
        `owner:${owner}`,
        labelOfRef(index, owner, 'group'),
        unresolved ? 'warning' : kind === 'user' ? 'person' : 'organization',
        records,
        { ref: owner, unresolved },
      );
    })
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }));
}

/** Domain → System → parts; what has no system (and is a part kind) goes to one "no system" folder. */
function bySystem(index: CatalogIndex, entities: CatalogEntityRecord[]): EntityGroup[] {
  const partsBySystem = new Map<string, CatalogEntityRecord[]>();
  const withoutSystem: CatalogEntityRecord[] = [];
  for (const record of entities) {
    const kind = record.entity.kind.toLowerCase();
    if (kind === 'system' || kind === 'domain') {
      continue;
    }
    const system = referenceTargetOf(record, 'spec.system');
    if (system) {
      partsBySystem.set(system, [...(partsBySystem.get(system) ?? []), record]);
    } else if (kind === 'component' || kind === 'api' || kind === 'resource') {
      withoutSystem.push(record);
    }
  }
  const systemsByDomain = new Map<string | undefined, EntityGroup[]>();
  const systemRefs = new Set([...partsBySystem.keys(), ...index.byKind('system').map((record) => record.ref)]);
  for (const systemRef of systemRefs) {
    const parts = partsBySystem.get(systemRef) ?? [];
    const systemRecord = index.get(systemRef);
    const domain = systemRecord ? referenceTargetOf(systemRecord, 'spec.domain') : undefined;
    const systemGroup = group(
      `system:${systemRef}`,
      labelOfRef(index, systemRef, 'system'),
      systemRecord ? 'server-environment' : 'warning',
      parts,
      { ref: systemRef, unresolved: !systemRecord },
    );
    systemsByDomain.set(domain, [...(systemsByDomain.get(domain) ?? []), systemGroup]);
  }
  const sortGroups = (groups: EntityGroup[]): EntityGroup[] =>
    groups.sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }));
  const domainRefs = new Set([
    ...[...systemsByDomain.keys()].filter((ref): ref is string => ref !== undefined),
    ...index.byKind('domain').map((record) => record.ref),
  ]);
  const result: EntityGroup[] = sortGroups(
    [...domainRefs].map((domainRef) => ({
      id: `domain:${domainRef}`,
      label: labelOfRef(index, domainRef, 'domain'),
      codicon: index.has(domainRef) ? 'globe' : 'warning',
      ref: domainRef,
      unresolved: !index.has(domainRef),
      groups: sortGroups(systemsByDomain.get(domainRef) ?? []),
      entities: [],
    })),
  );
  result.push(...sortGroups(systemsByDomain.get(undefined) ?? []));
  if (withoutSystem.length > 0) {
    result.push(group('system:none', NO_SYSTEM, 'circle-slash', withoutSystem));
  }
  return result;
}

/** The Catalog tree's folders for a grouping mode and filter; pure, so it is unit-tested. */
export function groupEntities(index: CatalogIndex, mode: GroupingMode, filter: EntityFilter = {}): EntityGroup[] {
  const entities = index.entities().filter((record) => matchesFilter(record, filter));
  const groups =
    mode === 'owner' ? byOwner(index, entities) : mode === 'system' ? bySystem(index, entities) : byKind(entities);
  // Unfiltered, an empty System or Domain is information; filtered, it is noise.
  return isEmptyFilter(filter) ? groups : pruneEmpty(groups);
}

function pruneEmpty(groups: readonly EntityGroup[]): EntityGroup[] {
  return groups
    .map((child) => ({ ...child, groups: pruneEmpty(child.groups) }))
    .filter((child) => child.entities.length > 0 || child.groups.length > 0);
}

/** Every group of a tree, depth first, for lookups by id. */
export function* walkGroups(
  groups: readonly EntityGroup[],
  parent?: EntityGroup,
): Generator<{ group: EntityGroup; parent: EntityGroup | undefined }> {
  for (const child of groups) {
    yield { group: child, parent };
    yield* walkGroups(child.groups, child);
  }
}
