/** What an `href`/`src` written in a docs page points at, before any docs-folder resolution. */
export type HrefKind =
  | { readonly kind: 'external'; readonly url: string }
  | { readonly kind: 'anchor'; readonly anchor: string }
  | { readonly kind: 'relative'; readonly path: string; readonly anchor?: string }
  /** A scheme we never follow (javascript:, data:, file:, vscode:, …) or not a URL at all. */
  | { readonly kind: 'unsafe' };

const SAFE_EXTERNAL_SCHEMES = new Set(['http', 'https', 'mailto']);
/** Raster images only: an SVG data URI is a document that may carry script. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;
const MAX_DATA_IMAGE_LENGTH = 2 * 1024 * 1024;

function isControlOrSpace(code: number): boolean {
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Classifies a link target. Browsers ignore ASCII whitespace and control characters inside a
 * scheme (`java\tscript:`), so they are removed before the scheme is read.
 */
export function classifyHref(rawHref: string): HrefKind {
  const href = rawHref.trim();
  const compact = [...href].filter((character) => !isControlOrSpace(character.charCodeAt(0))).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    return SAFE_EXTERNAL_SCHEMES.has(scheme) ? { kind: 'external', url: compact } : { kind: 'unsafe' };
  }
  if (/^[\\/]{2}/.test(compact)) {
    // Protocol-relative: browsers read it as another host (backslashes count as slashes).
    return { kind: 'unsafe' };
  }
  if (compact.startsWith('#')) {
    return { kind: 'anchor', anchor: safeDecode(compact.slice(1)) };
  }
  return relative(href);
}

function relative(href: string): HrefKind {
  const withoutQuery = href.replace(/\?[^#]*/, '');
  const hash = withoutQuery.indexOf('#');
  const pathPart = safeDecode(hash === -1 ? withoutQuery : withoutQuery.slice(0, hash));
  const anchor = hash === -1 ? '' : safeDecode(withoutQuery.slice(hash + 1));
  if ([...pathPart].some((character) => isControlOrSpace(character.charCodeAt(0)) && character !== ' ')) {
    // `java%09script:` is no file name anyone writes; it is a scheme hidden from the check above.
    return { kind: 'unsafe' };
  }
  return anchor ? { kind: 'relative', path: pathPart, anchor } : { kind: 'relative', path: pathPart };
}

/** `data:image/(png|gif|jpeg|webp);base64,…` of a sane size: safe to show inline. */
export function isSafeDataImage(src: string): boolean {
  return src.length <= MAX_DATA_IMAGE_LENGTH && SAFE_DATA_IMAGE.test(src.trim());
}
