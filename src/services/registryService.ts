import * as vscode from 'vscode';
import type { CatalogEntityRecord } from '../catalog';
import { CatalogApiClient, type RegistryConfig } from '../registry/catalogApiClient';
import { RegistryCache } from '../registry/registryCache';
import { RegistryError } from '../registry/registryErrors';
import { refreshRegistryEntity, type RefreshResult } from '../registry/registryEntityRefresh';
import { fetchRegistryIdentity, type RegistryIdentity } from '../registry/registryIdentity';
import { RegistrySync } from '../registry/registrySync';
import { UrlLocations } from '../registry/urlLocations';
import { TechInsightsCache } from '../registry/techInsightsCache';
import { remoteScorecardOf, type RemoteScorecard } from '../plugins/builtin/scorecardPlugin';
import type { CatalogService } from './catalogService';
import { DisposableStore } from '../shared/disposableStore';
import type { Settings } from './settings';
import { REGISTRY_KEYS, type RegistrySettings } from './settingsSchema';
import type { RegistryTokens } from './registryTokens';
import type { ScopedRegistries } from '../registry/registryTrust';
import { Commands } from '../shared/commands';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../shared/messageLinkEscape';

export type RegistryStatus = {
  readonly state: 'syncing' | 'synced' | 'offline' | 'error' | 'cached';
  readonly lastSyncedAt: string | undefined;
  readonly message?: string;
  readonly entities: number;
};

/**
 * Remote Backstage registries in the catalog: loads each one's cache at start, syncs on
 * command, on an interval and on focus after the interval, and reports each one's state.
 */
