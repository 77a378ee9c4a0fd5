import { compareEntities, type CatalogIndex } from '../../catalog';
import { catalogFiltersOf, entityDisplayName, matchesCatalogFilters, type ParameterField } from '../../scaffolder';

export interface EntityChoice {
  /** What the field receives: a full entity ref, as Backstage's pickers produce. */
  readonly value: string;
  /** A person's or team's display name (spec.profile.displayName), else the title or name. */
  readonly label: string;
  readonly detail: string;
}

const PICKERS = new Set(['OwnerPicker', 'EntityPicker', 'OwnedEntityPicker', 'MyGroupsPicker', 'MultiEntityPicker']);

export function isEntityPicker(field: ParameterField): boolean {
  return field.field !== undefined && PICKERS.has(field.field);
}

/** Fields whose answer is a list of entities (MultiEntityPicker) or of tags (EntityTagsPicker). */
export function isMultiPicker(field: ParameterField): boolean {
  return field.field === 'MultiEntityPicker' || field.field === 'EntityTagsPicker';
}

/** OwnerPicker offers groups and users unless its options narrow it; the others follow catalogFilter. */
function filtersOf(field: ParameterField): ReturnType<typeof catalogFiltersOf> {
  const filters = catalogFiltersOf(field.options);
  if (filters.length > 0) {
    return filters;
  }
  if (field.field === 'OwnerPicker') {
    return [{ kind: ['Group', 'User'] }];
  }
  return field.field === 'MyGroupsPicker' ? [{ kind: 'Group' }] : [];
}

/** The catalog entities a picker offers, fed from the index and its `ui:options`. */
export function entityChoices(index: CatalogIndex, field: ParameterField): EntityChoice[] {
  const filters = filtersOf(field);
  return index
    .entities()
    .filter((record) => matchesCatalogFilters(record.entity, filters))
    .sort(compareEntities)
    .map((record) => ({
      value: record.ref,
      label: entityDisplayName(record.entity) || record.ref,
      detail: record.ref,
    }));
}

/** Every tag used in the catalog, for EntityTagsPicker; `kinds` (ui:options) narrows where they come from. */
export function tagChoices(index: CatalogIndex, field: ParameterField): string[] {
  const kinds = Array.isArray(field.options['kinds'])
    ? field.options['kinds']
        .filter((kind): kind is string => typeof kind === 'string')
        .map((kind) => kind.toLowerCase())
    : [];
  const tags = new Set<string>();
  for (const record of index.entities()) {
    if (kinds.length > 0 && !kinds.includes(record.entity.kind.toLowerCase())) {
      continue;
    }
    for (const tag of Array.isArray(record.entity.metadata.tags) ? record.entity.metadata.tags : []) {
      if (typeof tag === 'string') {
        tags.add(tag);
      }
    }
  }
  return [...tags].sort((a, b) => a.localeCompare(b));
}
