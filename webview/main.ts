// The entity panel's browser side: shows what the host renders and turns clicks on data-*
// attributes into validated messages. It never builds HTML from strings itself except the
// host's already-sanitized fragments.
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import { enableGraphPanZoom } from './graphPanZoom';
import type { HostMessage, PanelRender, PanelState, WebviewMessage } from '../src/shared/panelProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: PanelState): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let current: PanelRender | undefined;

function readInitialState(): PanelState | undefined {
  try {
    return JSON.parse(app.dataset['state'] ?? 'null') as PanelState;
  } catch {
    return undefined;
  }
}

function render(next: PanelRender): void {
  current = next;
  vscode.setState({
    ref: next.ref,
    ...(next.activeTab ? { tab: next.activeTab } : {}),
    ...(next.tabState !== undefined ? { tabState: next.tabState } : {}),
  });
  const header = document.createElement('div');
  header.innerHTML = next.headerHtml;
  const tabs = document.createElement('vscode-tabs');
  tabs.setAttribute(
    'selected-index',
    String(
      Math.max(
        0,
        next.tabs.findIndex((tab) => tab.key === next.activeTab),
      ),
    ),
  );
  for (const tab of next.tabs) {
    const tabHeader = document.createElement('vscode-tab-header');
    tabHeader.setAttribute('slot', 'header');
    tabHeader.textContent = tab.title;
    tabHeader.dataset['tabKey'] = tab.key;
    tabs.appendChild(tabHeader);
    const panel = document.createElement('vscode-tab-panel');
    if (tab.key === next.activeTab) {
      const body = document.createElement('div');
      body.className = 'tab-body';
      body.dataset['tab'] = tab.key;
      body.innerHTML = next.bodyHtml;
      panel.appendChild(body);
    }
    tabs.appendChild(panel);
  }
  tabs.addEventListener('vsc-tabs-select', (event) => {
    const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    const key = next.tabs[index]?.key;
    if (key && key !== current?.activeTab) {
      vscode.postMessage({ type: 'selectTab', tab: key });
    }
  });
  const content =
    next.tabs.length > 0
      ? tabs
      : Object.assign(document.createElement('div'), { className: 'tab-body', innerHTML: next.bodyHtml });
  app.replaceChildren(header, content);
  enableGraphPanZoom(app);
  const anchor = next.tabState?.split('#')[1];
  if (anchor) {
    document.getElementById(anchor)?.scrollIntoView();
  } else {
    window.scrollTo(0, 0);
  }
}

function parseArgs(raw: string | undefined): unknown[] {
  if (!raw) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** One delegated handler: links and buttons act through the host, never by navigating. */
document.addEventListener('click', (event) => {
  const target = (event.target as HTMLElement | null)?.closest<HTMLElement>(
    '[data-entity-ref],[data-href],[data-command],[data-tab-state],[data-file],a',
  );
  if (!target) {
    return;
  }
  const data = target.dataset;
  if (
    target.tagName === 'A' ||
    data['command'] ||
    data['href'] ||
    data['entityRef'] ||
    data['tabState'] ||
    data['file']
  ) {
    event.preventDefault();
  }
  const tab = current?.activeTab ?? '';
  if (data['entityRef']) {
    vscode.postMessage({ type: 'openEntity', ref: data['entityRef'] });
  } else if (data['tabState'] !== undefined && tab) {
    vscode.postMessage({ type: 'tabState', tab, state: data['tabState'] });
  } else if (data['href']) {
    vscode.postMessage({ type: 'openExternal', url: data['href'] });
  } else if (data['command']) {
    vscode.postMessage({ type: 'runCommand', command: data['command'], args: parseArgs(data['args']) });
  } else if (data['file']) {
    const line = Number(data['line']);
    vscode.postMessage({
      type: 'openFile',
      path: data['file'],
      ...(Number.isInteger(line) && line > 0 ? { line } : {}),
    });
  } else if (
    target.tagName === 'A' &&
    (target.getAttribute('href') ?? '').startsWith('#') &&
    target.getAttribute('href') !== '#'
  ) {
    document.getElementById((target.getAttribute('href') ?? '').slice(1))?.scrollIntoView();
  }
});

/** `<vscode-textfield data-tab-search>`: Enter searches within the current tab. */
document.addEventListener('keydown', (event) => {
  const field = (event.target as HTMLElement | null)?.closest<HTMLElement & { value?: string }>('[data-tab-search]');
  if (field && event.key === 'Enter' && current?.activeTab) {
    vscode.postMessage({ type: 'tabState', tab: current.activeTab, state: `search:${field.value ?? ''}` });
  }
});

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message && message.type === 'render' && message.render && typeof message.render.bodyHtml === 'string') {
    render(message.render);
  }
});

const initial = readInitialState();
if (initial) {
  vscode.setState(initial);
}
vscode.postMessage({ type: 'ready' });
