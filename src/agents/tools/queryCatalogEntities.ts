import type { FilterPredicate } from '@backstage/filter-predicates';
import type { JsonValue } from '@backstage/types';
import type { CatalogEntityRecord } from '../../catalog';
import { backstageEntity, backstageRelations } from '../entityEssentials';
import { filterPredicates } from '../../catalog/filterPredicates';
import { readsRelations, withRelationKeysExpanded } from '../relationPredicates';
import {
  argumentsObject,
  INPUT_LIMITS,
  optionalInteger,
  optionalJsonObject,
  optionalString,
  optionalStringList,
} from '../toolInput';
import { READ_ONLY, ToolInputError, type AgentTool } from '../toolTypes';

const DEFAULT_LIMIT = 50;
/** Results kept for paging and repeated questions (oldest dropped first); any catalog change drops them all. */
const MAX_REMEMBERED_QUERIES = 64;
/** Checked predicates by their JSON text: the library's parser builds zod schemas on every call. */
const MAX_PARSED_PREDICATES = 256;
const parsedPredicates = new Map<string, FilterPredicate>();
const MAX_FILTER_BYTES = 16 * 1024;
const DEFAULT_TEXT_FIELDS = ['metadata.name', 'metadata.title', 'metadata.description', 'spec.type', 'metadata.tags'];

