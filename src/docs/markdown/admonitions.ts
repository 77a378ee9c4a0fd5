import type MarkdownIt from 'markdown-it';

/**
 * MkDocs admonitions (`!!! note "Title"`) and pymdownx.details (`??? note`, `???+ note` open),
 * each followed by a body indented four spaces. The syntax follows Python-Markdown's own regex.
 */
const MARKER = /^(!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)(?: +"(.*?)")? *$/;

/** Material's types, aliases mapped to the type they are styled as (so the CSS stays small). */
const TYPE_ALIASES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  note: 'note',
  abstract: 'abstract',
  summary: 'abstract',
  tldr: 'abstract',
  info: 'info',
  todo: 'info',
  tip: 'tip',
  hint: 'tip',
  important: 'tip',
  success: 'success',
  check: 'success',
  done: 'success',
  question: 'question',
  help: 'question',
  faq: 'question',
  warning: 'warning',
  caution: 'warning',
  attention: 'warning',
  failure: 'failure',
  fail: 'failure',
  missing: 'failure',
  danger: 'danger',
  error: 'danger',
  bug: 'bug',
  example: 'example',
  quote: 'quote',
  cite: 'quote',
});

/** Classes the sanitizer lets through on admonition containers. */
export const ADMONITION_CLASSES: readonly string[] = ['admonition', ...new Set(Object.values(TYPE_ALIASES))];

type AdmonitionMeta = {
  readonly type: string;
  /** undefined: no title bar (`!!! note ""`). */
  readonly title: string | undefined;
  readonly collapsible: boolean;
  readonly open: boolean;
};

function isAdmonitionMeta(value: unknown): value is AdmonitionMeta {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function admonitionBlock(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const indent = state.sCount[startLine] ?? 0;
  if (indent - state.blkIndent >= 4) {
    return false;
  }
  const lineStart = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const match = MARKER.exec(state.src.slice(lineStart, state.eMarks[startLine]));
  if (!match) {
    return false;
  }
  if (silent) {
    return true;
  }
  const [, marker = '!!!', classes = 'note', quotedTitle] = match;
  const typeWord = classes.split(' ')[0]?.toLowerCase() ?? 'note';
  // The body is every following line indented four more columns; blank lines inside it count.
  let bodyEnd = startLine + 1;
  for (let line = startLine + 1; line < endLine; line++) {
    if (state.isEmpty(line)) {
      continue;
    }
    if ((state.sCount[line] ?? 0) - state.blkIndent < 4) {
      break;
    }
    bodyEnd = line + 1;
  }
  const meta: AdmonitionMeta = {
    type: TYPE_ALIASES[typeWord] ?? 'note',
    title: quotedTitle === undefined ? capitalize(typeWord) : quotedTitle || undefined,
    collapsible: marker.startsWith('???'),
    open: marker === '???+',
  };
  const tag = meta.collapsible ? 'details' : 'div';
  const open = state.push('admonition_open', tag, 1);
  open.meta = meta;
  open.block = true;
  open.map = [startLine, bodyEnd];

  const saved = { blkIndent: state.blkIndent, lineMax: state.lineMax };
  state.blkIndent += 4;
  state.lineMax = bodyEnd;
  state.md.block.tokenize(state, startLine + 1, bodyEnd);
  state.blkIndent = saved.blkIndent;
  state.lineMax = saved.lineMax;

  const close = state.push('admonition_close', tag, -1);
  close.block = true;
  state.line = bodyEnd;
  return true;
}

export function admonitionsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('fence', 'docs_admonition', admonitionBlock);
  md.renderer.rules['admonition_open'] = (tokens, index) => {
    const meta: unknown = tokens[index]?.meta;
    if (!isAdmonitionMeta(meta)) {
      return '<div class="admonition note">\n';
    }
    const classes = `admonition ${meta.type}`;
    const title = meta.title === undefined ? '' : md.utils.escapeHtml(meta.title);
    if (meta.collapsible) {
      return `<details class="${classes}"${meta.open ? ' open' : ''}>\n<summary class="admonition-title">${title || capitalize(meta.type)}</summary>\n`;
    }
    return `<div class="${classes}">\n${title ? `<p class="admonition-title">${title}</p>\n` : ''}`;
  };
  md.renderer.rules['admonition_close'] = (tokens, index) =>
    `</${tokens[index]?.tag === 'details' ? 'details' : 'div'}>\n`;
}
