// The catalog table's browser side: controls built on @vscode-elements, one page of rows from the
// host at a time. Every cell is set with textContent, so entity text can never become markup.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  DEFAULT_TABLE_REQUEST,
  parseTableRequest,
  TABLE_COLUMN_IDS,
  type TableColumnId,
  type TableHostMessage,
  type TablePageData,
  type TableRequest,
  type TableWebviewMessage,
} from '../src/shared/catalogTableProtocol';
import { element, linkOwnStylesheet } from './domElements';

/** What survives a reload: the query and how far down the table was scrolled. */
type SavedState = TableRequest & { readonly scrollY?: number };

interface VsCodeApi {
  postMessage(message: TableWebviewMessage): void;
  setState(state: SavedState): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const COLUMN_TITLES: Record<TableColumnId, string> = {
  name: 'Name',
  kind: 'Kind',
  owner: 'Owner',
  system: 'System',
  type: 'Type',
  lifecycle: 'Lifecycle',
  tags: 'Tags',
};
const PAGE_SIZE = 100;
const TEXT_DEBOUNCE_MS = 150;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
linkOwnStylesheet('catalogTable.js', 'catalogTable.css');

function initialRequest(): TableRequest {
  const saved = parseTableRequest(vscode.getState());
  if (saved) {
    return saved;
  }
  try {
    return parseTableRequest(JSON.parse(app.dataset['state'] ?? 'null')) ?? DEFAULT_TABLE_REQUEST;
  } catch {
    return DEFAULT_TABLE_REQUEST;
  }
}

let request: TableRequest = { ...initialRequest(), limit: PAGE_SIZE };
const savedScroll = (vscode.getState() as { scrollY?: unknown } | null | undefined)?.scrollY;
/** Put back once, when the restored page's rows are there. */
let pendingScroll =
  typeof savedScroll === 'number' && Number.isFinite(savedScroll) && savedScroll > 0 ? savedScroll : undefined;
let scrollTimer: ReturnType<typeof setTimeout> | undefined;

function saveState(): void {
  vscode.setState({ ...request, scrollY: Math.round(window.scrollY) });
}
let textTimer: ReturnType<typeof setTimeout> | undefined;
let lastId = 0;
let kindsShown = '';

// Controls
const toolbar = element('div', 'table-toolbar');
const filter = document.createElement('vscode-textfield') as HTMLElement & { value: string; placeholder: string };
filter.setAttribute('placeholder', 'Filter by name, owner, system, tag, description…');
filter.setAttribute('aria-label', 'Filter entities');
filter.className = 'table-filter';
filter.value = request.text;
const kindSelect = document.createElement('vscode-single-select') as HTMLElement & { value: string };
kindSelect.setAttribute('aria-label', 'Kind');
kindSelect.className = 'table-kind';
const ownedByMe = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
ownedByMe.setAttribute('label', 'Owned by me');
ownedByMe.checked = request.ownedByMe;
const starredOnly = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
starredOnly.setAttribute('label', 'Starred');
starredOnly.checked = request.starredOnly;
const summary = element('span', 'table-summary');
summary.setAttribute('role', 'status');
toolbar.append(filter, kindSelect, ownedByMe, starredOnly, summary);

const notice = element('p', 'notice table-notice');
const table = element('table', 'catalog-table');
const head = element('thead');
const headRow = element('tr');
const starHeader = element('th', 'star-cell');
starHeader.setAttribute('aria-label', 'Starred');
headRow.append(starHeader);
for (const column of TABLE_COLUMN_IDS) {
  const cell = element('th', `col-${column}`);
  const button = element('button', 'sort', COLUMN_TITLES[column]);
  button.type = 'button';
  button.dataset['column'] = column;
  cell.append(button);
  headRow.append(cell);
}
head.append(headRow);
const body = element('tbody');
table.append(head, body);

const pager = element('div', 'table-pager');
const previous = document.createElement('vscode-button') as HTMLElement & { disabled: boolean };
previous.setAttribute('secondary', '');
previous.textContent = 'Previous';
const next = document.createElement('vscode-button') as HTMLElement & { disabled: boolean };
next.setAttribute('secondary', '');
next.textContent = 'Next';
const pageLabel = element('span', 'page-label');
pager.append(previous, pageLabel, next);

app.replaceChildren(toolbar, notice, table, pager);

function send(changes: Partial<TableRequest>): void {
  // What is in the filter box counts even when its debounce has not fired yet.
  clearTimeout(textTimer);
  request = { ...request, text: filter.value, ...changes };
  saveState();
  vscode.postMessage({ type: 'query', id: ++lastId, request });
}

function renderKinds(kinds: readonly string[]): void {
  const key = kinds.join('\n');
  if (key === kindsShown) {
    return;
  }
  kindsShown = key;
  const options = [['', 'All kinds'], ...kinds.map((kind) => [kind, kind])].map(([value, label]) => {
    const option = document.createElement('vscode-option') as HTMLElement & { value: string };
    option.setAttribute('value', value ?? '');
    option.textContent = label ?? '';
    if ((value ?? '').toLowerCase() === request.kind.toLowerCase()) {
      option.setAttribute('selected', '');
    }
    return option;
  });
  kindSelect.replaceChildren(...options);
}

function renderRows(page: TablePageData): void {
  const rows = page.rows.map((data) => {
    const row = element('tr', 'entity-row');
    row.tabIndex = 0;
    row.dataset['ref'] = data.ref;
    row.title = data.ref;
    const star = element('td', 'star-cell');
    const starButton = element('button', data.starred ? 'star starred' : 'star', data.starred ? '★' : '☆');
    starButton.type = 'button';
    starButton.dataset['star'] = data.ref;
    starButton.setAttribute('aria-label', data.starred ? `Unstar ${data.name}` : `Star ${data.name}`);
    star.append(starButton);
    const name = element('td', 'col-name');
    name.append(element('span', 'entity-name', data.name));
    const tags = element('td', 'col-tags');
    for (const tag of data.tags) {
      tags.append(element('span', 'chip', tag));
    }
    row.append(
      star,
      name,
      element('td', 'col-kind', data.kind),
      element('td', 'col-owner', data.owner),
      element('td', 'col-system', data.system),
      element('td', 'col-type', data.type),
      element('td', 'col-lifecycle', data.lifecycle),
      tags,
    );
    return row;
  });
  body.replaceChildren(...rows);
}

function render(message: Extract<TableHostMessage, { type: 'page' }>): void {
  // Answers to superseded queries would show rows that no longer match what was typed.
  if (message.id !== 0 && message.id !== lastId) {
    return;
  }
  request = { ...message.request, text: request.text };
  const page = message.page;
  renderKinds(page.kinds);
  for (const cell of headRow.querySelectorAll<HTMLElement>('button.sort')) {
    const column = cell.dataset['column'];
    const th = cell.parentElement as HTMLElement;
    const active = column === request.sort;
    th.setAttribute('aria-sort', active ? (request.direction === 'asc' ? 'ascending' : 'descending') : 'none');
    cell.dataset['arrow'] = active ? (request.direction === 'asc' ? '▲' : '▼') : '';
  }
  renderRows(page);
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.rows.length;
  summary.textContent =
    page.total === page.all
      ? `${page.all.toLocaleString()} entities`
      : `${page.total.toLocaleString()} of ${page.all.toLocaleString()} entities`;
  pageLabel.textContent =
    page.total === 0 ? '' : `${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
  previous.disabled = page.offset === 0;
  next.disabled = last >= page.total;
  const notes: string[] = [];
  if (message.indexing) {
    notes.push('Indexing the workspace; rows appear as files are read.');
  }
  if (request.ownedByMe && !message.identity) {
    notes.push(
      'Set greenroom.identity to your user entity (e.g. user:default/amara.osei), or sign in to a registry with a Backstage user token, to see what you own.',
    );
  } else if (request.ownedByMe && message.identity) {
    notes.push(`Owned by ${message.identity} or a group it belongs to.`);
  }
  if (page.total === 0 && !message.indexing) {
    notes.push(page.all === 0 ? 'The catalog is empty.' : 'No entity matches these filters.');
  }
  notice.textContent = notes.join(' ');
  notice.hidden = notes.length === 0;
  if (pendingScroll !== undefined && page.rows.length > 0) {
    window.scrollTo(0, pendingScroll);
    pendingScroll = undefined;
  }
  saveState();
}

window.addEventListener(
  'scroll',
  () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(saveState, 150);
  },
  { passive: true },
);

filter.addEventListener('input', () => {
  clearTimeout(textTimer);
  textTimer = setTimeout(() => send({ text: filter.value, offset: 0 }), TEXT_DEBOUNCE_MS);
});
kindSelect.addEventListener('change', () => send({ kind: kindSelect.value, offset: 0 }));
ownedByMe.addEventListener('change', () => send({ ownedByMe: ownedByMe.checked, offset: 0 }));
starredOnly.addEventListener('change', () => send({ starredOnly: starredOnly.checked, offset: 0 }));
previous.addEventListener('click', () => send({ offset: Math.max(0, request.offset - PAGE_SIZE) }));
next.addEventListener('click', () => send({ offset: request.offset + PAGE_SIZE }));
head.addEventListener('click', (event) => {
  const column = (event.target as HTMLElement | null)?.closest<HTMLElement>('button.sort')?.dataset['column'];
  const sort = TABLE_COLUMN_IDS.find((id) => id === column);
  if (sort) {
    send({ sort, direction: sort === request.sort && request.direction === 'asc' ? 'desc' : 'asc', offset: 0 });
  }
});
body.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  const star = target?.closest<HTMLElement>('[data-star]')?.dataset['star'];
  if (star) {
    vscode.postMessage({ type: 'toggleStar', ref: star });
    return;
  }
  const ref = target?.closest<HTMLElement>('tr[data-ref]')?.dataset['ref'];
  if (ref) {
    vscode.postMessage({ type: 'openEntity', ref });
  }
});
body.addEventListener('keydown', (event) => {
  const row = (event.target as HTMLElement | null)?.closest<HTMLElement>('tr[data-ref]');
  if (!row) {
    return;
  }
  if (event.key === 'Enter' && row.dataset['ref']) {
    vscode.postMessage({ type: 'openEntity', ref: row.dataset['ref'] });
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling)
      ?.querySelector<HTMLElement>('td')
      ?.parentElement?.focus();
  }
});

window.addEventListener('message', (event: MessageEvent<TableHostMessage>) => {
  const message = event.data;
  if (message && message.type === 'page' && message.page && Array.isArray(message.page.rows)) {
    render(message);
  }
});

vscode.postMessage({ type: 'query', id: ++lastId, request });
