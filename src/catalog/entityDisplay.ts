import type { CatalogEntityRecord } from './catalogEntity';
import { compareNatural } from './naturalSort';

/** The label people recognise: the title when set, else the name. */
export function entityLabel(record: CatalogEntityRecord): string {
  const title = record.entity.metadata.title;
  return typeof title === 'string' && title.trim().length > 0 ? title : record.entity.metadata.name;
}

function specString(record: CatalogEntityRecord, field: string): string | undefined {
  const value = (record.entity.spec as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function entityType(record: CatalogEntityRecord): string | undefined {
  return specString(record, 'type');
}

export function entityLifecycle(record: CatalogEntityRecord): string | undefined {
  return specString(record, 'lifecycle');
}

/** `type · lifecycle`, the one-line summary under an entity in lists. */
export function entitySummary(record: CatalogEntityRecord): string {
  return [entityType(record), entityLifecycle(record)].filter((part): part is string => part !== undefined).join(' · ');
}

/** Sorts entities by their label, case-insensitively and naturally, then by ref for stability. */
export function compareEntities(a: CatalogEntityRecord, b: CatalogEntityRecord): number {
  return compareNatural(entityLabel(a), entityLabel(b)) || a.ref.localeCompare(b.ref);
}

/*
 * Safe readers of metadata. A descriptor Backstage rejects is still shown (marked invalid), and
 * a registry is someone else's server, so `tags: [1]`, `links: "nope"` or `annotations: [x]`
 * reach the views: these readers return only what has the documented shape, so no view breaks.
 */

type EntityLike = Pick<CatalogEntityRecord['entity'], 'metadata'>;

/** An entry of `metadata.links` with a string url; other fields kept only when they are strings. */
export interface EntityLink {
  readonly url: string;
  readonly title?: string;
  readonly icon?: string;
  readonly type?: string;
}

function ownString(value: object, key: string): string | undefined {
  const field = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** `metadata.tags` that are strings; anything else (a number, an object, a non-array) is left out. */
export function entityTags(entity: EntityLike): string[] {
  const tags: unknown = entity.metadata.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** `metadata.links` entries that are objects with a string url. */
export function entityLinks(entity: EntityLike): EntityLink[] {
  const links: unknown = entity.metadata.links;
  if (!Array.isArray(links)) {
    return [];
  }
  const result: EntityLink[] = [];
  for (const link of links as unknown[]) {
    if (!link || typeof link !== 'object' || Array.isArray(link)) {
      continue;
    }
    const url = ownString(link, 'url');
    if (url === undefined) {
      continue;
    }
    const title = ownString(link, 'title');
    const icon = ownString(link, 'icon');
    const type = ownString(link, 'type');
    result.push({
      url,
      ...(title !== undefined ? { title } : {}),
      ...(icon !== undefined ? { icon } : {}),
      ...(type !== undefined ? { type } : {}),
    });
  }
  return result;
}

/** One annotation's value when it is a string; read as an own property, so `constructor` finds nothing. */
export function entityAnnotation(entity: EntityLike, key: string): string | undefined {
  const annotations: unknown = entity.metadata.annotations;
  return annotations && typeof annotations === 'object' && !Array.isArray(annotations)
    ? ownString(annotations, key)
    : undefined;
}

/** Every annotation with a string key and value, in written order. */
export function entityAnnotations(entity: EntityLike): [string, string][] {
  const annotations: unknown = entity.metadata.annotations;
  if (!annotations || typeof annotations !== 'object' || Array.isArray(annotations)) {
    return [];
  }
  return Object.entries(annotations).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** `metadata.description` when it is a non-empty string. */
export function entityDescription(entity: EntityLike): string | undefined {
  const description: unknown = entity.metadata.description;
  return typeof description === 'string' && description.trim().length > 0 ? description : undefined;
}
