import type { CatalogIndex } from '../catalog/catalogIndex';
import { parseCatalogFile } from '../catalog/parseCatalogFile';
import type { CatalogProblem } from '../catalog/problems';
import { START_OF_FILE } from '../catalog/sourceRange';
import { httpGetText, type HttpOptions } from './httpGetJson';
import { RegistryError } from './registryErrors';

export interface UrlLocationResult {
  readonly urls: string[];
  readonly entities: number;
  readonly failures: { url: string; message: string }[];
}

/** How deep Location files fetched from URLs may point at further Locations. */
const MAX_DEPTH = 5;
const MAX_URL_FILES = 500;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Fetches `kind: Location` URL targets (and the configured `greenroom.locations`), parses
 * them like workspace files and follows their own targets, relative ones resolved against
 * the URL. Each URL is one index entry keyed by the URL itself. No token is ever sent.
 */
export class UrlLocations {
  private indexed = new Set<string>();

  constructor(
    private readonly index: CatalogIndex,
    private readonly http: Omit<HttpOptions, 'token' | 'tokenOrigin'> = {},
  ) {}

  async load(startUrls: readonly string[], signal?: AbortSignal): Promise<UrlLocationResult> {
    const visited = new Set<string>();
    const failures: { url: string; message: string }[] = [];
    let entities = 0;
    let frontier = [...new Set(startUrls.filter(isHttpUrl))].map((url) => ({ url, depth: 0 }));
    while (frontier.length > 0 && visited.size < MAX_URL_FILES) {
      const next: { url: string; depth: number }[] = [];
      for (const { url, depth } of frontier) {
        if (visited.has(url) || visited.size >= MAX_URL_FILES) {
          continue;
        }
        visited.add(url);
        let text: string;
        try {
          text = await httpGetText(url, { ...this.http, ...(signal ? { signal } : {}) });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures.push({ url, message });
          if (error instanceof RegistryError && error.kind === 'cancelled') {
            throw error;
          }
          // Keep what an earlier load found for this URL: a registry that is down loses nothing.
          if (!this.index.fileResult(url)) {
            const problem: CatalogProblem = {
              file: url,
              range: START_OF_FILE,
              severity: 'warning',
              code: 'file-unreadable',
              message,
            };
            this.index.upsertFile({ file: url, entities: [], problems: [problem], locationTargets: [] });
          }
          continue;
        }
        const parsed = await parseCatalogFile(url, text, { type: 'url', url });
        this.index.upsertFile(parsed);
        entities += parsed.entities.length;
        for (const target of parsed.locationTargets) {
          let resolved: string;
          try {
            resolved = new URL(target.target, url).toString();
          } catch {
            continue;
          }
          if (!isHttpUrl(resolved)) {
            continue; // a URL location may not point at local files
          }
          if (depth + 1 <= MAX_DEPTH) {
            next.push({ url: resolved, depth: depth + 1 });
          }
        }
      }
      frontier = next;
    }
    for (const previous of this.indexed) {
      if (!visited.has(previous)) {
        this.index.removeFile(previous);
      }
    }
    this.indexed = visited;
    return { urls: [...visited], entities, failures };
  }

  clear(): void {
    for (const url of this.indexed) {
      this.index.removeFile(url);
    }
    this.indexed = new Set();
  }
}
