import hljs from 'highlight.js/lib/common';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import http from 'highlight.js/lib/languages/http';
import protobuf from 'highlight.js/lib/languages/protobuf';

// The common set (~36 languages) plus what service docs show often; the full set would triple the bundle.
hljs.registerLanguage('dockerfile', dockerfile);
hljs.registerLanguage('http', http);
hljs.registerLanguage('protobuf', protobuf);

/** Highlighting is linear but not free; a huge block is shown plain rather than stalling the host. */
const MAX_HIGHLIGHT_LENGTH = 200_000;

/** The language named by a fence's info string: `ts`, `{.python}`, `{ .python }`, `python title="x.py"`. */
export function fenceLanguage(info: string): string {
  return (info.replace(/[{}]/g, ' ').trim().split(/\s+/)[0] ?? '').replace(/^\./, '').toLowerCase();
}

/**
 * highlight.js markup (escaped, `hljs-*` spans) for a known language, '' to let markdown-it escape
 * it plain. markdown-it passes the info string's first word and the rest separately.
 */
export function highlightCode(code: string, language: string, rest = ''): string {
  const name = fenceLanguage(`${language} ${rest}`);
  if (!name || code.length > MAX_HIGHLIGHT_LENGTH || !hljs.getLanguage(name)) {
    return '';
  }
  try {
    return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  } catch {
    return '';
  }
}
