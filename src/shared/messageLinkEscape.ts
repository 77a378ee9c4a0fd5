import { escapeCodicons } from './codiconEscape';

/**
 * The one escaper for "message text with links". VS Code reads `[label](command:…)`,
 * `[label](https://…)` and `[label](file:…)` as clickable links, opened with commands allowed, in
 * notification messages (progress notifications too: `title: message`) and in input box prompts
 * and validation messages (`parseLinkedText`, vs/base/common/linkedText.ts). Text a catalog file,
 * template, registry, setting or error wrote goes through this before it joins such a message,
 * so it reads the same and links nowhere. Modal dialogs, titles and placeholders parse no links.
 *
 * Every link VS Code finds contains `](` (`\[([^\]]+)\]\((?:https?:\/\/|command:|file:)…\)`), so a
 * WORD JOINER (U+2060) goes after every `]`, and before a `(` that starts the text: escaped text
 * holds no `](`, and cannot form one with the text it is joined to. After every `]`, not only
 * before a `(`, because VS Code strips `$(icon)`s from progress text before it looks for links, so
 * `]$(x)(command:…)` would become a link. U+2060 draws nothing, breaks no line (unlike U+200B)
 * and is not whitespace to `trim()` (unlike U+FEFF), which VS Code applies to notifications.
 */
const JOINER = '\u2060';
const BARE_CLOSE = /\](?!\u2060)/g;

export function escapeMessageLinks(text: string): string {
  const escaped = text.replace(BARE_CLOSE, `]${JOINER}`);
  return escaped.startsWith('(') ? `${JOINER}${escaped}` : escaped;
}

/**
 * For input box prompts and validation messages, and progress titles and messages: VS Code finds
 * links there and draws `$(icon)`s in the text around them (the status bar, where progress shows
 * when its notification is hidden, draws icons).
 */
export function escapeMessageLinksAndIcons(text: string): string {
  return escapeCodicons(escapeMessageLinks(text));
}
