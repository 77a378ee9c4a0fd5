import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { RegistryTokens } from '../../../src/services/registryTokens';
import { CatalogApiClient, type RegistryConfig } from '../../../src/registry/catalogApiClient';
import { parseRegistryConfigs } from '../../../src/registry/registryConfigs';
import {
  decideToken,
  legacyTokenKey,
  parseTrustAnswers,
  planLegacyMigration,
  registryOrigin,
  signInNeedsConsent,
  tokenKeyForOrigin,
  userOrigins,
  type ScopedRegistries,
  type TrustAnswer,
} from '../../../src/registry/registryTrust';
import { components, fakeCatalog } from './support/fakeCatalog';
import { LoopbackServers, type LoopbackServer } from './support/loopbackServer';

const TOKEN = 'user-token-9f2c';

/** SecretStorage in memory; only what RegistryTokens uses. */
class MemorySecrets {
  readonly values = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}

/** A Memento in memory, round-tripping values through JSON as VS Code's does. */
class MemoryMemento {
  private readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

function newTokens(): { tokens: RegistryTokens; secrets: MemorySecrets } {
  const secrets = new MemorySecrets();
  return {
    tokens: new RegistryTokens(
      secrets as unknown as vscode.SecretStorage,
      new MemoryMemento() as unknown as vscode.Memento,
    ),
    secrets,
  };
}

const registry = (name: string, baseUrl: string): RegistryConfig => ({ name, baseUrl });
const neverAsk = (): Promise<boolean> => assert.fail('the user must not be asked');

describe('registry tokens bound to origin', () => {
  describe('registryOrigin', () => {
    it('is scheme, host and port, normalised; nothing for other schemes or garbage', () => {
      assert.equal(registryOrigin('HTTPS://Backstage.Example.com:443/some/path?q=1'), 'https://backstage.example.com');
      assert.equal(registryOrigin('https://backstage.example.com:8443/'), 'https://backstage.example.com:8443');
      assert.equal(registryOrigin('http://127.0.0.1:7007'), 'http://127.0.0.1:7007');
      assert.notEqual(registryOrigin('http://backstage.example.com'), registryOrigin('https://backstage.example.com'));
      assert.equal(registryOrigin('file:///etc/passwd'), undefined);
      assert.equal(registryOrigin('not a url'), undefined);
    });

    it('keys tokens by origin, not name', () => {
      assert.equal(tokenKeyForOrigin('https://a.example'), 'greenroom.registryToken.origin:https://a.example');
      assert.notEqual(tokenKeyForOrigin('https://a.example'), legacyTokenKey('https://a.example'));
    });
  });

  describe('decideToken', () => {
    const user: ScopedRegistries = { user: [registry('acme', 'https://backstage.acme.example')], workspace: [] };
    const withToken = (): boolean => true;
    const nothingRemembered = (): TrustAnswer | undefined => undefined;

    it('sends to an origin the user configured', () => {
      assert.deepEqual(
        decideToken({
          config: registry('acme', 'https://backstage.acme.example/api'),
          hasToken: withToken,
          userOrigins: userOrigins(user),
          remembered: nothingRemembered,
        }),
        { action: 'send' },
      );
    });

    it('has nothing to decide when no token is stored for the origin (a re-pointed name finds none)', () => {
      assert.deepEqual(
        decideToken({
          config: registry('acme', 'https://evil.example'),
          hasToken: (origin) => origin === 'https://backstage.acme.example',
          userOrigins: userOrigins(user),
          remembered: nothingRemembered,
        }),
        { action: 'none' },
      );
    });

    it('asks for an origin only workspace settings name, then follows the remembered answer', () => {
      const config = registry('acme', 'https://mirror.example:8443');
      assert.deepEqual(
        decideToken({ config, hasToken: withToken, userOrigins: userOrigins(user), remembered: nothingRemembered }),
        { action: 'ask', origin: 'https://mirror.example:8443' },
      );
      assert.deepEqual(
        decideToken({ config, hasToken: withToken, userOrigins: userOrigins(user), remembered: () => 'send' }),
        { action: 'send' },
      );
      assert.deepEqual(
        decideToken({ config, hasToken: withToken, userOrigins: userOrigins(user), remembered: () => 'withhold' }),
        { action: 'withhold', reason: 'user-said-no' },
      );
    });

    it('treats another port or scheme of a user origin as another origin', () => {
      for (const baseUrl of ['https://backstage.acme.example:8443', 'http://backstage.acme.example']) {
        assert.equal(
          decideToken({
            config: registry('acme', baseUrl),
            hasToken: withToken,
            userOrigins: userOrigins(user),
            remembered: nothingRemembered,
          }).action,
          'ask',
          baseUrl,
        );
      }
    });

    it('never sends to a non-http(s) baseUrl', () => {
      assert.deepEqual(
        decideToken({
          config: registry('acme', 'ftp://x'),
          hasToken: withToken,
          userOrigins: new Set(),
          remembered: () => 'send',
        }),
        { action: 'withhold', reason: 'not-http' },
      );
    });

    it('asks before signing in to an origin only the workspace names, unless the user already said send', () => {
      const origins = userOrigins(user);
      assert.equal(
        signInNeedsConsent(registry('acme', 'https://backstage.acme.example'), origins, nothingRemembered),
        false,
      );
      assert.equal(signInNeedsConsent(registry('acme', 'https://evil.example'), origins, nothingRemembered), true);
      assert.equal(
        signInNeedsConsent(registry('acme', 'https://evil.example'), origins, () => 'withhold'),
        true,
      );
      assert.equal(
        signInNeedsConsent(registry('acme', 'https://evil.example'), origins, () => 'send'),
        false,
      );
    });
  });

  describe('planLegacyMigration', () => {
    it('moves a name-keyed token to the origin of that name in user settings, drops the rest', () => {
      const scoped: ScopedRegistries = {
        user: [registry('acme', 'https://backstage.acme.example')],
        workspace: [registry('acme', 'https://evil.example'), registry('other', 'https://other.example')],
      };
      assert.deepEqual(planLegacyMigration(['acme', 'other', 'acme'], scoped), {
        migrate: [{ name: 'acme', origin: 'https://backstage.acme.example' }],
        drop: ['other'],
      });
    });

    it('copes with names that are prototype members', () => {
      const scoped: ScopedRegistries = { user: [registry('constructor', 'https://c.example')], workspace: [] };
      assert.deepEqual(planLegacyMigration(['constructor', '__proto__', 'toString'], scoped), {
        migrate: [{ name: 'constructor', origin: 'https://c.example' }],
        drop: ['__proto__', 'toString'],
      });
    });
  });

  it('parseTrustAnswers keeps only [origin, send|withhold] pairs', () => {
    const answers = parseTrustAnswers([
      ['https://a.example', 'send'],
      ['https://b.example', 'withhold'],
      ['__proto__', 'send'],
      ['https://c.example', 'maybe'],
      'junk',
      [1, 'send'],
    ]);
    assert.deepEqual(
      [...answers],
      [
        ['https://a.example', 'send'],
        ['https://b.example', 'withhold'],
        ['__proto__', 'send'],
      ],
    );
    assert.equal(answers.get('constructor'), undefined);
    assert.deepEqual([...parseTrustAnswers({ 'https://a.example': 'send' })], []);
  });

  it('parseRegistryConfigs keeps well-formed entries only', () => {
    assert.deepEqual(
      parseRegistryConfigs([
        { name: ' acme ', baseUrl: 'https://a.example ', filter: 'kind=component' },
        { name: '', baseUrl: 'x' },
        'junk',
        { name: 'b' },
      ]),
      [{ name: 'acme', baseUrl: 'https://a.example', filter: ['kind=component'] }],
    );
    assert.deepEqual(parseRegistryConfigs(undefined), []);
  });

  describe('RegistryTokens with loopback registries', function () {
    this.timeout(15_000);
    const servers = new LoopbackServers();
    let trusted: LoopbackServer;
    let evil: LoopbackServer;

    beforeEach(async () => {
      trusted = await servers.start(fakeCatalog({ entities: components(2) }));
      evil = await servers.start(fakeCatalog({ entities: components(2, 'evil') }));
    });

    afterEach(() => servers.closeAll());

    async function syncWith(config: RegistryConfig, token: string | undefined): Promise<void> {
      for await (const _page of new CatalogApiClient(config, { token, retries: 0 }).pages()) {
        // pages are consumed; only the requests matter
      }
    }

    it('a token stored by name does not follow the name when workspace settings re-point it', async () => {
      const { tokens, secrets } = newTokens();
      await secrets.store(legacyTokenKey('acme'), TOKEN);
      const scoped: ScopedRegistries = {
        user: [registry('acme', trusted.baseUrl)],
        workspace: [registry('acme', evil.baseUrl)],
      };

      assert.deepEqual(await tokens.migrateLegacy(scoped), []);
      assert.equal(secrets.values.get(legacyTokenKey('acme')), undefined, 'the name-keyed token is gone');
      assert.equal(await tokens.get(trusted.baseUrl), TOKEN, 'it now belongs to the origin in user settings');

      // The workspace's value is what VS Code's get() returns: acme → evil.
      const repointed = registry('acme', evil.baseUrl);
      const token = await tokens.tokenFor(repointed, scoped, neverAsk);
      assert.equal(token, undefined);
      await syncWith(repointed, token);
      assert.ok(evil.requests.length > 0);
      assert.ok(
        evil.requests.every((request) => request.headers.authorization === undefined),
        'the re-pointed server got no token',
      );

      const own = registry('acme', trusted.baseUrl);
      await syncWith(own, await tokens.tokenFor(own, { user: scoped.user, workspace: [] }, neverAsk));
      assert.ok(trusted.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`));
    });

    it('a name-keyed token whose name only the workspace gives is dropped, and the caller is told', async () => {
      const { tokens, secrets } = newTokens();
      await secrets.store(legacyTokenKey('acme'), TOKEN);
      const dropped = await tokens.migrateLegacy({ user: [], workspace: [registry('acme', evil.baseUrl)] });
      assert.deepEqual(dropped, ['acme']);
      assert.deepEqual([...secrets.values.keys()], []);
    });

    it('a fresh token for the origin wins over a migrated one', async () => {
      const { tokens, secrets } = newTokens();
      await secrets.store(legacyTokenKey('acme'), 'old');
      await tokens.set(trusted.baseUrl, 'new');
      await tokens.migrateLegacy({ user: [registry('acme', trusted.baseUrl)], workspace: [] });
      assert.equal(await tokens.get(trusted.baseUrl), 'new');
    });

    it('a workspace registry at an origin with a token asks once (modal default: no), and the answer is kept per origin', async () => {
      const { tokens } = newTokens();
      const origin = registryOrigin(evil.baseUrl) ?? '';
      await tokens.set(origin, TOKEN);
      const scoped: ScopedRegistries = {
        user: [registry('acme', trusted.baseUrl)],
        workspace: [registry('mirror', evil.baseUrl)],
      };
      const asked: string[] = [];
      const declines = (config: RegistryConfig, askedOrigin: string): Promise<boolean> => {
        asked.push(`${config.name} ${askedOrigin}`);
        return Promise.resolve(false);
      };

      const first = await tokens.tokenFor(registry('mirror', evil.baseUrl), scoped, declines);
      const second = await tokens.tokenFor(registry('renamed', `${evil.baseUrl}/other/path`), scoped, declines);

      assert.equal(first, undefined);
      assert.equal(second, undefined);
      assert.deepEqual(asked, [`mirror ${origin}`], 'asked once for the origin, whatever the name or path');
      assert.equal(tokens.remembered(origin), 'withhold');
      await syncWith(registry('mirror', evil.baseUrl), first);
      assert.ok(evil.requests.every((request) => request.headers.authorization === undefined));

      const { tokens: other } = newTokens();
      await other.set(origin, TOKEN);
      assert.equal(await other.tokenFor(registry('mirror', evil.baseUrl), scoped, () => Promise.resolve(true)), TOKEN);
      assert.equal(
        await other.tokenFor(registry('mirror', evil.baseUrl), scoped, neverAsk),
        TOKEN,
        'a yes is remembered too',
      );
    });
  });
});
