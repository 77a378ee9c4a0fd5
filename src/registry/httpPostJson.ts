import axios, { type AxiosResponse } from 'axios';
import { DEFAULT_TIMEOUT_MS, errorForFailure, errorForStatus, type HttpOptions } from './httpGetJson';
import { displayUrl, RegistryError } from './registryErrors';

/**
 * POSTs a JSON body once (a POST is not retried: it may have been acted on). Redirects are not
 * followed, so the token cannot reach another origin; it goes only to `tokenOrigin`.
 * Resolves with the status of a 2xx answer; anything else is a RegistryError.
 */
export async function httpPostJson(
  url: string,
  body: unknown,
  options: Omit<HttpOptions, 'retries' | 'sleep' | 'maxRetryAfterMs'> = {},
): Promise<number> {
  const target = new URL(url);
  const sendToken =
    options.token !== undefined && options.tokenOrigin !== undefined && target.origin === options.tokenOrigin;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  let response: AxiosResponse<string>;
  try {
    response = await axios.post<string>(url, JSON.stringify(body), {
      timeout: timeoutMs,
      maxContentLength: options.maxBytes ?? 1024 * 1024,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: {
        'Content-Type': 'application/json',
        Accept: options.accept ?? 'application/json',
        ...(sendToken ? { Authorization: `Bearer ${options.token}` } : {}),
      },
      signal: options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal,
    });
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted) {
      throw new RegistryError('timeout', displayUrl(url), `no answer within ${timeoutMs} ms`);
    }
    throw errorForFailure(url, error, options.signal);
  } finally {
    clearTimeout(timer);
  }
  if (response.status < 200 || response.status >= 300) {
    throw errorForStatus(url, response.status);
  }
  return response.status;
}
