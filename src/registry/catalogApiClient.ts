import type { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { httpGetText, parseJsonBody, type HttpOptions } from './httpGetJson';
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
      throw new RegistryError('bad-response', displayUrl(config.baseUrl), 'only http and https registries are supported');
    }
    this.origin = base.origin;
    this.endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/api/catalog/entities/by-query`, base).toString();
  }

  pageUrl(cursor: string | undefined): string {
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
    url.searchParams.set('limit', String(this.options.pageSize ?? DEFAULT_PAGE_SIZE));
    if (this.options.fields?.length) {
      url.searchParams.set('fields', this.options.fields.join(','));
    }
    return url.toString();
  }

  /**
   * Yields page after page until the registry has no next cursor. The next page is requested
   * before this one is parsed (its cursor read from the end of the text), so the registry
   * prepares it while we parse and index this one.
   */
  async *pages(signal?: AbortSignal): AsyncGenerator<CatalogPage> {
    const maxEntities = this.options.maxEntities ?? DEFAULT_MAX_ENTITIES;
    const maxPages = this.options.maxPages ?? DEFAULT_MAX_PAGES;
    let served = 0;
    let pageCount = 0;
    const seenCursors = new Set<string>();
    const inFlight = new Set<AbortController>();
    const fetchText = (url: string): { text: Promise<string>; abort: () => void } => {
      const request = new AbortController();
      inFlight.add(request);
      const options = { ...this.options, accept: 'application/json', tokenOrigin: this.origin, signal: signal ? AbortSignal.any([signal, request.signal]) : request.signal };
      const text = httpGetText(url, options).finally(() => inFlight.delete(request));
      text.catch(() => undefined); // a failure is rethrown where the text is awaited
      return { text, abort: () => request.abort() };
    };
    let url = this.pageUrl(undefined);
    let text = fetchText(url).text;
    try {
      for (;;) {
        const body = await text;
        const guessed = nextCursorFromTail(body);
        let ahead: { cursor: string; text: Promise<string>; abort: () => void } | undefined;
        if (guessed !== undefined && guessed.length <= MAX_CURSOR_LENGTH && pageCount + 1 < maxPages && !seenCursors.has(cursorDigest(guessed))) {
          ahead = { cursor: guessed, ...fetchText(this.pageUrl(guessed)) };
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
          throw new RegistryError('limit-exceeded', displayUrl(url), `more than ${maxEntities} entities (greenroom.registryMaxEntities)`);
        }
        yield { items: page.items.filter(isNameableEntity), totalItems: typeof page.totalItems === 'number' ? page.totalItems : undefined };
        const next = page.pageInfo?.nextCursor;
        if (typeof next !== 'string' || next.length === 0 || page.items.length === 0) {
          return;
        }
        if (ahead && ahead.cursor !== next) {
          ahead.abort(); // the tail was misread: this page's real cursor is fetched instead
          ahead = undefined;
        }
        if (next.length > MAX_CURSOR_LENGTH) {
          throw new RegistryError('bad-response', displayUrl(url), `a page cursor of ${next.length} characters (at most ${MAX_CURSOR_LENGTH})`);
        }
        const digest = cursorDigest(next);
        if (seenCursors.has(digest)) {
          throw new RegistryError('pagination-loop', displayUrl(url));
        }
        if (pageCount >= maxPages) {
          throw new RegistryError('limit-exceeded', displayUrl(url), `more than ${maxPages} pages (greenroom.registryMaxPages)`);
        }
        seenCursors.add(digest);
        url = this.pageUrl(next);
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

/** One turn of the event loop: axios's request pipeline runs its queued steps and writes the request. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
