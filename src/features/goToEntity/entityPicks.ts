import type { QuickPickItem } from 'vscode';
import {
  compareEntities,
  entityLabel,
  entitySummary,
  entityTags,
  humanizeEntityRef,
  kindPresentation,
  ownerRefOf,
  type CatalogEntityRecord,
} from '../../catalog';
import type { SearchFields } from '../../catalog/views/entitySearch';
import type { PatchableSearchOptions } from '../../catalog/views/patchableEntitySearch';
import { escapeCodicons } from '../../shared/codiconEscape';

export interface EntityPickItem extends QuickPickItem {
  readonly ref: string;
}

/** One entity as Go to Entity lists and finds it. */
export interface EntityPick {
  readonly record: CatalogEntityRecord;
  readonly item: EntityPickItem;
}

/** What an entity is found by: its label first, then its name, ref, owner and tags. */
export function pickFields(record: CatalogEntityRecord): SearchFields {
  return {
    name: entityLabel(record),
    other: [record.entity.metadata.name, record.ref, ownerRefOf(record) ?? '', ...entityTags(record.entity)],
  };
}

/**
 * Catalog text in a pick is escaped where it is read (VS Code draws `$(name)` in a pick as an
 * icon); only the kind and owner icons are Greenroom's.
 */
export function entityPick(record: CatalogEntityRecord): EntityPick {
  // The owner shows as its ref made readable, not its title: an owner's change does not touch this row.
  const owner = ownerRefOf(record);
  const tags = entityTags(record.entity);
  const detail = [
    owner ? `$(account) ${escapeCodicons(humanizeEntityRef(owner, { defaultKind: 'group' }))}` : '',
    escapeCodicons(entitySummary(record)),
    escapeCodicons(tags.map((tag) => `#${tag}`).join(' ')),
  ]
    .filter((part) => part.length > 0)
    .join('  ·  ');
  return {
    record,
    item: {
      label: `$(${kindPresentation(record.entity.kind).codicon}) ${escapeCodicons(entityLabel(record))}`,
      description: escapeCodicons(record.ref),
      detail,
      ref: record.ref,
      // Our search decides what matches; VS Code's own filter must not hide what it found.
      alwaysShow: true,
    },
  };
}

/**
 * Whether a changed entity's pick shows, is found and sorts as before (a file saved with only
 * other entities changed): then the pick already indexed stays, and the index is not patched.
 */
export function samePick(a: EntityPick, b: EntityPick): boolean {
  if (a.item.label !== b.item.label || a.item.description !== b.item.description || a.item.detail !== b.item.detail) {
    return false;
  }
  const before = pickFields(a.record);
  const after = pickFields(b.record);
  return (
    before.name === after.name &&
    before.other.length === after.other.length &&
    before.other.every((text, at) => text === after.other[at])
  );
}

/** The list's order (label, then ref) and what each pick is found by. */
export const entityPickOrder: PatchableSearchOptions<EntityPick> = {
  fieldsOf: (pick) => pickFields(pick.record),
  keyOf: (pick) => pick.record.ref,
  // Refs are distinct, so no two picks tie, whatever the collator says.
  compare: (a, b) =>
    compareEntities(a.record, b.record) || (a.record.ref < b.record.ref ? -1 : a.record.ref > b.record.ref ? 1 : 0),
};
