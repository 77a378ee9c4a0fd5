import type { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { httpGetText, httpPostJsonText, parseJsonBody, type HttpOptions } from './httpGetJson';
import { nextCursorFromTail } from './pageCursor';
import { displayUrl, RegistryError } from './registryErrors';
import { isNameableEntity } from './registryRecords';

export interface RegistryConfig {
  /** Shown in the UI; with baseUrl, the key of the cache. Tokens are keyed by origin, never by name. */
  readonly name: string;
  /** The Backstage backend base URL, e.g. https://backstage.example.com (no /api/catalog). */
  readonly baseUrl: string;
  /** Backstage catalog filters, e.g. `kind=component,spec.lifecycle=production`; several are OR-ed. */
  readonly filter?: readonly string[];
  /** The Backstage frontend, for "Open in Backstage" links. */
  readonly webUrl?: string;
}

export interface CatalogPage {
  readonly items: Entity[];
  readonly totalItems: number | undefined;
}

export interface CatalogApiClientOptions extends Omit<HttpOptions, 'tokenOrigin' | 'signal'> {
  readonly pageSize?: number;
  /** Only these fields are fetched (smaller pages); undefined fetches whole entities. */
  readonly fields?: readonly string[];
  /** A sync stops with a 'limit-exceeded' error past this many entities (what the registry served). */
  readonly maxEntities?: number;
  /** A sync stops with a 'limit-exceeded' error past this many pages. */
  readonly maxPages?: number;
}

export const DEFAULT_PAGE_SIZE = 500;
/** Generous: the largest Backstage catalogs we know hold a few hundred thousand entities. */
export const DEFAULT_MAX_ENTITIES = 500_000;
/** Room for the entity cap at 50 entities a page, for servers that cap `limit` low. */
export const DEFAULT_MAX_PAGES = 10_000;
/** Refs asked for in one `POST /entities/by-refs`: a body of tens of kilobytes, an answer of at most a page. */
export const BY_REFS_BATCH = 200;
/**
 * A listing of versions asks for this many times the page size: its items are a tenth of an
 * entity's size, and at 100,000 entities the round trips, not the bytes, were its cost.
 */
export const IDENTITY_PAGE_FACTOR = 10;

/**
 * What a sync keeps of an entity. Relations and status are derived or dropped on this side, so
 * asking without them saves the registry serialising, and this side parsing, a third of a page.
 */
export const ENTITY_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata', 'spec'];
/** What identifies an entity and its version: a delta sync lists only these. */
export const IDENTITY_FIELDS: readonly string[] = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.uid',
  'metadata.etag',
];

/** Backstage's cursors are a few hundred bytes; one this long is not a cursor (and would not fit a URL). */
export const MAX_CURSOR_LENGTH = 16 * 1024;

/** Cursors are remembered by digest, so a registry cannot make the loop check hold its long strings. */
function cursorDigest(cursor: string): string {
  return createHash('sha256').update(cursor).digest('base64');
}

/** Client of Backstage's `GET /api/catalog/entities/by-query`, paging with cursors. */
export class CatalogApiClient {
  private readonly origin: string;
  private readonly endpoint: string;
  private readonly byRefsEndpoint: string;

