import * as vscode from 'vscode';
import { entityAnnotation, type CatalogEntityRecord, type CatalogIndex } from '../../catalog';
import { remoteEntityUri } from '../registries/remoteEntityDocuments';
import { entityRefArgument } from './entityRefArgument';
import { warnNoSuchEntity } from './noSuchEntity';

/** A registry entity whose descriptor is a file in an open workspace folder opens that file. */
function localDescriptorOf(record: CatalogEntityRecord): vscode.Uri | undefined {
  const location = entityAnnotation(record.entity, 'backstage.io/managed-by-location');
  if (typeof location !== 'string' || !location.startsWith('file:')) {
    return undefined;
  }
  const uri = vscode.Uri.file(location.slice('file:'.length));
  return vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

/** Opens the descriptor of an entity with its name selected. */
export async function openDescriptor(index: CatalogIndex, argument: unknown): Promise<void> {
  const ref = entityRefArgument(argument);
  const record = ref ? index.get(ref) : undefined;
  if (!record) {
    warnNoSuchEntity(ref);
    return;
  }
  if (record.origin.type !== 'workspace') {
    const local = localDescriptorOf(record);
    await vscode.window.showTextDocument(local ?? remoteEntityUri(record.ref), { preview: true });
    return;
  }
  const target = record.fields.get(['metadata', 'name'])?.valueRange ?? record.range;
  const selection = new vscode.Range(target.start.line, target.start.column, target.end.line, target.end.column);
  await vscode.window.showTextDocument(vscode.Uri.file(record.file), { selection, preview: true });
}
