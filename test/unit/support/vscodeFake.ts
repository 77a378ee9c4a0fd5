/**
 * The part of the `vscode` module the feature adapters use, with real value semantics (a
 * TreeItem keeps its label, a diagnostic collection remembers what was set), so unit tests can
 * assert on what the editor would show. `installVscodeFake()` makes `require('vscode')` load it.
 * Anything not modelled here is absent: a test that needs more adds it here.
 */
import Module from 'node:module';

interface DisposableLike {
  dispose(): unknown;
}

export class Disposable {
  static from(...items: DisposableLike[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  constructor(private readonly callOnDispose: () => unknown) {}
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<(event: T) => void>();
  readonly event = (listener: (event: T) => void): DisposableLike => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      listener(event);
    }
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static file(fsPath: string): Uri {
    return new Uri('file', '', fsPath, '', '');
  }
  static parse(value: string): Uri {
    const match = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    return new Uri(match?.[1] ?? 'file', match?.[2] ?? '', match?.[3] ?? value, match?.[4] ?? '', match?.[5] ?? '');
  }
  static from(parts: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(parts.scheme, parts.authority ?? '', parts.path ?? '', parts.query ?? '', parts.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(
      base.scheme,
      base.authority,
      [base.path, ...segments].join('/').replace(/\/+/g, '/'),
      base.query,
      base.fragment,
    );
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(
      change.scheme ?? this.scheme,
      change.authority ?? this.authority,
      change.path ?? this.path,
      change.query ?? this.query,
      change.fragment ?? this.fragment,
    );
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;
export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;
export const CodeActionKind = { QuickFix: 'quickfix', Refactor: 'refactor', Empty: '' } as const;

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted: unknown = false;
  supportThemeIcons = false;
  supportHtml = false;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  resourceUri?: Uri;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: number = TreeItemCollapsibleState.None,
  ) {}
}

export class FileDecoration {
  constructor(
    readonly badge?: string,
    readonly tooltip?: string,
    readonly color?: ThemeColor,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number = DiagnosticSeverity.Error,
  ) {}
}

export class CodeAction {
  edit?: unknown;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind?: string,
  ) {}
}

/** A diagnostic collection that remembers what the feature published, per file path. */
export class DiagnosticCollectionFake {
  readonly byFile = new Map<string, readonly Diagnostic[]>();
  disposed = false;
  constructor(readonly name: string) {}
  /** Both of VS Code's forms: one file, or many at once (each file listed is replaced). */
  set(uri: Uri, diagnostics: readonly Diagnostic[]): void;
  set(entries: readonly (readonly [Uri, readonly Diagnostic[] | undefined])[]): void;
  set(
    first: Uri | readonly (readonly [Uri, readonly Diagnostic[] | undefined])[],
    diagnostics?: readonly Diagnostic[],
  ): void {
    if (!Array.isArray(first)) {
      this.byFile.set((first as Uri).fsPath, diagnostics ?? []);
      return;
    }
    const replaced = new Map<string, Diagnostic[]>();
    for (const [uri, list] of first as readonly (readonly [Uri, readonly Diagnostic[] | undefined])[]) {
      const current = replaced.get(uri.fsPath) ?? [];
      replaced.set(uri.fsPath, list === undefined ? [] : [...current, ...list]);
    }
    for (const [file, list] of replaced) {
      this.byFile.set(file, list);
    }
  }
  delete(uri: Uri): void {
    this.byFile.delete(uri.fsPath);
  }
  clear(): void {
    this.byFile.clear();
  }
  dispose(): void {
    this.disposed = true;
  }
}

/** What the adapters registered, for assertions. */
export const registered = {
  diagnosticCollections: [] as DiagnosticCollectionFake[],
  codeActionProviders: [] as unknown[],
};

export const languages = {
  createDiagnosticCollection(name: string): DiagnosticCollectionFake {
    const collection = new DiagnosticCollectionFake(name);
    registered.diagnosticCollections.push(collection);
    return collection;
  },
  registerCodeActionsProvider(_selector: unknown, provider: unknown): DisposableLike {
    registered.codeActionProviders.push(provider);
    return {
      dispose: () => registered.codeActionProviders.splice(registered.codeActionProviders.indexOf(provider), 1),
    };
  },
};

export const l10n = {
  t: (message: string | { message: string }, ...args: (string | number | boolean)[]): string =>
    (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_match, index: string) =>
      String(args[Number(index)] ?? ''),
    ),
};

export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 } as const;

/** Settings by full key (`greenroom.tools`) in user and workspace settings, as tests set them. */
export const configurationValues = { user: new Map<string, unknown>(), workspace: new Map<string, unknown>() };
const configurationChanges = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