  constructor(
    readonly config: RegistryConfig,
    private readonly options: CatalogApiClientOptions = {},
  ) {
    let base: URL;
    try {
      base = new URL(config.baseUrl);
    } catch {
      throw new RegistryError('bad-response', config.baseUrl, 'the registry baseUrl is not a valid URL');
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new RegistryError(
        'bad-response',
        displayUrl(config.baseUrl),
        'only http and https registries are supported',
      );
    }
    this.origin = base.origin;
    this.endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/api/catalog/entities/by-query`, base).toString();
    this.byRefsEndpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/api/catalog/entities/by-refs`, base).toString();
  }

  pageUrl(
    cursor: string | undefined,
    fields: readonly string[] | undefined = this.options.fields,
    pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE,
  ): string {
    const url = new URL(this.endpoint);
    if (cursor) {
      // A cursor carries the query; Backstage rejects filters repeated beside it.
      url.searchParams.set('cursor', cursor);
    } else {
      for (const filter of this.config.filter ?? []) {
        url.searchParams.append('filter', filter);
      }
      url.searchParams.append('orderField', 'metadata.name,asc');
    }
    url.searchParams.set('limit', String(pageSize));
    if (fields?.length) {
      url.searchParams.set('fields', fields.join(','));
    }
    return url.toString();
  }

  get byRefsUrl(): string {
    return this.byRefsEndpoint;
  }

  /** The fields a sync asks for: the configured ones, else what it keeps of an entity. */
  get syncFields(): readonly string[] {
    return this.options.fields?.length ? this.options.fields : ENTITY_FIELDS;
  }

  /** Versions only (kind, namespace, name, uid, etag), in pages IDENTITY_PAGE_FACTOR times as large. */
  identityPages(signal?: AbortSignal): AsyncGenerator<CatalogPage> {
    return this.pages(signal, IDENTITY_FIELDS, (this.options.pageSize ?? DEFAULT_PAGE_SIZE) * IDENTITY_PAGE_FACTOR);
  }

  /** One `POST /entities/by-refs`; the items as served (checked by entitiesByRefs). */
  async postByRefs(refs: readonly string[], signal?: AbortSignal): Promise<unknown[]> {
    // Backstage takes `fields` in the body here (a `fields` query parameter is refused with 400).
    const body = await httpPostJsonText(
      this.byRefsEndpoint,
      { entityRefs: refs, fields: this.syncFields },
      { ...this.options, tokenOrigin: this.origin, signal },
    );
    const parsed = parseJsonBody(body, this.byRefsEndpoint, this.options.token) as { items?: unknown } | null;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.items)) {
      throw new RegistryError('bad-response', displayUrl(this.byRefsEndpoint), 'expected { items: [...] }');
    }
    return parsed.items as unknown[];
  }

  /**
   * Yields page after page until the registry has no next cursor. The next page is requested
   * before this one is parsed (its cursor read from the end of the text), so the registry
   * prepares it while we parse and index this one.
   */
  async *pages(
    signal?: AbortSignal,
    fields: readonly string[] | undefined = this.options.fields,
    pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE,
  ): AsyncGenerator<CatalogPage> {
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const maxPages = this.options.maxPages ?? DEFAULT_MAX_PAGES;
    let served = 0;
    let pageCount = 0;
    const seenCursors = new Set<string>();
    const inFlight = new Set<AbortController>();
    const fetchText = (url: string): { text: Promise<string>; abort: () => void } => {
      const request = new AbortController();
      inFlight.add(request);
      const options = {
        ...this.options,
        accept: 'application/json',
        tokenOrigin: this.origin,
        signal: signal ? AbortSignal.any([signal, request.signal]) : request.signal,
      };
      const text = httpGetText(url, options).finally(() => inFlight.delete(request));
      text.catch(() => undefined); // a failure is rethrown where the text is awaited
      return { text, abort: () => request.abort() };
    };
    let url = this.pageUrl(undefined, fields, pageSize);
    let text = fetchText(url).text;
    try {
      for (;;) {
        const body = await text;
        const guessed = nextCursorFromTail(body);
        let ahead: { cursor: string; text: Promise<string>; abort: () => void } | undefined;
        if (
          guessed !== undefined &&
          guessed.length <= MAX_CURSOR_LENGTH &&
          pageCount + 1 < maxPages &&
          !seenCursors.has(cursorDigest(guessed))
        ) {
          ahead = { cursor: guessed, ...fetchText(this.pageUrl(guessed, fields, pageSize)) };
          await nextTurn(); // puts the request on the wire before parsing blocks the thread
        }
        const parsed = parseJsonBody(body, url, this.options.token);
        if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { items?: unknown }).items)) {
          throw new RegistryError('bad-response', displayUrl(url), 'expected { items: [...] }');
        }
        const page = parsed as { items: unknown[]; totalItems?: unknown; pageInfo?: { nextCursor?: unknown } };
        pageCount++;
        served += page.items.length;
        if (served > maxEntities) {
          throw new RegistryError(
            'limit-exceeded',
            displayUrl(url),
            `more than ${maxEntities} entities (greenroom.registryMaxEntities)`,
          );
        }
        yield {
          items: page.items.filter(isNameableEntity),
          totalItems: typeof page.totalItems === 'number' ? page.totalItems : undefined,
        };
        const next = page.pageInfo?.nextCursor;
        if (typeof next !== 'string' || next.length === 0 || page.items.length === 0) {
          return;
        }
        if (ahead && ahead.cursor !== next) {
          ahead.abort(); // the tail was misread: this page's real cursor is fetched instead
          ahead = undefined;
        }
        if (next.length > MAX_CURSOR_LENGTH) {
          throw new RegistryError(
            'bad-response',
            displayUrl(url),
            `a page cursor of ${next.length} characters (at most ${MAX_CURSOR_LENGTH})`,
          );
        }
        const digest = cursorDigest(next);
        if (seenCursors.has(digest)) {
          throw new RegistryError('pagination-loop', displayUrl(url));
        }
        if (pageCount >= maxPages) {
          throw new RegistryError(
            'limit-exceeded',
            displayUrl(url),
            `more than ${maxPages} pages (greenroom.registryMaxPages)`,
          );
        }
        seenCursors.add(digest);
        url = this.pageUrl(next, fields, pageSize);
        text = ahead ? ahead.text : fetchText(url).text;
      }
    } finally {
      // A page requested ahead that nobody will read, or a guess that was wrong.
      for (const request of inFlight) {
        request.abort();
      }
    }
  }
}

