import type { CatalogEntityRecord } from '../catalogEntity';
import { entityDescription, entityLabel, entityLifecycle, entityTags } from '../entityDisplay';
import { ownerRefOf } from '../referenceTargets';

/** What the user narrowed the tree to. Empty fields do not filter. */
export interface EntityFilter {
  /** Words that must all appear in the name, title, ref, description, owner or tags. */
  readonly text?: string;
  readonly tags?: readonly string[];
  readonly lifecycles?: readonly string[];
}

export function isEmptyFilter(filter: EntityFilter): boolean {
  return !filter.text?.trim() && !filter.tags?.length && !filter.lifecycles?.length;
}

function searchableText(record: CatalogEntityRecord): string {
  const metadata = record.entity.metadata;
  const owner = ownerRefOf(record) ?? '';
  return [
    record.ref,
    metadata.name,
    entityLabel(record),
    entityDescription(record.entity) ?? '',
    owner,
    ...entityTags(record.entity),
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * Parses the filter box: `tag:x` and `lifecycle:y` narrow by field, everything else is text.
 * So `tag:java payments` means "tagged java and mentioning payments".
 */
export function parseFilterQuery(query: string): EntityFilter {
  const words: string[] = [];
  const tags: string[] = [];
  const lifecycles: string[] = [];
  for (const token of query
    .trim()
    .split(/\s+/)
    .filter((part) => part.length > 0)) {
    const [prefix, ...rest] = token.split(':');
    const value = rest.join(':').toLowerCase();
    if (prefix?.toLowerCase() === 'tag' && value) {
      tags.push(value);
    } else if (prefix?.toLowerCase() === 'lifecycle' && value) {
      lifecycles.push(value);
    } else {
      words.push(token);
    }
  }
  return { text: words.join(' '), tags, lifecycles };
}

export function matchesFilter(record: CatalogEntityRecord, filter: EntityFilter): boolean {
  if (filter.tags?.length) {
    const tags = new Set(entityTags(record.entity).map((tag) => tag.toLowerCase()));
    if (!filter.tags.every((tag) => tags.has(tag.toLowerCase()))) {
      return false;
    }
  }
  if (filter.lifecycles?.length) {
    const lifecycle = entityLifecycle(record)?.toLowerCase();
    if (!lifecycle || !filter.lifecycles.some((wanted) => wanted.toLowerCase() === lifecycle)) {
      return false;
    }
  }
  const words =
    filter.text
      ?.toLowerCase()
      .split(/\s+/)
      .filter((word) => word.length > 0) ?? [];
  if (words.length > 0) {
    const text = searchableText(record);
    return words.every((word) => text.includes(word));
  }
  return true;
}