export class RegistryService implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly statusEmitter = new vscode.EventEmitter<void>();
  private syncs = new Map<string, RegistrySync>();
  private readonly statuses = new Map<string, RegistryStatus>();
  /** The registry settings the running clients were built from. */
  private settings: RegistrySettings;
  private timer: NodeJS.Timeout | undefined;
  private lastSyncStarted = 0;
  private cancelSync: vscode.CancellationTokenSource | undefined;
  private readonly urlLocations: UrlLocations;
  /** The token each registry's client was built with (the trust decision already taken). */
  private tokensByRegistry = new Map<string, string>();
  private readonly startEmitter = new vscode.EventEmitter<void>();
  private readonly techInsights = new TechInsightsCache();

  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Fired when the clients were (re)built: settings changed, or a sign-in stored a new token. */
  readonly onDidStart = this.startEmitter.event;

  constructor(
    private readonly catalog: CatalogService,
    private readonly tokens: RegistryTokens,
    private readonly cacheFolder: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly greenroomSettings: Settings,
  ) {
    this.settings = greenroomSettings.current.registries;
    this.urlLocations = new UrlLocations(catalog.index);
    this.store.add(this.statusEmitter);
    this.store.add(this.startEmitter);
    this.store.add(
      greenroomSettings.onDidChange((change) => {
        if (change.affects(REGISTRY_KEYS)) {
          void this.start();
        }
      }),
    );
    // Trust makes the workspace's restricted settings and its URL Locations count: fetch them now.
    this.store.add(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.start()));
    this.store.add(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && this.isDue()) {
          void this.syncAll();
        }
      }),
    );
  }

  get registries(): readonly RegistryConfig[] {
    return this.settings.registries;
  }

  get scopedRegistries(): ScopedRegistries {
    return this.settings.scoped;
  }

  /** The entity's page in the Backstage frontend, when its registry has a webUrl. */
  backstageUrlFor(record: CatalogEntityRecord): string | undefined {
    const origin = this.catalog.index
      .getAll(record.ref)
      .find((candidate) => candidate.origin.type === 'registry')?.origin;
    const registryName = origin?.type === 'registry' ? origin.registry : undefined;
    const registry = this.settings.registries.find((config) => config.name === registryName);
    if (!registry?.webUrl || !/^https?:\/\//.test(registry.webUrl)) {
      return undefined;
    }
    const { kind, metadata } = record.entity;
    return `${registry.webUrl.replace(/\/+$/, '')}/catalog/${encodeURIComponent(metadata.namespace ?? 'default')}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(metadata.name)}`;
  }

  /** The token for a registry's origin, by the rules a sync follows (consent for origins only workspace settings name). */
  tokenFor(config: RegistryConfig): Promise<string | undefined> {
    return this.tokens.tokenFor(config, this.settings.scoped, askToSendToken);
  }

  status(name: string): RegistryStatus | undefined {
    return this.statuses.get(name);
  }

  /** (Re)builds the registry clients from settings, shows caches, then syncs. */
  async start(): Promise<void> {
    this.cancelSync?.cancel();
    for (const sync of this.syncs.values()) {
      sync.remove();
    }
    this.syncs = new Map();
    this.statuses.clear();
    this.tokensByRegistry = new Map();
    this.techInsights.clear();
    this.settings = this.greenroomSettings.current.registries;
    await this.migrateLegacyTokens();
    for (const config of this.settings.registries) {
      try {
        const token = await this.tokens.tokenFor(config, this.settings.scoped, askToSendToken);
        if (token !== undefined) {
          this.tokensByRegistry.set(config.name, token);
        }
        const client = new CatalogApiClient(config, {
          token,
          maxEntities: this.settings.maxEntities,
          maxPages: this.settings.maxPages,
        });
        const sync = new RegistrySync(this.catalog.index, client, new RegistryCache(this.cacheFolder, config));
        this.syncs.set(config.name, sync);
        const cached = await sync.loadCache();
        if (cached.status === 'discarded') {
          this.log.warn(`Registry ${config.name}: cache discarded (${cached.reason})`);
        }
        this.setStatus(config.name, {
          state: cached.status === 'loaded' ? 'cached' : 'syncing',
          lastSyncedAt: sync.lastSyncedAt,
          entities: sync.entityCount,
        });
      } catch (error) {
        this.setStatus(config.name, {
          state: 'error',
          lastSyncedAt: undefined,
          message: messageOf(error),
          entities: 0,
        });
        this.log.error(`Registry ${config.name}: ${messageOf(error)}`);
      }
    }
    this.schedule();
    this.startEmitter.fire();
    await this.syncAll();
  }

  /**
   * Re-reads one registry entity: asks its backend to reprocess it, fetches it again and puts the
   * fresh copy in the index. Undefined when no configured registry serves the entity.
   */
  async refreshEntity(
    ref: string,
    signal?: AbortSignal,
  ): Promise<(RefreshResult & { readonly registry: string }) | undefined> {
    const origin = this.catalog.index.getAll(ref).find((record) => record.origin.type === 'registry')?.origin;
    const name = origin?.type === 'registry' ? origin.registry : undefined;
    const config = this.settings.registries.find((registry) => registry.name === name);
    const sync = name === undefined ? undefined : this.syncs.get(name);
    const held = this.catalog.index.getAll(ref).find((record) => record.origin.type === 'registry');
    if (!config || !sync || !held) {
      return undefined;
    }
    const result = await refreshRegistryEntity(config, ref, {
      token: this.tokensByRegistry.get(config.name),
      knownEtag: typeof held.entity.metadata.etag === 'string' ? held.entity.metadata.etag : undefined,
      ...(signal ? { signal } : {}),
    });
    await sync.replaceEntity(ref, result.entity);
    this.log.info(
      `Registry ${config.name}: ${ref} ${result.entity ? 're-fetched' : 'is no longer served'}${result.refreshRequested ? ' after a refresh' : `; refresh not requested (${result.refreshSkipped ?? 'unknown'})`}`,
    );
    return { ...result, registry: config.name };
  }

  /**
   * The Tech Insights results of the registry that serves an entity, fetched when asked and kept
   * briefly; undefined when no configured registry serves it. The token is the one its catalog
   * client was given (same origin, same trust decision); failures become a message, never a throw.
   */
  async techInsightsOf(ref: string): Promise<RemoteScorecard | undefined> {
    const origin = this.catalog.index.getAll(ref).find((record) => record.origin.type === 'registry')?.origin;
    const name = origin?.type === 'registry' ? origin.registry : undefined;
    const config = this.settings.registries.find((registry) => registry.name === name);
    if (!config) {
      return undefined;
    }
    try {
      const answer = await this.techInsights.resultsFor(config, ref, this.tokensByRegistry.get(config.name));
      if (answer.state === 'results' && answer.skipped > 0) {
        this.log.warn(
          `Registry ${config.name}: ${answer.skipped} Tech Insights results for ${ref} were not shown (no boolean result, a bad check id, or a repeated one)`,
        );
      }
      return remoteScorecardOf(config.name, answer);
    } catch (error) {
      this.log.warn(`Registry ${config.name}: Tech Insights for ${ref}: ${messageOf(error)}`);
      return { state: 'error', registry: config.name, message: messageOf(error) };
    }
  }

  /**
   * Who the user is on the first registry whose token names a user (a Backstage user token);
   * static tokens name no one. Tokens go only where the client's did (same origin, same decision).
   */
  async signedInIdentity(): Promise<RegistryIdentity | undefined> {
    for (const config of this.settings.registries) {
      const token = this.tokensByRegistry.get(config.name);
      if (token === undefined) {
        continue;
      }
      try {
        const identity = await fetchRegistryIdentity(config, token);
        if (identity) {
          this.log.info(
            `Registry ${config.name}: signed in as ${identity.userEntityRef} (${identity.source === 'userinfo' ? 'confirmed by /api/auth/v1/userinfo' : "read from the token's claims"})`,
          );
          return identity;
        }
      } catch (error) {
        this.log.warn(`Registry ${config.name}: could not read who the token belongs to: ${messageOf(error)}`);
      }
    }
    return undefined;
  }

  /**
   * URL locations to fetch: the configured ones, plus URL targets of workspace Location files
   * when the workspace is trusted (an untrusted workspace must not make Greenroom fetch URLs).
   */
  private urlLocationTargets(): string[] {
    return [...this.settings.locations, ...(vscode.workspace.isTrusted ? this.catalog.remoteLocationTargets() : [])];
  }

  /** Syncs every registry and URL location under one cancellable progress notification. */
  async syncAll(): Promise<void> {
    await this.catalog.whenIndexed();
    const urls = this.urlLocationTargets();
    if (this.syncs.size === 0 && urls.length === 0) {
      this.urlLocations.clear();
      return;
    }
    this.lastSyncStarted = Date.now();
    this.cancelSync?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    this.cancelSync = cancel;
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Syncing Backstage registries'),
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => cancel.cancel());
        const controller = new AbortController();
        cancel.token.onCancellationRequested(() => controller.abort());
        for (const [name, sync] of this.syncs) {
          if (controller.signal.aborted) {
            break;
          }
          this.setStatus(name, { state: 'syncing', lastSyncedAt: sync.lastSyncedAt, entities: sync.entityCount });
          // The notification finds links; hidden, it shows in the status bar, which draws `$(…)`.
          const shownName = escapeMessageLinksAndIcons(name);
          try {
            const result = await sync.sync(controller.signal, (fetched, total) => {
              progress.report({
                message: total
                  ? vscode.l10n.t('{0}: {1} of {2} entities', shownName, fetched, total)
                  : vscode.l10n.t('{0}: {1} entities', shownName, fetched),
              });
            });
            this.log.info(
              `Registry ${name}: ${result.entities} entities in ${result.pages} pages, ${result.durationMs} ms`,
            );
            this.setStatus(name, { state: 'synced', lastSyncedAt: sync.lastSyncedAt, entities: sync.entityCount });
          } catch (error) {
            this.reportFailure(name, sync, error);
          }
        }
        if (urls.length > 0 && !controller.signal.aborted) {
          progress.report({ message: vscode.l10n.t('URL locations') });
          try {
            const result = await this.urlLocations.load(urls, controller.signal);
            this.log.info(`URL locations: ${result.entities} entities from ${result.urls.length} files`);
            for (const failure of result.failures) {
              this.log.warn(`URL location ${failure.message}`);
            }
          } catch (error) {
            this.log.warn(`URL locations: ${messageOf(error)}`);
          }
        }
      },
    );
    cancel.dispose();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.cancelSync?.cancel();
    for (const sync of this.syncs.values()) {
      sync.remove();
    }
    this.store.dispose();
  }

  /** Tokens once stored by registry name move to their origin, or are dropped (see planLegacyMigration). */
  private async migrateLegacyTokens(): Promise<void> {
    const dropped = await this.tokens.migrateLegacy(this.settings.scoped);
    if (dropped.length > 0) {
      this.log.warn(
        `Registry tokens stored by name for ${dropped.join(', ')} were removed: only workspace settings name those registries, so where the token belongs is unknown`,
      );
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Greenroom now binds registry tokens to the registry address. Sign in again to {0}.',
          escapeMessageLinks(dropped.join(', ')),
        ),
      );
    }
  }

  private reportFailure(name: string, sync: RegistrySync, error: unknown): void {
    const offline = error instanceof RegistryError && (error.kind === 'unreachable' || error.kind === 'timeout');
    const cancelled = error instanceof RegistryError && error.kind === 'cancelled';
    this.setStatus(name, {
      state: offline ? 'offline' : cancelled ? (sync.lastSyncedAt ? 'cached' : 'error') : 'error',
      lastSyncedAt: sync.lastSyncedAt,
      message: messageOf(error),
      entities: sync.entityCount,
    });
    if (cancelled) {
      this.log.info(`Registry ${name}: sync cancelled`);
      return;
    }
    this.log.error(`Registry ${name}: ${messageOf(error)}`);
    const signIn = vscode.l10n.t('Sign in…');
    const actions =
      error instanceof RegistryError && (error.kind === 'unauthorized' || error.kind === 'forbidden') ? [signIn] : [];
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Greenroom could not sync registry {0}: {1}',
          escapeMessageLinks(name),
          escapeMessageLinks(messageOf(error)),
        ),
        ...actions,
      )
      .then((choice) => {
        if (choice === signIn) {
          void vscode.commands.executeCommand(Commands.signInToRegistry, name);
        }
      });
  }

  private isDue(): boolean {
    const minutes = this.settings.refreshMinutes;
    return minutes > 0 && Date.now() - this.lastSyncStarted >= minutes * 60_000;
  }

  private schedule(): void {
    clearInterval(this.timer);
    if (this.settings.refreshMinutes > 0) {
      this.timer = setInterval(() => {
        if (vscode.window.state.focused && this.isDue()) {
          void this.syncAll();
        }
      }, 60_000);
    }
  }

  private setStatus(name: string, status: RegistryStatus): void {
    this.statuses.set(name, status);
    this.statusEmitter.fire();
  }
}

/**
 * Asks before a token goes to an origin only workspace settings name. Modal, and "no" is the
 * default: closing the dialog sends nothing.
 */
export async function askToSendToken(config: RegistryConfig, origin: string): Promise<boolean> {
  const send = vscode.l10n.t('Send Token');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'This workspace\'s settings point registry "{0}" at {1}. Send your registry token there?',
      config.name,
      origin,
    ),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Only send it if you trust {0}: whoever runs it can use the token. Greenroom remembers your answer for this address.',
        origin,
      ),
    },
    send,
  );
  return choice === send;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
