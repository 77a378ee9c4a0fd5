import * as vscode from 'vscode';
import { DisposableStore } from '../shared/disposableStore';
import {
  parseSettings,
  SETTING_KEYS,
  type GreenroomSettings,
  type RawSettings,
  type SettingKey,
} from './settingsSchema';

/** Which settings one change touched. */
export interface SettingsChange {
  readonly keys: ReadonlySet<SettingKey>;
  /** Whether any of `keys` changed. */
  affects(keys: readonly SettingKey[]): boolean;
}

/** VS Code's view of the `greenroom` section, as the pure parser wants it. */
function readRawSettings(): RawSettings {
  // The only read of Greenroom's settings (lint keeps it so). None is resource-scoped (package.json), so no folder is passed.
  const configuration = vscode.workspace.getConfiguration('greenroom');
  return {
    value: (key) => configuration.get<unknown>(key),
    scopes: (key) => {
      const inspected = configuration.inspect<unknown>(key);
      return (
        inspected && {
          user: inspected.globalValue,
          workspace: inspected.workspaceValue,
          workspaceFolder: inspected.workspaceFolderValue,
        }
      );
    },
  };
}

/**
 * Greenroom's settings as one typed snapshot, as rust-analyzer's `Config` does: read once at
 * start and again when VS Code reports a change to them, which `onDidChange` passes on with the
 * keys it touched. Granting workspace trust changes what the restricted settings read (the
 * workspace's values count from then on), so the snapshot is re-read then as well.
 */
export class Settings implements vscode.Disposable {
  private readonly store = new DisposableStore();
  private readonly changeEmitter = new vscode.EventEmitter<SettingsChange>();
  private snapshot: GreenroomSettings;
  private readTrusted: boolean;

  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    this.readTrusted = vscode.workspace.isTrusted;
    this.snapshot = parseSettings(readRawSettings());
    this.store.add(this.changeEmitter);
    this.store.add(
      vscode.workspace.onDidChangeConfiguration((event) => {
        const keys = SETTING_KEYS.filter((key) => event.affectsConfiguration(`greenroom.${key}`));
        if (keys.length > 0) {
          this.reread();
          const changed = new Set<SettingKey>(keys);
          this.changeEmitter.fire({ keys: changed, affects: (wanted) => wanted.some((key) => changed.has(key)) });
        }
      }),
    );
  }

  /** The settings now; re-read once after workspace trust is granted, whichever listener asks first. */
  get current(): GreenroomSettings {
    if (this.readTrusted !== vscode.workspace.isTrusted) {
      this.reread();
    }
    return this.snapshot;
  }

  /** Writes one setting into the workspace's settings; `onDidChange` follows. */
  async updateInWorkspace(key: SettingKey, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration('greenroom').update(key, value, vscode.ConfigurationTarget.Workspace);
  }

  dispose(): void {
    this.store.dispose();
  }

  private reread(): void {
    this.readTrusted = vscode.workspace.isTrusted;
    this.snapshot = parseSettings(readRawSettings());
  }
}
