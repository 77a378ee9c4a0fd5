// The only things that cross between the host and the template realm: one string in, one string
// out. Requests are JSON; answers start with a letter that says what follows, so a rendered file
// (the common case, and possibly megabytes) needs no JSON escaping on its way out.

export interface RealmRenderOptions {
  readonly trimBlocks?: boolean;
  readonly lstripBlocks?: boolean;
  /** `fetch:template`'s cookiecutterCompat: `{{ }}` delimiters and a `jsonify` filter. */
  readonly cookiecutterCompat?: boolean;
}

/**
 * The nunjucks Environment options for a render: the host compiles with them and the realm runs
 * the code under them, so both must read them from here (Backstage's SecureTemplater settings).
 */
export function nunjucksOptions(options: RealmRenderOptions) {
  return {
    autoescape: false,
    throwOnUndefined: false,
    dev: true,
    trimBlocks: options.trimBlocks === true,
    lstripBlocks: options.lstripBlocks === true,
    tags: options.cookiecutterCompat
      ? { variableStart: '{{', variableEnd: '}}' }
      : { variableStart: '${{', variableEnd: '}}' },
  };
}

export type RealmRequest =
  /** Replaces the data templates read (`parameters`, `values`, …): parsed once, used by the renders after it. */
  | { readonly op: 'context'; readonly context: unknown }
  /** Renders template text to text; with `code` (the text compiled by the host), the text is not sent. */
  | {
      readonly op: 'text';
      readonly text: string;
      readonly options: RealmRenderOptions;
      readonly name: string;
      readonly code?: string;
    }
  /** Renders every string below a JSON value; a string that is one `${{ }}` keeps its JSON type. */
  | { readonly op: 'deep'; readonly value: unknown };

/** A nunjucks error as data: its message, where nunjucks placed it, and the runtime cause's message. */
export interface RealmError {
  readonly message: string;
  readonly lineno?: number;
  readonly colno?: number;
  readonly causeMessage?: string;
}

/** `T` + rendered text. */
export const TEXT_ANSWER = 'T';
/** `V` + JSON `{ "value": … }` (no `value` key: undefined). */
export const VALUE_ANSWER = 'V';
/** `E` + JSON `{ "error": RealmError, "path"?: (string | number)[] }`. */
export const ERROR_ANSWER = 'E';
