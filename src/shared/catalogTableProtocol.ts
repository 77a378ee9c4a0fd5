/**
 * Messages between the catalog table's webview and the extension host. The host computes every
 * row (filter, sort, page) and sends one page at a time, so the webview holds at most a page
 * however large the catalog is. The host validates all it receives with `parseTableMessage`.
 */
export const TABLE_COLUMN_IDS = ['name', 'kind', 'owner', 'system', 'type', 'lifecycle', 'tags'] as const;
export type TableColumnId = (typeof TABLE_COLUMN_IDS)[number];

export interface TableRequest {
  readonly text: string;
  readonly kind: string;
  readonly ownedByMe: boolean;
  readonly starredOnly: boolean;
  readonly sort: TableColumnId;
  readonly direction: 'asc' | 'desc';
  readonly offset: number;
  readonly limit: number;
}

export interface TableRowData {
  readonly ref: string;
  readonly name: string;
  readonly kind: string;
  readonly owner: string;
  readonly ownerRef: string | undefined;
  readonly system: string;
  readonly type: string;
  readonly lifecycle: string;
  readonly tags: readonly string[];
  readonly starred: boolean;
}

export interface TablePageData {
  readonly total: number;
  readonly all: number;
  readonly offset: number;
  readonly rows: readonly TableRowData[];
  readonly kinds: readonly string[];
}

export type TableWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'query'; readonly id: number; readonly request: TableRequest }
  | { readonly type: 'openEntity'; readonly ref: string }
  | { readonly type: 'toggleStar'; readonly ref: string };

export type TableHostMessage =
  /** `id` answers the query it was computed for; 0 for pages the host pushes after a catalog change. */
  {
    readonly type: 'page';
    readonly id: number;
    readonly request: TableRequest;
    readonly page: TablePageData;
    readonly identity: string | undefined;
    readonly indexing: boolean;
  };

export const DEFAULT_TABLE_REQUEST: TableRequest = {
  text: '',
  kind: '',
  ownedByMe: false,
  starredOnly: false,
  sort: 'name',
  direction: 'asc',
  offset: 0,
  limit: 100,
};

const MAX_TEXT = 512;
const MAX_ROWS_PER_PAGE = 500;

function shortText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function count(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max ? value : undefined;
}

export function parseTableRequest(raw: unknown): TableRequest | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const request = raw as Record<string, unknown>;
  const text = shortText(request['text'], MAX_TEXT);
  const kind = shortText(request['kind'], 128);
  const sort = TABLE_COLUMN_IDS.find((column) => column === request['sort']);
  const direction =
    request['direction'] === 'asc' || request['direction'] === 'desc' ? request['direction'] : undefined;
  const offset = count(request['offset'], Number.MAX_SAFE_INTEGER);
  const limit = count(request['limit'], MAX_ROWS_PER_PAGE);
  const ownedByMe = request['ownedByMe'];
  const starredOnly = request['starredOnly'];
  if (
    text === undefined ||
    kind === undefined ||
    !sort ||
    !direction ||
    offset === undefined ||
    !limit ||
    typeof ownedByMe !== 'boolean' ||
    typeof starredOnly !== 'boolean'
  ) {
    return undefined;
  }
  return { text, kind, ownedByMe, starredOnly, sort, direction, offset, limit };
}

/** Returns the message when it has exactly a known shape, else undefined (the caller logs and ignores it). */
export function parseTableMessage(raw: unknown): TableWebviewMessage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'query': {
      const id = count(message['id'], Number.MAX_SAFE_INTEGER);
      const request = parseTableRequest(message['request']);
      return id !== undefined && request ? { type: 'query', id, request } : undefined;
    }
    case 'openEntity':
    case 'toggleStar': {
      const ref = shortText(message['ref'], MAX_TEXT);
      return ref ? { type: message['type'], ref } : undefined;
    }
    default:
      return undefined;
  }
}
