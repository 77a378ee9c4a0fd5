import type * as vscode from 'vscode';
import type { RegistryConfig } from '../registry/catalogApiClient';
import {
  decideToken,
  legacyTokenKey,
  parseTrustAnswers,
  planLegacyMigration,
  registryOrigin,
  tokenKeyForOrigin,
  userOrigins,
  type ScopedRegistries,
  type TrustAnswer,
} from '../registry/registryTrust';

const TRUST_ANSWERS_KEY = 'greenroom.registryTokenTrust';

/**
 * Tokens live only in SecretStorage, keyed by registry origin; never in settings, logs or
 * caches. The decisions are registryTrust's; this class only stores and reads.
 */
export class RegistryTokens {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly answers: vscode.Memento,
  ) {}

  get(origin: string): Thenable<string | undefined> {
    return this.secrets.get(tokenKeyForOrigin(origin));
  }

  set(origin: string, token: string): Thenable<void> {
    return this.secrets.store(tokenKeyForOrigin(origin), token);
  }

  delete(origin: string): Thenable<void> {
    return this.secrets.delete(tokenKeyForOrigin(origin));
  }

  remembered(origin: string): TrustAnswer | undefined {
    return parseTrustAnswers(this.answers.get<unknown>(TRUST_ANSWERS_KEY)).get(origin);
  }

  async remember(origin: string, answer: TrustAnswer): Promise<void> {
    const answers = parseTrustAnswers(this.answers.get<unknown>(TRUST_ANSWERS_KEY));
    answers.set(origin, answer);
    await this.answers.update(TRUST_ANSWERS_KEY, [...answers]);
  }

  /**
   * The token to send to a registry, or undefined. When only workspace settings name its origin
   * and the user was never asked, `ask` asks (its default must be "no"); the answer is kept.
   */
  async tokenFor(
    config: RegistryConfig,
    scoped: ScopedRegistries,
    ask: (config: RegistryConfig, origin: string) => Promise<boolean>,
  ): Promise<string | undefined> {
    const origin = registryOrigin(config.baseUrl);
    const token = origin === undefined ? undefined : await this.get(origin);
    const decision = decideToken({
      config,
      hasToken: () => token !== undefined,
      userOrigins: userOrigins(scoped),
      remembered: (candidate) => this.remembered(candidate),
    });
    if (decision.action === 'send') {
      return token;
    }
    if (decision.action !== 'ask') {
      return undefined;
    }
    const send = await ask(config, decision.origin);
    await this.remember(decision.origin, send ? 'send' : 'withhold');
    return send ? token : undefined;
  }

  /** Moves name-keyed tokens to their user-configured origin; returns the names whose token was dropped. */
  async migrateLegacy(scoped: ScopedRegistries): Promise<string[]> {
    const names = [...new Set([...scoped.user, ...scoped.workspace].map((config) => config.name))];
    const withToken: string[] = [];
    const legacy = new Map<string, string>();
    for (const name of names) {
      const token = await this.secrets.get(legacyTokenKey(name));
      if (token !== undefined) {
        withToken.push(name);
        legacy.set(name, token);
      }
    }
    const plan = planLegacyMigration(withToken, scoped);
    for (const { name, origin } of plan.migrate) {
      const token = legacy.get(name);
      // A token stored for the origin since (a fresh sign-in) wins over the old one.
      if (token !== undefined && (await this.get(origin)) === undefined) {
        await this.set(origin, token);
      }
      await this.secrets.delete(legacyTokenKey(name));
    }
    for (const name of plan.drop) {
      await this.secrets.delete(legacyTokenKey(name));
    }
    return [...plan.drop];
  }
}
