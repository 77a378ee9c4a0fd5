import { docsMarkdown } from './markdown/docsMarkdown';
import { newDocsEnv } from './markdown/docsEnv';
import { inlineText } from './markdown/inlineText';

export interface MarkdownText {
  /** Text of the first level-1 heading. */
  readonly title: string | undefined;
  /** Everything a reader sees, as plain text with collapsed whitespace (for search). */
  readonly text: string;
}

/** Plain text of a markdown page: parsed the same way it is rendered, markup and raw HTML tags removed. */
export function markdownText(markdown: string): MarkdownText {
  const env = newDocsEnv();
  const parts: string[] = [];
  for (const token of docsMarkdown().parse(markdown, env)) {
    if (token.type === 'inline') {
      parts.push(inlineText(token));
    } else if (token.type === 'fence' || token.type === 'code_block') {
      parts.push(token.content);
    } else if (token.type === 'html_block') {
      parts.push(token.content.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '));
    } else if (token.type === 'admonition_open' && typeof token.meta?.['title'] === 'string') {
      parts.push(token.meta['title']);
    }
  }
  return { title: env.title, text: parts.join('\n').replace(/\s+/g, ' ').trim() };
}