/** Writes settings as the user would in the Settings editor; listeners then hear which keys changed. */
export function changeConfiguration(scope: 'user' | 'workspace', values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) {
      configurationValues[scope].delete(key);
    } else {
      configurationValues[scope].set(key, value);
    }
  }
  const keys = Object.keys(values);
  configurationChanges.fire({
    affectsConfiguration: (section) =>
      keys.some((key) => key === section || key.startsWith(`${section}.`) || section.startsWith(`${key}.`)),
  });
}

export const workspace = {
  isTrusted: true,
  asRelativePath: (value: string | Uri): string => (typeof value === 'string' ? value : value.fsPath),
  onDidChangeConfiguration: configurationChanges.event,
  getConfiguration: (section: string) => {
    const full = (key: string): string => `${section}.${key}`;
    return {
      get: <T>(key: string): T | undefined =>
        (configurationValues.workspace.get(full(key)) ?? configurationValues.user.get(full(key))) as T | undefined,
      inspect: <T>(key: string) => ({
        key: full(key),
        globalValue: configurationValues.user.get(full(key)) as T | undefined,
        workspaceValue: configurationValues.workspace.get(full(key)) as T | undefined,
        workspaceFolderValue: undefined,
      }),
      update: (key: string, value: unknown, target: number): Promise<void> => {
        changeConfiguration(target === ConfigurationTarget.Global ? 'user' : 'workspace', { [full(key)]: value });
        return Promise.resolve();
      },
    };
  },
};

// --- Chat and language models: enough for a participant's tool-calling loop -------------------

export class CancellationError extends Error {}

export class LanguageModelTextPart {
  constructor(readonly value: string) {}
}

export class LanguageModelToolCallPart {
  constructor(
    readonly callId: string,
    readonly name: string,
    readonly input: object,
  ) {}
}

export class LanguageModelToolResultPart {
  constructor(
    readonly callId: string,
    readonly content: unknown[],
  ) {}
}

export class LanguageModelToolResult {
  constructor(readonly content: unknown[]) {}
}

export class LanguageModelChatMessage {
  private constructor(
    readonly role: 'user' | 'assistant',
    readonly content: string | unknown[],
  ) {}
  static User(content: string | unknown[]): LanguageModelChatMessage {
    return new LanguageModelChatMessage('user', content);
  }
  static Assistant(content: string | unknown[]): LanguageModelChatMessage {
    return new LanguageModelChatMessage('assistant', content);
  }
}

interface FakeTool {
  invoke(
    options: { input: object; toolInvocationToken: unknown },
    token: { isCancellationRequested: boolean },
  ): Promise<LanguageModelToolResult>;
  prepareInvocation?(options: { input: object }): unknown;
}

/** Tools registered through `lm.registerTool`, invoked by `lm.invokeTool` as VS Code would. */
const languageModelTools = new Map<string, FakeTool>();

export const lm = {
  get tools(): { name: string }[] {
    return [...languageModelTools.keys()].map((name) => ({ name }));
  },
  registerTool(name: string, tool: FakeTool): DisposableLike {
    languageModelTools.set(name, tool);
    return { dispose: () => languageModelTools.delete(name) };
  },
  async invokeTool(
    name: string,
    options: { input: object; toolInvocationToken: unknown },
    token = { isCancellationRequested: false },
  ): Promise<LanguageModelToolResult> {
    const tool = languageModelTools.get(name);
    if (!tool) {
      throw new Error(`no tool ${name}`);
    }
    return tool.invoke(options, token);
  },
};

type ChatHandler = (request: unknown, context: unknown, stream: unknown, token: unknown) => Promise<unknown>;

/** Participants created through `chat.createChatParticipant`, by id, for tests to send requests to. */
export const chatParticipants = new Map<string, { handler: ChatHandler; iconPath?: unknown }>();

export const chat = {
  createChatParticipant(id: string, handler: ChatHandler): { iconPath?: unknown; dispose(): void } {
    const participant = { handler, iconPath: undefined as unknown, dispose: () => chatParticipants.delete(id) };
    chatParticipants.set(id, participant);
    return participant;
  },
};

/** Notifications shown through `window.show*Message`, oldest first; tests clear it. */
export const shownMessages: { severity: 'information' | 'warning' | 'error'; message: string }[] = [];

function showMessage(severity: (typeof shownMessages)[number]['severity']) {
  return (message: string): Promise<undefined> => {
    shownMessages.push({ severity, message });
    return Promise.resolve(undefined);
  };
}

export const window = {
  activeTextEditor: undefined as unknown,
  showInformationMessage: showMessage('information'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
};

let installed = false;

/** Makes `require('vscode')` resolve to this module, for the rest of the test process. */
export function installVscodeFake(): void {
  if (installed) {
    return;
  }
  installed = true;
  const moduleWithResolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = moduleWithResolver._resolveFilename.bind(Module);
  moduleWithResolver._resolveFilename = (request: string, ...rest: unknown[]) =>
    request === 'vscode' ? __filename : resolve(request, ...rest);
}
