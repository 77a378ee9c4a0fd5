import * as vscode from 'vscode';
import { parseStarred, toggleStarred } from '../../catalog/views/starred';

const STORAGE_KEY = 'greenroom.starredEntities';

/** The user's starred entities, kept in global state so they follow the user across workspaces. */
export class StarredStore implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  /** Newest first. */
  refs(): string[] {
    return parseStarred(this.state.get<unknown>(STORAGE_KEY));
  }

  set(): ReadonlySet<string> {
    return new Set(this.refs());
  }

  has(ref: string): boolean {
    return this.refs().includes(ref.toLowerCase());
  }

  async setStarred(ref: string, star: boolean): Promise<void> {
    await this.state.update(STORAGE_KEY, toggleStarred(this.refs(), ref, star));
    void vscode.commands.executeCommand('setContext', 'greenroom.starredEntities', this.refs());
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
