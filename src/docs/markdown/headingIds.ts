import type MarkdownIt from 'markdown-it';
import { docsEnvOf } from './docsEnv';
import { inlineText } from './inlineText';

/** Gives every heading a stable GitHub-style id and records it in the page's table of contents. */
export function headingIdsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.push('docs_heading_ids', (state) => {
    const env = docsEnvOf(state.env);
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') {
        return;
      }
      const text = inlineText(state.tokens[index + 1]);
      const id = env.slugs.unique(text);
      const level = Number(token.tag.slice(1));
      token.attrSet('id', id);
      env.toc.push({ level, text, id });
      if (level === 1 && env.title === undefined && text) {
        env.title = text;
      }
    });
  });
}
