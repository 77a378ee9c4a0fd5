/**
 * Messages between the entity panel's webview and the extension host. Both sides import this
 * file; the host validates everything it receives with `parseWebviewMessage` before acting.
 */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'selectTab'; readonly tab: string }
  | { readonly type: 'tabState'; readonly tab: string; readonly state: string }
  | { readonly type: 'openEntity'; readonly ref: string }
  | { readonly type: 'openExternal'; readonly url: string }
  | { readonly type: 'openFile'; readonly path: string; readonly line?: number }
  | { readonly type: 'runCommand'; readonly command: string; readonly args: readonly unknown[] };

export interface PanelTab {
  readonly key: string;
  readonly title: string;
}

export interface PanelRender {
  readonly ref: string;
  readonly headerHtml: string;
  readonly tabs: readonly PanelTab[];
  readonly activeTab: string;
  readonly tabState: string | undefined;
  readonly bodyHtml: string;
}

export type HostMessage =
  { readonly type: 'render'; readonly render: PanelRender } | { readonly type: 'busy'; readonly tab: string };

/** What the webview remembers across reloads (vscode.setState), for the panel serializer. */
export interface PanelState {
  readonly ref: string;
  readonly tab?: string;
  readonly tabState?: string;
}

const MAX_STRING = 4096;
const MAX_ARGS = 8;

function text(value: unknown, max = MAX_STRING): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** Command arguments are forwarded to the command: plain JSON, and small. */
function commandArgs(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ARGS) {
    return undefined;
  }
  try {
    const json = JSON.stringify(value);
    return json.length <= MAX_STRING ? (JSON.parse(json) as unknown[]) : undefined;
  } catch {
    return undefined; // cycles, BigInt, nesting deeper than the stack
  }
}

/** Returns the message when it has exactly a known shape, else undefined (the caller logs and ignores it). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'selectTab': {
      const tab = text(message['tab'], 256);
      return tab ? { type: 'selectTab', tab } : undefined;
    }
    case 'tabState': {
      const tab = text(message['tab'], 256);
      const state =
        typeof message['state'] === 'string' && message['state'].length <= MAX_STRING ? message['state'] : undefined;
      return tab && state !== undefined ? { type: 'tabState', tab, state } : undefined;
    }
    case 'openEntity': {
      const ref = text(message['ref'], 512);
      return ref ? { type: 'openEntity', ref } : undefined;
    }
    case 'openExternal': {
      const url = text(message['url']);
      return url && /^(https?:|mailto:)/i.test(url) ? { type: 'openExternal', url } : undefined;
    }
    case 'openFile': {
      const path = text(message['path']);
      const line = message['line'];
      if (!path) {
        return undefined;
      }
      return typeof line === 'number' && Number.isSafeInteger(line) && line >= 1
        ? { type: 'openFile', path, line }
        : line === undefined
          ? { type: 'openFile', path }
          : undefined;
    }
    case 'runCommand': {
      const command = text(message['command'], 256);
      const args = commandArgs(message['args'] === undefined ? [] : message['args']);
      return command && args ? { type: 'runCommand', command, args } : undefined;
    }
    default:
      return undefined;
  }
}

export function parsePanelState(raw: unknown): PanelState | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const state = raw as Record<string, unknown>;
  const ref = text(state['ref'], 512);
  if (!ref) {
    return undefined;
  }
  const tab = text(state['tab'], 256);
  const tabState =
    typeof state['tabState'] === 'string' && state['tabState'].length <= MAX_STRING ? state['tabState'] : undefined;
  return { ref, ...(tab ? { tab } : {}), ...(tabState !== undefined ? { tabState } : {}) };
}
