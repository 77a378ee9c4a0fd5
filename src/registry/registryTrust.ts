import type { RegistryConfig } from './catalogApiClient';
import { isList } from '../shared/isList';

/*
 * Who may receive a registry token. Tokens belong to an origin (scheme, host, port), never to
 * a registry's name: a workspace's settings can reuse a name and point it anywhere. A token
 * goes to an origin the user configured in their own (user) settings; to an origin that only
 * workspace settings name, it goes only after the user said yes for that origin.
 */

/** `https://backstage.example.com:8443`: what a token is bound to; undefined for a URL that is not http(s). */
export function registryOrigin(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** SecretStorage key of the token for an origin. */
export function tokenKeyForOrigin(origin: string): string {
  return `greenroom.registryToken.origin:${origin}`;
}

/** Where tokens were kept before they were bound to origins: by registry name. */
export function legacyTokenKey(registryName: string): string {
  return `greenroom.registryToken.${registryName}`;
}

/** `greenroom.registries` split by who wrote it (from `inspect()`). */
export interface ScopedRegistries {
  /** User (global) settings: typed by the user, out of any repository's reach. */
  readonly user: readonly RegistryConfig[];
  /** Workspace and workspace-folder settings: come with the repository. */
  readonly workspace: readonly RegistryConfig[];
}

/** Origins the user configured themselves. */
export function userOrigins(scoped: ScopedRegistries): Set<string> {
  return new Set(
    scoped.user
      .map((config) => registryOrigin(config.baseUrl))
      .filter((origin): origin is string => origin !== undefined),
  );
}

export type TrustAnswer = 'send' | 'withhold';

export type TokenDecision =
  /** No token is stored for this origin: nothing to send, nothing to ask. */
  | { readonly action: 'none' }
  | { readonly action: 'send' }
  | { readonly action: 'withhold'; readonly reason: 'user-said-no' | 'not-http' }
  /** Only workspace settings name this origin and the user was never asked: ask (default: do not send). */
  | { readonly action: 'ask'; readonly origin: string };

export interface TokenDecisionInput {
  readonly config: RegistryConfig;
  readonly hasToken: (origin: string) => boolean;
  readonly userOrigins: ReadonlySet<string>;
  readonly remembered: (origin: string) => TrustAnswer | undefined;
}

/** Whether the token of a registry's origin may be sent to it. */
export function decideToken(input: TokenDecisionInput): TokenDecision {
  const origin = registryOrigin(input.config.baseUrl);
  if (origin === undefined) {
    return { action: 'withhold', reason: 'not-http' };
  }
  if (!input.hasToken(origin)) {
    return { action: 'none' };
  }
  if (input.userOrigins.has(origin)) {
    return { action: 'send' };
  }
  const answer = input.remembered(origin);
  if (answer === 'send') {
    return { action: 'send' };
  }
  return answer === 'withhold' ? { action: 'withhold', reason: 'user-said-no' } : { action: 'ask', origin };
}

/** Whether signing in to a registry must first ask the user: its origin comes from workspace settings only. */
export function signInNeedsConsent(
  config: RegistryConfig,
  origins: ReadonlySet<string>,
  remembered: (origin: string) => TrustAnswer | undefined,
): boolean {
  const origin = registryOrigin(config.baseUrl);
  return origin !== undefined && !origins.has(origin) && remembered(origin) !== 'send';
}

export interface LegacyMigration {
  /** Name-keyed tokens moved to the origin the user's own settings give that name. */
  readonly migrate: readonly { readonly name: string; readonly origin: string }[];
  /** Name-keyed tokens deleted: only workspace settings name them, so their origin cannot be trusted. */
  readonly drop: readonly string[];
}

/**
 * What to do with tokens stored by name. Which origin such a token was first used with was never
 * recorded; a workspace may have re-pointed the name since. The one origin that cannot have been
 * re-pointed by a repository is the one in the user's own settings, so the token moves there;
 * any other is dropped, and the user signs in again (a token sent to the wrong server cannot
 * be taken back; an extra sign-in costs a minute).
 */
export function planLegacyMigration(namesWithToken: readonly string[], scoped: ScopedRegistries): LegacyMigration {
  const userOriginByName = new Map<string, string>();
  for (const config of scoped.user) {
    const origin = registryOrigin(config.baseUrl);
    if (origin !== undefined && !userOriginByName.has(config.name)) {
      userOriginByName.set(config.name, origin);
    }
  }
  const migrate: { name: string; origin: string }[] = [];
  const drop: string[] = [];
  for (const name of new Set(namesWithToken)) {
    const origin = userOriginByName.get(name);
    if (origin === undefined) {
      drop.push(name);
    } else {
      migrate.push({ name, origin });
    }
  }
  return { migrate, drop };
}

/** The remembered answers as settings-safe pairs; a Map, so an origin never meets a prototype member. */
export function parseTrustAnswers(stored: unknown): Map<string, TrustAnswer> {
  const answers = new Map<string, TrustAnswer>();
  if (isList(stored)) {
    for (const entry of stored) {
      if (isList(entry) && typeof entry[0] === 'string' && (entry[1] === 'send' || entry[1] === 'withhold')) {
        answers.set(entry[0], entry[1]);
      }
    }
  }
  return answers;
}
