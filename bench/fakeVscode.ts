/**
 * Just enough of the `vscode` module to run the bundled extension's `activate()` in plain node
 * for the activation benchmark: registrations return disposables, events never fire, the
 * workspace has no folders and every setting has its default. Anything not modelled here is a
 * permissive stand-in (callable, constructible, every property another stand-in). Bench only.
 */

interface DisposableLike {
  dispose(): void;
}

const noop = (): void => undefined;
const disposable = (): DisposableLike => ({ dispose: noop });

/** Callable, constructible, never thenable; every property is another stand-in. */
export function standIn(name: string): unknown {
  const target = function standInFunction(): void {};
  return new Proxy(target, {
    get(_target, property) {
      if (property === 'then') {
        return undefined;
      }
      if (property === Symbol.iterator) {
        return function* empty(): Generator<never> {};
      }
      if (property === Symbol.toPrimitive) {
        return () => 0;
      }
      if (property === 'dispose') {
        return noop;
      }
      return standIn(`${name}.${String(property)}`);
    },
    apply() {
      return standIn(`${name}()`);
    },
    construct() {
      return standIn(`new ${name}`) as object;
    },
  });
}

/** A namespace object whose unknown members are stand-ins. */
function namespace<T extends object>(name: string, known: T): T {
  return new Proxy(known, {
    get(target, property, receiver) {
      if (property in target) {
        return Reflect.get(target, property, receiver) as unknown;
      }
      if (property === 'then' || typeof property === 'symbol') {
        return undefined;
      }
      if (/^onDid|^onWill/.test(property)) {
        return () => disposable();
      }
      if (/^register|^create/.test(property)) {
        return () => namespace(`${name}.${property}()`, { dispose: noop });
      }
      return standIn(`${name}.${property}`);
    },
  });
}

// Value classes with real semantics are shared with the unit tests' fake.
export { Disposable, EventEmitter, Uri } from '../test/unit/support/vscodeFake';

class Plain {
  constructor(...args: unknown[]) {
    Object.assign(this, { args });
  }
}

export class TreeItem extends Plain {}
export class ThemeIcon extends Plain {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
}
export class ThemeColor extends Plain {}
export class MarkdownString extends Plain {
  value = '';
  isTrusted: unknown = false;
  supportThemeIcons = false;
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendCodeblock(text: string): this {
    this.value += text;
    return this;
  }
}
export class Position extends Plain {}
export class Range extends Plain {}
export class Selection extends Plain {}
export class Location extends Plain {}
export class Hover extends Plain {}
export class CompletionItem extends Plain {}
export class CompletionList extends Plain {}
export class CodeLens extends Plain {}
export class CodeAction extends Plain {}
export class DocumentLink extends Plain {}
export class Diagnostic extends Plain {}
export class SnippetString extends Plain {}
export class RelativePattern extends Plain {}
export class TabInputText extends Plain {}
export class CancellationTokenSource {
  readonly token = { isCancellationRequested: false, onCancellationRequested: () => disposable() };
  cancel(): void {}
  dispose(): void {}
}

const enumeration = (name: string): unknown =>
  new Proxy({}, { get: (_target, property) => (typeof property === 'string' ? `${name}.${property}` : undefined) });

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 };
export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 };
export const CompletionItemKind = enumeration('CompletionItemKind');
export const CodeActionKind = { QuickFix: 'quickfix', Refactor: 'refactor', Empty: '' };
export const EndOfLine = { LF: 1, CRLF: 2 };

const configuration = {
  get: <T>(_key: string, fallback?: T): T | undefined => fallback,
  has: (): boolean => false,
  inspect: (): undefined => undefined,
  update: (): Promise<void> => Promise.resolve(),
};

const outputChannel = (): unknown =>
  namespace('outputChannel', {
    name: 'Greenroom',
    logLevel: 2,
    onDidChangeLogLevel: () => disposable(),
    append: noop,
    appendLine: noop,
    replace: noop,
    clear: noop,
    show: noop,
    hide: noop,
    dispose: noop,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
  });

const treeView = (): unknown =>
  namespace('treeView', {
    visible: true,
    selection: [],
    message: undefined as string | undefined,
    title: undefined as string | undefined,
    description: undefined as string | undefined,
    badge: undefined,
    reveal: (): Promise<void> => Promise.resolve(),
    onDidChangeVisibility: () => disposable(),
    onDidChangeSelection: () => disposable(),
    onDidExpandElement: () => disposable(),
    onDidCollapseElement: () => disposable(),
    dispose: noop,
  });

const statusBarItem = (): unknown =>
  namespace('statusBarItem', { text: '', tooltip: '', command: undefined, show: noop, hide: noop, dispose: noop });

export const window = namespace('window', {
  state: { focused: true, active: true },
  activeTextEditor: undefined,
  visibleTextEditors: [],
  createOutputChannel: outputChannel,
  createTreeView: treeView,
  createStatusBarItem: statusBarItem,
  registerTreeDataProvider: () => disposable(),
  registerWebviewPanelSerializer: () => disposable(),
  withProgress: async <T>(
    _options: unknown,
    task: (progress: { report(value: unknown): void }, token: unknown) => Promise<T>,
  ): Promise<T> => task({ report: noop }, new CancellationTokenSource().token),
  setStatusBarMessage: () => disposable(),
});

export const commands = namespace('commands', {
  registerCommand: () => disposable(),
  executeCommand: (): Promise<undefined> => Promise.resolve(undefined),
});

export const workspace = namespace('workspace', {
  workspaceFolders: undefined,
  textDocuments: [],
  isTrusted: true,
  getConfiguration: () => configuration,
  getWorkspaceFolder: (): undefined => undefined,
  asRelativePath: (value: unknown) => String(value),
  createFileSystemWatcher: () =>
    namespace('watcher', {
      onDidCreate: () => disposable(),
      onDidChange: () => disposable(),
      onDidDelete: () => disposable(),
      dispose: noop,
    }),
  registerTextDocumentContentProvider: () => disposable(),
  onDidChangeWorkspaceFolders: () => disposable(),
  onDidChangeConfiguration: () => disposable(),
  onDidGrantWorkspaceTrust: () => disposable(),
});

export const languages = namespace('languages', {
  createDiagnosticCollection: () => namespace('diagnostics', { set: noop, delete: noop, clear: noop, dispose: noop }),
});

export const env = namespace('env', {
  language: 'en',
  uiKind: 1,
  appName: 'bench',
  clipboard: { writeText: () => Promise.resolve() },
});
export const extensions = namespace('extensions', { getExtension: (): undefined => undefined, all: [] });
export const l10n = {
  t: (message: string | { message: string }, ...args: (string | number | boolean)[]): string =>
    (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_match, index: string) =>
      String(args[Number(index)] ?? ''),
    ),
};
