import type MarkdownIt from 'markdown-it';

/** The plain text of an inline token: text, code spans and image alt texts, breaks as spaces. */
export function inlineText(token: MarkdownIt.Token | undefined): string {
  let text = '';
  for (const child of token?.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') {
      text += child.content;
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      text += ' ';
    } else if (child.type === 'image') {
      text += inlineText(child);
    }
  }
  return text.trim();
}
