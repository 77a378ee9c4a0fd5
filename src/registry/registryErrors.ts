/** Why a request to a registry failed, in terms the UI can turn into a clear message. */
export type RegistryErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'timeout'
  | 'not-json'
  | 'bad-response'
  | 'too-large'
  | 'cancelled'
  | 'pagination-loop'
  | 'limit-exceeded';

const ADVICE: Record<RegistryErrorKind, string> = {
  unauthorized: 'the registry needs a valid token: run "Greenroom: Sign in to Registry…"',
  forbidden: 'the token is valid but not allowed to read the catalog; ask the Backstage admin for access',
  'not-found':
    'no Backstage catalog API at this address; check the registry baseUrl (it should be the backend base URL, without /api/catalog)',
  'rate-limited': 'the registry is rate limiting; Greenroom retries later',
  'server-error': 'the registry had an internal error; try again later',
  unreachable: 'the registry cannot be reached; check the address and that it is running',
  timeout: 'the registry did not answer in time',
  'not-json': 'the answer was not JSON; the baseUrl may point at a web page or a proxy login page',
  'bad-response': 'the answer did not have the shape of the Backstage catalog API',
  'too-large': 'the answer was larger than the allowed size',
  cancelled: 'the sync was cancelled',
  'pagination-loop': 'the registry returned a page cursor it had already returned; paging stopped',
  'limit-exceeded':
    'the sync stopped at the limit and kept the entities of the last complete sync; narrow the registry filter or raise the limit',
};

export class RegistryError extends Error {
  /** Set for 429/503 answers that said how long to wait. */
  retryAfterMs: number | undefined;

  constructor(
    readonly kind: RegistryErrorKind,
    /** The URL without query string or credentials, safe to show and log. */
    readonly url: string,
    detail?: string,
    readonly status?: number,
  ) {
    super(`${url}: ${detail ? `${detail}; ` : ''}${ADVICE[kind]}`);
    this.name = 'RegistryError';
  }

  get retryable(): boolean {
    return (
      this.kind === 'rate-limited' ||
      this.kind === 'server-error' ||
      this.kind === 'unreachable' ||
      this.kind === 'timeout'
    );
  }
}

/** A URL fit for messages and logs: no credentials, no query (which may carry cursors or tokens). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '<invalid url>';
  }
}
