import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as fakeVscode from './fakeVscode';

/**
 * Loads a bundled `dist/extension.js`-like file with a fake `vscode` module and times
 * `activate()`: what the editor waits for before the extension is usable. Work that
 * activate() defers (timers) is not counted, as in VS Code.
 */
export function measureActivation(bundle: string, extensionRoot: string): { load_ms: number; activate_ms: number } {
  const vscodeModule = new Proxy<Record<string, unknown>>(fakeVscode, {
    get(target, property) {
      if (property in target) {
        return target[property as string];
      }
      return typeof property === 'string' && property !== 'then' && property !== '__esModule'
        ? fakeVscode.standIn(`vscode.${property}`)
        : undefined;
    },
  });
  const moduleInternals = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
    return request === 'vscode' ? vscodeModule : originalLoad.call(this, request, parent, isMain);
  };
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
      update: (key: string, value: unknown) => Promise.resolve(void values.set(key, value)),
      keys: () => [...values.keys()],
      setKeysForSync: () => undefined,
    };
  };
  const storage = path.join(extensionRoot, 'out', 'bench', 'activation-storage');
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionUri: fakeVscode.Uri.file(extensionRoot),
    extensionPath: extensionRoot,
    globalStorageUri: fakeVscode.Uri.file(path.join(storage, 'global')),
    storageUri: fakeVscode.Uri.file(path.join(storage, 'workspace')),
    logUri: fakeVscode.Uri.file(path.join(storage, 'log')),
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: () => Promise.resolve(undefined),
      store: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      onDidChange: () => ({ dispose: () => undefined }),
    },
    extension: {
      id: 'greenroom-dev.greenroom',
      packageJSON: { version: '0.0.0-bench' },
      extensionUri: fakeVscode.Uri.file(extensionRoot),
    },
    extensionMode: 1,
    asAbsolutePath: (relative: string) => path.join(extensionRoot, relative),
  };
  const loadStarted = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle's path is known only at run time, and its load is what is timed
  const extension = require(bundle) as { activate(context: unknown): unknown };
  const loadMs = performance.now() - loadStarted;
  const started = performance.now();
  const api = extension.activate(context);
  const activateMs = performance.now() - started;
  if (!api || typeof api !== 'object') {
    throw new Error('activate() returned no API');
  }
  return { load_ms: loadMs, activate_ms: activateMs };
}