interface OrderField {
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

interface Query {
  readonly filter: FilterPredicate | undefined;
  readonly fields: readonly string[] | undefined;
  readonly orderFields: readonly OrderField[];
  readonly fullText: { readonly term: string; readonly fields: readonly string[] } | undefined;
  readonly offset: number;
  readonly limit: number;
}

function readOrderFields(value: unknown): OrderField[] {
  if (value === undefined || value === null) {
    return [];
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length > 5) {
    throw new ToolInputError('orderFields takes at most 5 fields');
  }
  return list.map((item) => {
    const map = argumentsObject(item);
    const field = optionalString(map, 'field');
    const order = optionalString(map, 'order') ?? 'asc';
    if (!field || (order !== 'asc' && order !== 'desc')) {
      throw new ToolInputError('orderFields entries are {field, order: "asc" | "desc"}');
    }
    return { field, order };
  });
}

/** The `query` predicate (Backstage's name for it), checked by filter-predicates' own parser. */
function readFilter(args: ReadonlyMap<string, unknown>, key = 'query'): FilterPredicate | undefined {
  const raw = optionalJsonObject(args, key, MAX_FILTER_BYTES);
  if (raw === undefined) {
    return undefined;
  }
  const text = JSON.stringify(raw);
  const known = parsedPredicates.get(text);
  if (known) {
    return known;
  }
  try {
    const parsed = withRelationKeysExpanded(filterPredicates().parseFilterPredicate(raw));
    if (parsedPredicates.size >= MAX_PARSED_PREDICATES) {
      parsedPredicates.delete(parsedPredicates.keys().next().value as string);
    }
    parsedPredicates.set(text, parsed);
    return parsed;
  } catch (error) {
    throw new ToolInputError(error instanceof Error ? error.message : String(error));
  }
}

function readFullText(args: ReadonlyMap<string, unknown>): Query['fullText'] {
  const raw = args.get('fullTextFilter');
  if (raw === undefined || raw === null) {
    return undefined;
  }
  const map = argumentsObject(raw);
  const term = optionalString(map, 'term', INPUT_LIMITS.query)?.trim().toLowerCase();
  return term ? { term, fields: optionalStringList(map, 'fields', 20) ?? DEFAULT_TEXT_FIELDS } : undefined;
}

/** Cursors carry the whole query so a page can be fetched with the cursor alone, as in Backstage. */
function encodeCursor(query: Query, offset: number): string {
  return Buffer.from(JSON.stringify({ ...query, offset }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, limit: number | undefined): Query {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ToolInputError('cursor is not one this server returned');
  }
  const args = argumentsObject(decoded);
  const offset = optionalInteger(args, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  return {
    filter: readFilter(args, 'filter'),
    fields: optionalStringList(args, 'fields'),
    orderFields: readOrderFields(args.get('orderFields')),
    fullText: readFullText(new Map([['fullTextFilter', args.get('fullText')]])),
    offset,
    limit: limit ?? optionalInteger(args, 'limit', 1, INPUT_LIMITS.pageSize) ?? DEFAULT_LIMIT,
  };
}

function readQuery(input: unknown): Query {
  const args = argumentsObject(input);
  const limit = optionalInteger(args, 'limit', 1, INPUT_LIMITS.pageSize);
  const cursor = optionalString(args, 'cursor', 64 * 1024);
  if (cursor !== undefined) {
    if (args.get('query') !== undefined || args.get('offset') !== undefined) {
      throw new ToolInputError('Cannot combine cursor with query or offset. Use cursor alone for pagination.');
    }
    return decodeCursor(cursor, limit);
  }
  return {
    filter: readFilter(args),
    fields: optionalStringList(args, 'fields'),
    orderFields: readOrderFields(args.get('orderFields')),
    fullText: readFullText(args),
    offset: optionalInteger(args, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: limit ?? DEFAULT_LIMIT,
  };
}

/**
 * Plain string conditions every match must meet: the keys of a top-level expression and of the
 * expressions directly under a top-level `$all`. They narrow the scan through value indexes;
 * the predicate itself is still evaluated on every candidate.
 */
function requiredStrings(filter: FilterPredicate | undefined): { path: string; value: string }[] {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    return [];
  }
  const record = filter as Record<string, unknown>;
  if (Object.hasOwn(record, '$all')) {
    const all = record['$all'];
    return Array.isArray(all) ? all.flatMap((part) => requiredStrings(part as FilterPredicate)) : [];
  }
  return Object.entries(record)
    .filter(
      (entry): entry is [string, string] =>
        !entry[0].startsWith('$') && !entry[0].startsWith('relations') && typeof entry[1] === 'string',
    )
    .map(([path, value]) => ({ path, value }));
}

function textOf(value: JsonValue | undefined): string {
  if (typeof value === 'string') {
    return value.toLowerCase();
  }
  return Array.isArray(value) ? value.map((item) => textOf(item)).join(' ') : '';
}

function compareValues(a: JsonValue | undefined, b: JsonValue | undefined): number {
  const left = a === undefined || a === null ? '' : typeof a === 'object' ? JSON.stringify(a) : String(a);
  const right = b === undefined || b === null ? '' : typeof b === 'object' ? JSON.stringify(b) : String(b);
  return left.localeCompare(right);
}

/** Only the requested dot paths of an entity, as Backstage's `fields` does. */
function project(entity: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const { getJsonValueAtPath } = filterPredicates();
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const field of fields) {
    const value = getJsonValueAtPath(entity as JsonValue, field);
    if (value === undefined) {
      continue;
    }
    const parts = field.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(target, part) ? target[part] : undefined;
      if (next && typeof next === 'object' && !Array.isArray(next)) {
        target = next as Record<string, unknown>;
      } else {
        const created = Object.create(null) as Record<string, unknown>;
        target[part] = created;
        target = created;
      }
    }
    target[parts[parts.length - 1] ?? field] = value;
  }
  // Plain again, so serializers and schema validators see an ordinary object.
  return JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
}

/**
 * Backstage's `query-catalog-entities` on the live index: filter predicates evaluated by
 * `@backstage/filter-predicates` itself, ordered by ref unless asked otherwise, paged by
 * limit/offset or by the cursor of the previous page.
 */
export const queryCatalogEntitiesTool: AgentTool = {
  name: 'query-catalog-entities',
  title: 'Query Catalog Entities',
  description:
    'Query entities of the software catalog with Backstage filter predicates in `query`: {"kind": "Component", "spec.type": {"$in": ["service", "website"]}}, ' +
    '"$all"/"$any"/"$not", "$exists", "$contains" (e.g. {"metadata.tags": {"$contains": "java"}}), "$hasPrefix". Values match case-insensitively. ' +
    'Relations are matched as {"relations.ownedby": "group:default/team-a"} (or {"relations": {"$contains": {"type": "ownedBy", "targetRef": "group:default/team-a"}}}). ' +
    'Use limit (default 50) and the returned nextPageCursor (alone) for the next page; fields picks dot paths to return.',
  inputSchema: {
    type: 'object',
    properties: {
      query: {
        description:
          "Backstage filter predicate (as in Backstage's query-catalog-entities): field expressions, or $all / $any / $not of predicates.",
        anyOf: [
          {
            type: 'object',
            description:
              'Field expressions: {"<dot.path>": value | {"$in": [...]} | {"$exists": bool} | {"$contains": value} | {"$hasPrefix": "..."}}',
          },
          { type: 'object', properties: { $all: { type: 'array', items: { type: 'object' } } }, required: ['$all'] },
          { type: 'object', properties: { $any: { type: 'array', items: { type: 'object' } } }, required: ['$any'] },
          { type: 'object', properties: { $not: { type: 'object' } }, required: ['$not'] },
        ],
      },
      fields: {
        type: 'array',
        items: { type: 'string' },
        maxItems: 100,
        description: 'Dot paths to include, e.g. ["kind", "metadata.name", "spec.owner"].',
      },
      limit: { type: 'integer', minimum: 1, maximum: 500 },
      offset: { type: 'integer', minimum: 0 },
      orderFields: {
        anyOf: [
          {
            type: 'object',
            properties: { field: { type: 'string' }, order: { type: 'string', enum: ['asc', 'desc'] } },
            required: ['field', 'order'],
          },
          {
            type: 'array',
            maxItems: 5,
            items: {
              type: 'object',
              properties: { field: { type: 'string' }, order: { type: 'string', enum: ['asc', 'desc'] } },
              required: ['field', 'order'],
            },
          },
        ],
      },
      fullTextFilter: {
        type: 'object',
        properties: { term: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } },
        required: ['term'],
      },
      cursor: { type: 'string', description: 'nextPageCursor of the previous answer; use alone (with limit at most).' },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { type: 'object' } },
      totalItems: { type: 'integer' },
      hasMoreEntities: { type: 'boolean' },
      nextPageCursor: { type: 'string' },
    },
    required: ['items', 'totalItems', 'hasMoreEntities'],
  },
  annotations: { title: 'Query Catalog Entities', ...READ_ONLY },
  run(input, context) {
    const query = readQuery(input);
    const { evaluateFilterPredicate, getJsonValueAtPath } = filterPredicates();
    let pool: readonly CatalogEntityRecord[] = context.derived.sorted;
    for (const { path, value } of requiredStrings(query.filter)) {
      const candidates = context.recordsWithValue(path, value);
      pool = candidates.length < pool.length ? candidates : pool;
    }
    const wantsRelations = readsRelations(query.filter);
    const viewOf = (record: CatalogEntityRecord): Record<string, unknown> =>
      wantsRelations ? { ...record.entity, relations: backstageRelations(record, context) } : record.entity;
    const key = JSON.stringify([query.filter, query.fullText, query.orderFields]);
    let matches = context.queryResults.get(key);
    if (!matches) {
      const found: CatalogEntityRecord[] = [];
      for (const record of pool) {
        const view = viewOf(record);
        if (query.filter && !evaluateFilterPredicate(query.filter, view)) {
          continue;
        }
        if (
          query.fullText &&
          !query.fullText.fields.some((field) =>
            textOf(getJsonValueAtPath(view as JsonValue, field)).includes(query.fullText?.term ?? ''),
          )
        ) {
          continue;
        }
        found.push(record);
      }
      if (query.orderFields.length > 0) {
        const views = new Map(found.map((record) => [record, viewOf(record) as JsonValue]));
        found.sort((a, b) => {
          for (const { field, order } of query.orderFields) {
            const compared = compareValues(
              getJsonValueAtPath(views.get(a), field),
              getJsonValueAtPath(views.get(b), field),
            );
            if (compared !== 0) {
              return order === 'asc' ? compared : -compared;
            }
          }
          return 0;
        });
      }
      if (context.queryResults.size >= MAX_REMEMBERED_QUERIES) {
        context.queryResults.delete(context.queryResults.keys().next().value as string);
      }
      context.queryResults.set(key, found);
      matches = found;
    }
    const page = matches.slice(query.offset, query.offset + query.limit);
    // Relations are looked up only when the answer shows them.
    const fields = query.fields;
    const showsRelations = !fields || fields.some((field) => field === 'relations' || field.startsWith('relations.'));
    const items = page.map((record) => {
      const entity = showsRelations
        ? backstageEntity(record, context)
        : (record.entity as unknown as Record<string, unknown>);
      return fields ? project(entity, fields) : entity;
    });
    const nextOffset = query.offset + page.length;
    const hasMoreEntities = nextOffset < matches.length;
    return {
      items,
      totalItems: matches.length,
      hasMoreEntities,
      ...(hasMoreEntities ? { nextPageCursor: encodeCursor(query, nextOffset) } : {}),
    };
  },
};
