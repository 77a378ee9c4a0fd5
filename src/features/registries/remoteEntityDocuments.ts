import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { originLabel } from '../../catalog';
import type { CatalogService } from '../../services/catalogService';

export const REMOTE_ENTITY_SCHEME = 'greenroom-entity';

export function remoteEntityUri(ref: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REMOTE_ENTITY_SCHEME, path: `/${ref.replace(/[:/]/g, '_')}.yaml`, query: ref });
}

/**
 * Read-only YAML of an entity that lives only in a registry ("View YAML"), so "open descriptor"
 * always shows something; an open one follows the index (a sync or a refresh of the entity).
 */
export class RemoteEntityDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly catalog: CatalogService) {
    this.subscription = catalog.onDidChange((event) => {
      const touched = new Set([...event.added, ...event.updated, ...event.removed]);
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === REMOTE_ENTITY_SCHEME && touched.has(document.uri.query)) {
          this.emitter.fire(document.uri);
        }
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ref = uri.query;
    const copies = this.catalog.index.getAll(ref).filter((record) => record.origin.type !== 'workspace');
    const record = copies[0];
    if (!record) {
      return `# ${ref} is no longer served by any registry or URL location\n`;
    }
    const source = record.origin.type === 'url' ? record.origin.url : `registry "${originLabel(record.origin)}"`;
    const {
      relations: _relations,
      status: _status,
      ...descriptor
    } = record.entity as typeof record.entity & { status?: unknown };
    return `# ${ref}, as served by ${source} (read-only)\n${stringify(descriptor)}`;
  }
}
