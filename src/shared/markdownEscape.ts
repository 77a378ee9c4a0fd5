/**
 * The one Markdown escaper: text from a catalog file, a registry or a plugin shown in a hover or
 * tooltip (a VS Code MarkdownString with theme icons). CommonMark lets a backslash escape any
 * ASCII punctuation, so all of it is escaped: links, images, emphasis, HTML tags, entities and
 * tables are shown as the characters they are.
 *
 * VS Code finds `$(icon)` in the HTML after Markdown is rendered and leaves it as text only when
 * a backslash stands before it there, so `$(` becomes `\\\$\(`, which renders as `\$(`.
 */
const MARKDOWN_SYNTAX = /\$\(|[!-/:-@[-`{-~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SYNTAX, (match) => (match === '$(' ? '\\\\\\$\\(' : `\\${match}`));
}

/** VS Code turns `$(name)` into an icon even inside a code span, where no backslash escapes it. */
const ICON_SYNTAX = /\$\(/;

/**
 * Text in a code span, fenced by a backtick run longer than any inside it (CommonMark ends a
 * span only at a run of the same length). Text a code span cannot show literally — an `$(icon)`
 * or a line break — is given as escaped text instead.
 */
export function markdownCodeSpan(text: string): string {
  if (ICON_SYNTAX.test(text) || /[\r\n]/.test(text)) {
    return escapeMarkdown(text);
  }
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A space pads text that starts or ends with a backtick; CommonMark strips one from each side.
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}

/**
 * A URL as a Markdown link destination: percent-encoded so that no `(`, `)`, space or bracket
 * in it can end the link early and start new Markdown. Undefined when it cannot be encoded.
 */
export function markdownLinkDestination(url: string): string | undefined {
  try {
    return encodeURI(url).replace(/[()]/g, (character) => (character === '(' ? '%28' : '%29'));
  } catch {
    return undefined; // a lone surrogate: no link rather than a broken hover
  }
}
