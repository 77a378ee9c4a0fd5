import * as vscode from 'vscode';
import type { GreenroomApi } from './api';
import { nodeCatalogFileSystem, type CatalogEntityRecord } from './catalog';
import { registerAgents } from './features/agents/registerAgents';
import { registerCatalogTable } from './features/catalogTable/registerCatalogTable';
import { registerCatalogTree } from './features/catalogTree/registerCatalogTree';
import { registerCreatePage } from './features/createPage/registerCreatePage';
import { IdentityService } from './features/identity/identityService';
import { registerChooseCatalogFiles } from './features/catalogFiles/chooseCatalogFiles';
import { registerCatalogDiagnostics } from './features/diagnostics/registerCatalogDiagnostics';
import { registerOpenDocs } from './features/docs/registerOpenDocs';
import { registerDocsSearch } from './features/docsSearch/registerDocsSearch';
import { registerEntityCommands } from './features/entityCommands/registerEntityCommands';
import { registerGoToEntity } from './features/goToEntity/registerGoToEntity';
import { registerLanguageFeatures } from './features/languageFeatures/registerLanguageFeatures';
import { registerRegisterInBackstage } from './features/onboarding/registerInBackstage';
import { registerOnboarding } from './features/onboarding/registerOnboarding';
import { registerOwnersView } from './features/owners/registerOwnersView';
import { EntityPanelManager } from './features/panels/entityPanelManager';
import { registerPluginHost } from './features/plugins/registerPluginHost';
import { registerRegistries } from './features/registries/registerRegistries';
import { registerScaffolding } from './features/scaffold/registerScaffolding';
import { registerScorecards } from './features/scorecards/registerScorecards';
import { registerStarred } from './features/starred/registerStarred';
import { StarredStore } from './features/starred/starredStore';
import { registerEntityCountStatus } from './features/statusBar/registerEntityCountStatus';
import { registerTools } from './features/tools/registerTools';
import { createApiDefinitionPlugin } from './plugins/builtin/apiDefinitionPlugin';
import { createDocsPlugin } from './plugins/builtin/docsPlugin';
import { groupPlugin } from './plugins/builtin/groupPlugin';
import { createToolsPlugin } from './plugins/builtin/toolsPlugin';
import { overviewPlugin } from './plugins/builtin/overviewPlugin';
import { createScorecardPlugin, type RemoteScorecard } from './plugins/builtin/scorecardPlugin';
import { toEntityView } from './plugins/entityView';
import { PluginRegistry } from './plugins/pluginRegistry';
import { CatalogService } from './services/catalogService';
import { Settings } from './services/settings';
import { Commands } from './shared/commands';

