import * as vscode from 'vscode';
import type { GreenroomApi } from './api';
import { registerCatalogTree } from './features/catalogTree/registerCatalogTree';
import { registerCatalogDiagnostics } from './features/diagnostics/registerCatalogDiagnostics';
import { registerOpenDocs } from './features/docs/registerOpenDocs';
import { registerEntityCommands } from './features/entityCommands/registerEntityCommands';
import { registerGoToEntity } from './features/goToEntity/registerGoToEntity';
import { registerLanguageFeatures } from './features/languageFeatures/registerLanguageFeatures';
import { registerOwnersView } from './features/owners/registerOwnersView';
import { registerRegistries } from './features/registries/registerRegistries';
import { registerEntityCountStatus } from './features/statusBar/registerEntityCountStatus';
import { CatalogService } from './services/catalogService';

/** Composition root: builds the services, lets each feature register, defers indexing. */
export function activate(context: vscode.ExtensionContext): GreenroomApi {
  const log = vscode.window.createOutputChannel('Greenroom', { log: true });
  context.subscriptions.push(log);
  const catalog = new CatalogService(log);
  const catalogTree = registerCatalogTree(catalog);
  context.subscriptions.push(
    catalog,
    catalogTree,
    registerOwnersView(catalog),
    registerCatalogDiagnostics(catalog),
    registerEntityCountStatus(catalog),
    registerEntityCommands(catalog, log),
    registerGoToEntity(catalog),
    registerLanguageFeatures(catalog),
    registerOpenDocs(catalog),
    vscode.commands.registerCommand('greenroom.revealInCatalog', (ref: unknown) => (typeof ref === 'string' ? catalogTree.reveal(ref) : undefined)),
  );
  // Indexing and registry syncs run after activate() returns so the editor is never held up.
  setTimeout(() => {
    void catalog.reload();
    context.subscriptions.push(registerRegistries(context, catalog, log).disposable);
  }, 0);
  return {
    apiVersion: 1,
    whenIndexed: () => catalog.whenIndexed(),
    getEntity: (ref) => catalog.index.get(ref),
    getEntities: () => catalog.index.entities(),
    onDidChangeCatalog: (listener) => catalog.onDidChange(listener),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
