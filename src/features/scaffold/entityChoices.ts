import { compareEntities, entityLabel, type CatalogIndex } from '../../catalog';
import type { ParameterField } from '../../scaffolder';

export interface EntityChoice {
  /** What the field receives: a full entity ref, as Backstage's pickers produce. */
  readonly value: string;
  readonly label: string;
  readonly detail: string;
}

const PICKERS = new Set(['OwnerPicker', 'EntityPicker', 'OwnedEntityPicker', 'MyGroupsPicker', 'MultiEntityPicker']);

export function isEntityPicker(field: ParameterField): boolean {
  return field.field !== undefined && PICKERS.has(field.field);
}

function kindsOf(field: ParameterField): string[] {
  if (field.field === 'OwnerPicker' || field.field === 'MyGroupsPicker') {
    return field.field === 'MyGroupsPicker' ? ['group'] : ['group', 'user'];
  }
  const options = field.options;
  const filters = Array.isArray(options['catalogFilter']) ? options['catalogFilter'] : options['catalogFilter'] ? [options['catalogFilter']] : [];
  const fromFilter = filters.flatMap((filter) => {
    const kind = filter && typeof filter === 'object' ? (filter as Record<string, unknown>)['kind'] : undefined;
    return typeof kind === 'string' ? [kind] : Array.isArray(kind) ? kind.filter((item): item is string => typeof item === 'string') : [];
  });
  const allowed = Array.isArray(options['allowedKinds']) ? options['allowedKinds'].filter((item): item is string => typeof item === 'string') : [];
  return [...fromFilter, ...allowed].map((kind) => kind.toLowerCase());
}

/** The catalog entities an OwnerPicker/EntityPicker offers, fed from the index. */
export function entityChoices(index: CatalogIndex, field: ParameterField): EntityChoice[] {
  const kinds = kindsOf(field);
  const records = kinds.length > 0 ? kinds.flatMap((kind) => index.byKind(kind)) : index.entities();
  return records.sort(compareEntities).map((record) => ({ value: record.ref, label: entityLabel(record), detail: record.ref }));
}
