import { httpGetJson, type HttpOptions } from './httpGetJson';
import type { RegistryConfig } from './catalogApiClient';
import { RegistryError } from './registryErrors';
import { registryOrigin } from './registryTrust';

/**
 * Who the signed-in user is, as their Backstage registry knows them. A Backstage user token is a
 * JWT whose `sub` is the user entity ref and whose `ent` lists the refs the user owns through
 * (the user and their groups, resolved by the auth backend's sign-in resolver).
 */
export interface RegistryIdentity {
  readonly userEntityRef: string;
  readonly ownershipEntityRefs: readonly string[];
  /** `userinfo`: confirmed by the auth backend's /v1/userinfo; `token`: read from the token's payload. */
  readonly source: 'userinfo' | 'token';
  readonly registry: string;
}

const REF = /^[a-z0-9][\w.-]*:[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*$/i;
const MAX_OWNERSHIP_REFS = 1000;

/** `sub` must be a full user ref; `ent` keeps only full entity refs. Anything else: no identity. */
export function identityFromClaims(
  claims: unknown,
): { userEntityRef: string; ownershipEntityRefs: string[] } | undefined {
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    return undefined;
  }
  const sub = (claims as Record<string, unknown>)['sub'];
  const ent = (claims as Record<string, unknown>)['ent'];
  if (typeof sub !== 'string' || !REF.test(sub) || !sub.toLowerCase().startsWith('user:')) {
    return undefined;
  }
  const ownership = Array.isArray(ent)
    ? ent.filter((ref): ref is string => typeof ref === 'string' && REF.test(ref)).slice(0, MAX_OWNERSHIP_REFS)
    : [];
  const userEntityRef = sub.toLowerCase();
  return {
    userEntityRef,
    ownershipEntityRefs: [...new Set([userEntityRef, ...ownership.map((ref) => ref.toLowerCase())])],
  };
}

/**
 * The payload of a JWT, parsed but NOT verified: Backstage's frontend reads its own token the
 * same way, to show who is signed in. It decides nothing about access; the server checks the
 * token on every call. A static token (not a JWT) gives undefined.
 */
export function decodeJwtPayload(token: string): unknown {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1] || parts[1].length > 64 * 1024 || !/^[\w-]+$/.test(parts[1])) {
    return undefined;
  }
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** `{base}/api/auth/v1/userinfo`, the auth backend's answer to "who is this token". */
export function userInfoUrl(config: RegistryConfig): string {
  const base = new URL(config.baseUrl);
  return new URL(`${base.pathname.replace(/\/+$/, '')}/api/auth/v1/userinfo`, base).toString();
}

/**
 * The identity behind a registry token. Only a user token (a JWT naming a user) has one; the
 * auth backend's /v1/userinfo confirms it where the backend serves that route, and a backend
 * without it (404) leaves the token's own claims. A rejected token (401/403) has no identity.
 */
export async function fetchRegistryIdentity(
  config: RegistryConfig,
  token: string,
  options: Omit<HttpOptions, 'token' | 'tokenOrigin'> = {},
): Promise<RegistryIdentity | undefined> {
  const claimed = identityFromClaims(decodeJwtPayload(token));
  const origin = registryOrigin(config.baseUrl);
  if (!claimed || !origin) {
    return undefined;
  }
  try {
    const answer = await httpGetJson(userInfoUrl(config), {
      retries: 1,
      timeoutMs: 10_000,
      ...options,
      token,
      tokenOrigin: origin,
    });
    const confirmed = identityFromClaims((answer as { claims?: unknown } | null)?.claims);
    return confirmed ? { ...confirmed, source: 'userinfo', registry: config.name } : undefined;
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') {
      return { ...claimed, source: 'token', registry: config.name };
    }
    throw error;
  }
}