/** Composition root: builds the services, lets each feature register, defers indexing. */
export function activate(context: vscode.ExtensionContext): GreenroomApi {
  const activationStarted = performance.now();
  const log = vscode.window.createOutputChannel('Greenroom', { log: true });
  // Built first: every service reads its settings from this snapshot and hears its changes.
  const settings = new Settings();
  context.subscriptions.push(log, settings);
  // The index cache lives in this workspace's storage; a new version of the extension starts afresh.
  const { version } = context.extension.packageJSON as { version?: unknown };
  const catalog = new CatalogService(log, settings, {
    storageUri: context.storageUri,
    version: typeof version === 'string' ? version : '',
  });
  const plugins = new PluginRegistry((pluginId, what, error) => log.error(`Plugin ${pluginId}: ${what} failed`, error));
  const starred = new StarredStore(context.globalState);
  // Before the views, so a catalog change has re-scored its entities by the time they redraw.
  const scorecards = registerScorecards(catalog, plugins, settings, log);
  const identity = new IdentityService(settings);
  const catalogTree = registerCatalogTree(catalog, settings, starred, scorecards.service);
  const ownersView = registerOwnersView(catalog, scorecards.service);
  // Both views have their providers before anything is awaited: VS Code never says "no data provider".
  log.info(
    `Tree data providers registered ${(performance.now() - activationStarted).toFixed(1)} ms after activation started`,
  );
  let backstageUrlFor: (record: CatalogEntityRecord) => string | undefined = () => undefined;
  let techInsightsOf: (ref: string) => Promise<RemoteScorecard | undefined> | undefined = () => undefined;
  const panels = new EntityPanelManager(context.extensionUri, catalog, plugins, log, (record) =>
    backstageUrlFor(record),
  );
  context.subscriptions.push(
    catalog,
    { dispose: () => plugins.dispose() },
    catalogTree,
    panels,
    scorecards.disposable,
    ownersView,
    registerCatalogDiagnostics(catalog),
    registerEntityCountStatus(catalog),
    registerEntityCommands(catalog, log, (ref) => panels.open(ref)),
    registerGoToEntity(catalog),
    registerChooseCatalogFiles(catalog, settings),
    registerLanguageFeatures(catalog, settings, (ref) => {
      const record = catalog.index.get(ref);
      return record ? plugins.hoverSectionsFor(toEntityView(catalog.index, record)) : [];
    }),
    registerOpenDocs(catalog, (ref) => panels.open(ref, 'greenroom.docs/docs')),
    registerPluginHost(catalog, plugins, log),
    registerTools(catalog, settings),
    registerScaffolding(context.extensionUri, catalog, settings, log),
    registerCreatePage(context.extensionUri, catalog, log),
    registerOnboarding(catalog, settings, log),
    starred,
    identity,
    registerCatalogTable(context.extensionUri, catalog, starred, identity, (ref) => panels.open(ref), log),
    registerDocsSearch(catalog, (ref, page) => panels.open(ref, 'greenroom.docs/docs', page), log),
    registerAgents(context, catalog, settings),
    vscode.commands.registerCommand(Commands.revealInCatalog, (ref: unknown) =>
      typeof ref === 'string' ? catalogTree.reveal(ref) : undefined,
    ),
  );

  const api: GreenroomApi = {
    apiVersion: 1,
    registerPlugin: (plugin) => plugins.register(plugin),
    whenIndexed: () => catalog.whenIndexed(),
    getEntity: (ref) => {
      const record = catalog.index.get(ref);
      return record ? toEntityView(catalog.index, record) : undefined;
    },
    getEntities: () => catalog.index.entities().map((record) => toEntityView(catalog.index, record)),
    onDidChangeCatalog: (listener) => catalog.onDidChange(listener),
    openEntityPage: (ref, tab) => panels.open(ref, tab),
  };
  // The built-in tabs are plugins on the same public API third parties use.
  const workspaceFiles = {
    fs: nodeCatalogFileSystem,
    workspaceRootOf: (file: string) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath,
  };
  context.subscriptions.push(
    api.registerPlugin(overviewPlugin),
    api.registerPlugin(createApiDefinitionPlugin(workspaceFiles)),
    api.registerPlugin(createDocsPlugin(workspaceFiles)),
    api.registerPlugin(createToolsPlugin(() => settings.current.tools)),
    api.registerPlugin(groupPlugin),
    // Registries start after activate(); until then no entity is remote, so nothing is asked.
    api.registerPlugin(
      createScorecardPlugin(scorecards.service, { remoteScorecardOf: (ref) => Promise.resolve(techInsightsOf(ref)) }),
    ),
  );
  const stars = registerStarred(catalog, starred, () => panels.refresh());
  context.subscriptions.push(stars.disposable, api.registerPlugin(stars.plugin));

  // Indexing and registry syncs run after activate() returns so the editor is never held up.
  setTimeout(() => {
    void catalog.reload();
    const registries = registerRegistries(context, catalog, settings, log);
    backstageUrlFor = (record) => registries.service.backstageUrlFor(record);
    techInsightsOf = (ref) => registries.service.techInsightsOf(ref);
    // "Owned by me" follows the registry sign-in when greenroom.identity is not set.
    const identityFromRegistry = registries.service.onDidStart(
      () => void registries.service.signedInIdentity().then((found) => identity.setRegistryIdentity(found)),
    );
    context.subscriptions.push(
      registries.disposable,
      identityFromRegistry,
      registerRegisterInBackstage(catalog, registries.service, log),
    );
  }, 0);
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
