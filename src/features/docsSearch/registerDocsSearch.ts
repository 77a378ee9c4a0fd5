import * as vscode from 'vscode';
import { entityLabel, nodeCatalogFileSystem } from '../../catalog';
import { locateTechDocs, TECHDOCS_REF_ANNOTATION } from '../../docs';
import { searchAllDocs, type DocsIndexCache, type EntityDocsSite } from '../../docs/docsSearchAll';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';

const KEYSTROKE_DEBOUNCE_MS = 150;

interface HitItem extends vscode.QuickPickItem {
  readonly ref?: string;
  readonly page?: string;
}

/**
 * "Greenroom: Search Docs…": one quick pick over the TechDocs of every workspace entity. Pages are
 * read once and kept until a markdown or mkdocs file changes; each keystroke cancels the search
 * before it.
 */
export function registerDocsSearch(
  catalog: CatalogService,
  openDocsPage: (ref: string, page: string) => void,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const store = new DisposableStore();
  const cache: DocsIndexCache = new Map();
  let sites: Promise<EntityDocsSite[]> | undefined;
  store.add(
    catalog.onDidChange(() => {
      sites = undefined;
    }),
  );
  const watcher = store.add(vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,yml,yaml}'));
  const forget = (): void => {
    cache.clear();
    sites = undefined;
  };
  store.add(watcher.onDidChange(forget));
  store.add(watcher.onDidCreate(forget));
  store.add(watcher.onDidDelete(forget));

  const locateSites = async (): Promise<EntityDocsSite[]> => {
    const found: EntityDocsSite[] = [];
    for (const record of catalog.index.entities()) {
      const techdocsRef = record.entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION];
      if (record.origin.type !== 'workspace' || typeof techdocsRef !== 'string') {
        continue;
      }
      const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.file))?.uri.fsPath;
      const lookup = root ? await locateTechDocs(nodeCatalogFileSystem, record.file, techdocsRef, root) : undefined;
      if (lookup?.ok) {
        found.push({ ref: record.ref, entityTitle: entityLabel(record), site: lookup.site });
      }
    }
    return found.sort((a, b) => a.ref.localeCompare(b.ref));
  };

  store.add(
    vscode.commands.registerCommand(Commands.searchDocs, async (initialQuery?: unknown) => {
      await catalog.whenIndexed();
      const pick = vscode.window.createQuickPick<HitItem>();
      pick.title = vscode.l10n.t('Search Docs');
      pick.placeholder = vscode.l10n.t('Search the TechDocs of every entity in the workspace');
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      let generation = 0;
      let timer: NodeJS.Timeout | undefined;
      const run = async (query: string, mine: number): Promise<void> => {
        if (!query.trim()) {
          pick.busy = false;
          pick.items = [];
          return;
        }
        pick.busy = true;
        try {
          sites ??= locateSites();
          const all = await sites;
          if (all.length === 0) {
            pick.items = [
              {
                label: vscode.l10n.t(
                  'No entity in the workspace has local TechDocs (backstage.io/techdocs-ref: dir:…).',
                ),
                alwaysShow: true,
              },
            ];
            return;
          }
          const result = await searchAllDocs(nodeCatalogFileSystem, all, query, {
            cache,
            isCancelled: () => mine !== generation,
          });
          if (result.cancelled || mine !== generation) {
            return;
          }
          const items: HitItem[] = result.hits.map((hit) => ({
            // Page titles, entity titles and snippets come from docs and catalog files: their `$(…)` is text.
            label: `$(book) ${escapeCodicons(hit.title)}`,
            description: escapeCodicons(hit.entityTitle),
            detail: escapeCodicons(hit.snippet),
            ref: hit.ref,
            page: hit.path,
            alwaysShow: true,
          }));
          if (items.length === 0) {
            items.push({
              label: vscode.l10n.t('No docs page matches "{0}".', escapeCodicons(query.trim())),
              description: vscode.l10n.t('{0} docs sites searched', result.sitesSearched),
              alwaysShow: true,
            });
          }
          if (result.truncated) {
            items.push({
              label: vscode.l10n.t('Only the first {0} docs sites were searched (size limit).', result.sitesSearched),
              alwaysShow: true,
            });
          }
          pick.items = items;
        } catch (error) {
          log.error('Docs search failed', error);
          pick.items = [
            {
              label: vscode.l10n.t(
                'Docs search failed: {0}',
                escapeCodicons(error instanceof Error ? error.message : String(error)),
              ),
              alwaysShow: true,
            },
          ];
        } finally {
          if (mine === generation) {
            pick.busy = false;
          }
        }
      };
      pick.onDidChangeValue((value) => {
        const mine = ++generation;
        clearTimeout(timer);
        timer = setTimeout(() => void run(value, mine), KEYSTROKE_DEBOUNCE_MS);
      });
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0];
        if (item?.ref && item.page !== undefined) {
          pick.hide();
          openDocsPage(item.ref, item.page);
        }
      });
      pick.onDidHide(() => {
        generation++;
        clearTimeout(timer);
        pick.dispose();
      });
      if (typeof initialQuery === 'string' && initialQuery.trim()) {
        pick.value = initialQuery;
        void run(initialQuery, ++generation);
      }
      pick.show();
    }),
  );
  return store;
}
