import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { CatalogCompletionProvider } from './catalogCompletionProvider';
import { CatalogDocumentLinkProvider } from './catalogDocumentLinkProvider';
import { EntityCodeLensProvider } from './entityCodeLensProvider';
import { EntityHoverProvider, type HoverSectionSource } from './entityHoverProvider';
import { EntityDefinitionProvider, EntityReferenceProvider } from './entityNavigationProviders';
import { referencePatternSource } from './referencePatternSettings';
import type { Settings } from '../../services/settings';

const CATALOG_FILES: vscode.DocumentSelector = [{ scheme: 'file', language: 'yaml' }];
/** Refs live in code comments, READMEs and config too. */
const ANY_FILE: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

/** Hover, go to definition, references, completion, CodeLens and links on entity refs. */
export function registerLanguageFeatures(
  catalog: CatalogService,
  settings: Settings,
  hoverSections?: HoverSectionSource,
): vscode.Disposable {
  const store = new DisposableStore();
  const patterns = referencePatternSource(settings);
  store.add(
    vscode.languages.registerHoverProvider(ANY_FILE, new EntityHoverProvider(catalog, patterns, hoverSections)),
  );
  store.add(vscode.languages.registerDefinitionProvider(ANY_FILE, new EntityDefinitionProvider(catalog, patterns)));
  store.add(vscode.languages.registerReferenceProvider(ANY_FILE, new EntityReferenceProvider(catalog, patterns)));
  store.add(
    vscode.languages.registerCompletionItemProvider(
      CATALOG_FILES,
      new CatalogCompletionProvider(catalog),
      ':',
      ' ',
      '-',
      '/',
    ),
  );
  const codeLens = store.add(new EntityCodeLensProvider(catalog));
  store.add(vscode.languages.registerCodeLensProvider(CATALOG_FILES, codeLens));
  store.add(vscode.languages.registerDocumentLinkProvider(CATALOG_FILES, new CatalogDocumentLinkProvider(catalog)));
  return store;
}
