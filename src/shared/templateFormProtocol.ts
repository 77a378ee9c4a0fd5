/** Messages between the template form webview and the extension host; the host validates all it receives. */
export interface FormField {
  readonly name: string;
  readonly title: string;
  readonly description: string | undefined;
  /** `multi`: several of the choices (MultiEntityPicker, EntityTagsPicker, arrays of an enum). */
  readonly kind: 'text' | 'number' | 'boolean' | 'list' | 'choice' | 'multi';
  /** Suggestions; `label` is what people read (a display name), `value` what the template gets (a ref). */
  readonly choices: readonly { readonly value: string; readonly label: string; readonly description?: string }[];
  /** `ui:widget: textarea`: several lines, `ui:options.rows` high. */
  readonly multiline: boolean;
  readonly rows: number | undefined;
  /** Free text allowed beside the choices (entity pickers). */
  readonly allowOther: boolean;
  readonly required: boolean;
  readonly secret: boolean;
  readonly placeholder: string | undefined;
  readonly page: number;
}

export interface PreviewFile {
  readonly path: string;
  readonly size: number;
  readonly content: string | undefined;
  /** A file is already at its destination: creating would ask before replacing it. */
  readonly exists: boolean;
}

export type FormHostMessage =
  | {
      readonly type: 'fields';
      readonly title: string;
      readonly description: string;
      readonly fields: readonly FormField[];
      readonly values: Readonly<Record<string, unknown>>;
      readonly targets: readonly string[];
    }
  | { readonly type: 'validation'; readonly errors: readonly { readonly field: string; readonly message: string }[] }
  | {
      readonly type: 'preview';
      readonly folder: string;
      readonly files: readonly PreviewFile[];
      readonly skipped: readonly { readonly step: string; readonly action: string; readonly reason: string }[];
      readonly log: readonly string[];
    }
  | {
      readonly type: 'created';
      readonly folder: string;
      readonly written: readonly string[];
      /** The template's `output.links` (http(s)/mailto only) and `output.text`, as Backstage shows them after a run. */
      readonly links: readonly { readonly title: string; readonly url: string }[];
      readonly text: readonly { readonly title: string; readonly content: string }[];
    }
  | { readonly type: 'error'; readonly message: string };

export type FormWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'change'; readonly values: Record<string, unknown> }
  | { readonly type: 'preview'; readonly values: Record<string, unknown>; readonly target: number }
  | { readonly type: 'create'; readonly values: Record<string, unknown>; readonly target: number };

const MAX_VALUES = 200;
const MAX_TEXT = 10_000;

function values(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_VALUES) {
    return undefined;
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const ok =
      (typeof value === 'string' && value.length <= MAX_TEXT) ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) &&
        value.length <= MAX_VALUES &&
        value.every((item) => typeof item === 'string' && item.length <= MAX_TEXT));
    if (!ok || key === '__proto__' || key === 'constructor' || key === 'prototype') {
      return undefined;
    }
    result[key] = value;
  }
  return result;
}

export function parseFormMessage(raw: unknown): FormWebviewMessage | undefined {
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'change': {
      const parsed = values(message['values']);
      return parsed ? { type: 'change', values: parsed } : undefined;
    }
    case 'preview':
    case 'create': {
      const parsed = values(message['values']);
      const target = message['target'];
      return parsed && typeof target === 'number' && Number.isInteger(target) && target >= -1 && target < 1000
        ? { type: message['type'], values: parsed, target }
        : undefined;
    }
    default:
      return undefined;
  }
}