/**
 * Whole entities by ref (`POST /api/catalog/entities/by-refs`), in batches of BY_REFS_BATCH.
 * The answer must be `{ items }` with one entry per ref asked, in order: the entity, or null
 * when it no longer exists. An entry that is not that entity is refused: a registry cannot
 * slip one entity in under another's ref. Returns a Map keyed by the refs asked for.
 */
export async function entitiesByRefs(
  client: CatalogApiClient,
  refs: readonly string[],
  refOf: (entity: Entity) => string,
  signal?: AbortSignal,
): Promise<Map<string, Entity | null>> {
  const found = new Map<string, Entity | null>();
  for (let start = 0; start < refs.length; start += BY_REFS_BATCH) {
    if (signal?.aborted) {
      throw new RegistryError('cancelled', displayUrl(client.byRefsUrl));
    }
    const batch = refs.slice(start, start + BY_REFS_BATCH);
    await entityBatchByRefs(client, batch, refOf, found, signal);
  }
  return found;
}

/**
 * One batch of entitiesByRefs (at most BY_REFS_BATCH refs), checked the same way, into `found`.
 */
export async function entityBatchByRefs(
  client: CatalogApiClient,
  batch: readonly string[],
  refOf: (entity: Entity) => string,
  found: Map<string, Entity | null>,
  signal?: AbortSignal,
): Promise<void> {
  const items = await client.postByRefs(batch, signal);
  if (items.length !== batch.length) {
    throw new RegistryError(
      'bad-response',
      displayUrl(client.byRefsUrl),
      `${items.length} items for ${batch.length} refs`,
    );
  }
  batch.forEach((ref, position) => {
    const item = items[position];
    if (item === null || item === undefined) {
      found.set(ref, null);
      return;
    }
    if (!isNameableEntity(item) || refOf(item) !== ref) {
      throw new RegistryError('bad-response', displayUrl(client.byRefsUrl), `the answer for ${ref} is not that entity`);
    }
    found.set(ref, item);
  });
}

/** One turn of the event loop: axios's request pipeline runs its queued steps and writes the request. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
