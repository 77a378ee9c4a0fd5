import axios, { AxiosError, type AxiosResponse } from 'axios';
import { isLoopbackHost } from './loopbackHost';
import { displayUrl, RegistryError } from './registryErrors';

export interface HttpOptions {
  /** Sent as a bearer token, and only to `tokenOrigin`. */
  readonly token?: string | undefined;
  readonly tokenOrigin?: string | undefined;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly retries?: number;
  readonly signal?: AbortSignal | undefined;
  /** Longest wait honoured from a Retry-After header. */
  readonly maxRetryAfterMs?: number;
  readonly accept?: string;
  /** Test seam: how to wait between attempts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(response: AxiosResponse, limit: number): number | undefined {
  const header: unknown = response.headers['retry-after'];
  if (typeof header !== 'string') {
    return undefined;
  }
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), limit) : undefined;
}

export function errorForStatus(url: string, status: number): RegistryError {
  const shown = displayUrl(url);
  if (status === 401) return new RegistryError('unauthorized', shown, 'HTTP 401', status);
  if (status === 403) return new RegistryError('forbidden', shown, 'HTTP 403', status);
  if (status === 404) return new RegistryError('not-found', shown, 'HTTP 404', status);
  if (status === 429) return new RegistryError('rate-limited', shown, 'HTTP 429', status);
  if (status >= 500) return new RegistryError('server-error', shown, `HTTP ${status}`, status);
  return new RegistryError('bad-response', shown, `HTTP ${status}`, status);
}

export function errorForFailure(url: string, error: unknown, signal?: AbortSignal): RegistryError {
  const shown = displayUrl(url);
  if (signal?.aborted || axios.isCancel(error)) {
    return new RegistryError('cancelled', shown);
  }
  if (error instanceof AxiosError) {
    const code = error.code ?? '';
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message)) {
      return new RegistryError('timeout', shown, error.message);
    }
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(error.message)) {
      return new RegistryError('too-large', shown, error.message);
    }
    if (code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED' || /max.*(content|body).*length/i.test(error.message)) {
      return new RegistryError('too-large', shown, error.message);
    }
    return new RegistryError('unreachable', shown, code ? `${code}` : error.message);
  }
  return new RegistryError('unreachable', shown, error instanceof Error ? error.message : String(error));
}

/**
 * GETs a URL and parses JSON, with a timeout, a body size cap, cancellation, bounded retries
 * with backoff on 429/5xx/connection failures, and redirects followed by hand so the token
 * never reaches another origin.
 */
export async function httpGetJson(url: string, options: HttpOptions = {}): Promise<unknown> {
  return parseJsonBody(await httpGetText(url, { accept: 'application/json', ...options }), url, options.token);
}

/** JSON.parse with a registry error that quotes the start of the body, never the token. */
export function parseJsonBody(text: string, url: string, token: string | undefined): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RegistryError(
      'not-json',
      displayUrl(url),
      `the body is not JSON (starts with ${JSON.stringify(withoutToken(text, token).slice(0, 40))})`,
    );
  }
}

/** A body quoted in a message may echo the request's credentials (debugging proxies print the headers). */
function withoutToken(text: string, token: string | undefined): string {
  if (!token) {
    return text;
  }
  const forms = [
    token,
    encodeURIComponent(token),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
  ];
  return forms.reduce((redacted, form) => redacted.split(form).join('<token>'), text);
}

export async function httpGetText(url: string, options: HttpOptions = {}): Promise<string> {
  return requestText(url, options, undefined);
}

/**
 * POSTs a JSON body and returns the answer's text, with the same timeout, size cap, retries and
 * token rule as a GET. Redirects are not followed: a POST that is redirected is refused (a 307
 * would resend the body, and with it the token's reach, to wherever the server points).
 */
export async function httpPostJsonText(url: string, body: unknown, options: HttpOptions = {}): Promise<string> {
  return requestText(url, { accept: 'application/json', ...options }, JSON.stringify(body));
}

async function requestText(url: string, options: HttpOptions, postBody: string | undefined): Promise<string> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? abortableSleep;
  let attempt = 0;
  for (;;) {
    try {
      return await requestOnce(url, options, postBody);
    } catch (error) {
      const failure = error instanceof RegistryError ? error : errorForFailure(url, error, options.signal);
      if (!failure.retryable || attempt >= retries || options.signal?.aborted) {
        throw failure;
      }
      const backoff = failure.retryAfterMs ?? Math.min(8_000, 250 * 2 ** attempt);
      attempt++;
      try {
        await sleep(backoff, options.signal);
      } catch {
        throw new RegistryError('cancelled', displayUrl(url));
      }
    }
  }
}

async function requestOnce(url: string, options: HttpOptions, postBody: string | undefined): Promise<string> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = new URL(current);
    const origin = target.origin;
    const sendToken =
      options.token !== undefined && options.tokenOrigin !== undefined && origin === options.tokenOrigin;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // axios's timeout only covers the wait for the headers and then idle gaps: a server that
    // drips the body would never time out. This deadline covers the whole answer.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    let response: AxiosResponse<string>;
    try {
      response = await axios.request<string>({
        url: current,
        method: postBody === undefined ? 'GET' : 'POST',
        ...(postBody === undefined ? {} : { data: postBody }),
        timeout: timeoutMs,
        maxContentLength: options.maxBytes ?? DEFAULT_MAX_BYTES,
        maxRedirects: 0,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
        headers: {
          Accept: options.accept ?? '*/*',
          ...(postBody === undefined ? {} : { 'Content-Type': 'application/json' }),
          // Otherwise axios asks for gzip/deflate/br, which pays off over a network only.
          ...(isLoopbackHost(target.hostname) ? { 'Accept-Encoding': 'identity' } : {}),
          ...(sendToken ? { Authorization: `Bearer ${options.token}` } : {}),
        },
        signal: options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal,
      });
    } catch (error) {
      if (deadline.signal.aborted && !options.signal?.aborted) {
        throw new RegistryError('timeout', displayUrl(current), `no complete answer within ${timeoutMs} ms`);
      }
      throw errorForFailure(current, error, options.signal);
    } finally {
      clearTimeout(timer);
    }
    const status = response.status;
    if (status >= 300 && status < 400 && postBody !== undefined) {
      throw new RegistryError(
        'bad-response',
        displayUrl(current),
        `HTTP ${status}: a POST is not followed to another address`,
        status,
      );
    }
    if (status >= 300 && status < 400 && typeof response.headers['location'] === 'string') {
      current = new URL(response.headers['location'], current).toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      const failure = errorForStatus(current, status);
      const wait =
        status === 429 || status === 503 ? retryAfterMs(response, options.maxRetryAfterMs ?? 30_000) : undefined;
      failure.retryAfterMs = wait;
      throw failure;
    }
    const contentType = String(response.headers['content-type'] ?? '');
    if (options.accept === 'application/json' && contentType && !/json/i.test(contentType)) {
      throw new RegistryError('not-json', displayUrl(current), `content type ${contentType.split(';')[0]}`);
    }
    return typeof response.data === 'string' ? response.data : String(response.data);
  }
  throw new RegistryError('bad-response', displayUrl(url), `more than ${MAX_REDIRECTS} redirects`);
}
