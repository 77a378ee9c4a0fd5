import type { Entity } from '@backstage/catalog-model';
import { httpGetText, parseJsonBody, type HttpOptions } from './httpGetJson';
import { nextCursorFromTail } from './pageCursor';
import { displayUrl, RegistryError } from './registryErrors';
import { isNameableEntity } from './registryRecords';

export interface RegistryConfig {
  /** Shown in the UI and used as the key of the token and the cache. */
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
}

export const DEFAULT_PAGE_SIZE = 500;

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
        if (guessed !== undefined && !seenCursors.has(guessed)) {
          ahead = { cursor: guessed, ...fetchText(this.pageUrl(guessed)) };
          await nextTurn(); // puts the request on the wire before parsing blocks the thread
        }
        const parsed = parseJsonBody(body, url, this.options.token);
        if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { items?: unknown }).items)) {
          throw new RegistryError('bad-response', displayUrl(url), 'expected { items: [...] }');
        }
        const page = parsed as { items: unknown[]; totalItems?: unknown; pageInfo?: { nextCursor?: unknown } };
        yield { items: page.items.filter(isNameableEntity), totalItems: typeof page.totalItems === 'number' ? page.totalItems : undefined };
        const next = page.pageInfo?.nextCursor;
        if (typeof next !== 'string' || next.length === 0 || page.items.length === 0) {
          return;
        }
        if (ahead && ahead.cursor !== next) {
          ahead.abort(); // the tail was misread: this page's real cursor is fetched instead
          ahead = undefined;
        }
        if (seenCursors.has(next)) {
          throw new RegistryError('pagination-loop', displayUrl(url));
        }
        seenCursors.add(next);
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
