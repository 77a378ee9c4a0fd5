import type * as vscode from 'vscode';
import type { CatalogChangeEvent, CatalogEntityRecord } from './catalog';

/**
 * What `activate()` returns to other extensions. Read-only access to the catalog for now;
 * plugin registration (tabs, hover sections, tree actions) extends it.
 */
export interface GreenroomApi {
  readonly apiVersion: 1;
  /** Resolves when the first full index of the workspace is done. */
  whenIndexed(): Promise<void>;
  getEntity(ref: string): CatalogEntityRecord | undefined;
  getEntities(): CatalogEntityRecord[];
  onDidChangeCatalog(listener: (event: CatalogChangeEvent) => void): vscode.Disposable;
}
