import * as vscode from 'vscode';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../services/disposableStore';
import { openDescriptor } from './openDescriptor';

export function registerCoreCommands(catalog: CatalogService, log: vscode.LogOutputChannel): vscode.Disposable {
  const store = new DisposableStore();
  store.add(vscode.commands.registerCommand('greenroom.refresh', () => catalog.reload()));
  store.add(vscode.commands.registerCommand('greenroom.showLog', () => log.show()));
  store.add(vscode.commands.registerCommand('greenroom.openDescriptor', (argument: unknown) => openDescriptor(catalog.index, argument)));
  return store;
}
