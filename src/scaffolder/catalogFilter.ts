import { isList } from '../shared/isList';

/** One `ui:options.catalogFilter` entry: dotted entity paths to a value, a list of values, or `{ exists: bool }`. */
export type CatalogFilter = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The values at a dotted path (`spec.type`, `metadata.tags`); arrays on the way fan out. */
function valuesAt(entity: unknown, dottedPath: string): unknown[] {
  let current: unknown[] = [entity];
  for (const key of dottedPath.split('.')) {
    current = current
      .flatMap((value) => (isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? [value[key]] : []))
      .flatMap((value): readonly unknown[] => (isList(value) ? value : [value]));
  }
  return current;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value).toLowerCase()
    : undefined;
}

function matchesCondition(entity: unknown, key: string, expected: unknown): boolean {
  const found = valuesAt(entity, key);
  if (isRecord(expected) && typeof expected['exists'] === 'boolean') {
    return expected['exists'] === found.length > 0;
  }
  const wanted = (Array.isArray(expected) ? expected : [expected])
    .map(scalarText)
    .filter((text): text is string => text !== undefined);
  // The catalog compares values case-insensitively (kind: Group matches group).
  return (
    wanted.length > 0 &&
    found.some((value) => {
      const text = scalarText(value);
      return text !== undefined && wanted.includes(text);
    })
  );
}

/** The filters a field's `ui:options` states: `catalogFilter` (one or a list), else `allowedKinds`. */
export function catalogFiltersOf(options: Readonly<Record<string, unknown>>): CatalogFilter[] {
  const raw = options['catalogFilter'];
  const filters = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isRecord);
  const kinds = Array.isArray(options['allowedKinds'])
    ? options['allowedKinds'].filter((kind): kind is string => typeof kind === 'string')
    : [];
  if (kinds.length === 0) {
    return filters;
  }
  // allowedKinds narrows every filter (Backstage's EntityPicker combines them this way).
  return filters.length === 0 ? [{ kind: kinds }] : filters.map((filter) => ({ ...filter, kind: kinds }));
}

/**
 * Backstage's `catalogFilter` matching: any filter of the list matches when every one of its
 * keys does; no filters matches everything.
 */
export function matchesCatalogFilters(entity: unknown, filters: readonly CatalogFilter[]): boolean {
  return (
    filters.length === 0 ||
    filters.some((filter) => Object.entries(filter).every(([key, expected]) => matchesCondition(entity, key, expected)))
  );
}

/** How a picker shows an entity: a user's or group's profile display name, then the title, then the name. */
export function entityDisplayName(entity: unknown): string {
  const profileName = valuesAt(entity, 'spec.profile.displayName')[0];
  const title = valuesAt(entity, 'metadata.title')[0];
  const name = valuesAt(entity, 'metadata.name')[0];
  for (const candidate of [profileName, title, name]) {
    if (typeof candidate === 'string' && candidate.trim().length > 0) {
      return candidate.trim();
    }
  }
  return '';
}
