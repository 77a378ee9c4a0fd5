import type MarkdownIt from 'markdown-it';

/**
 * markdown-it aligns table cells with `style="text-align:…"`; the webview's CSP blocks inline
 * styles and the sanitizer drops them, so the alignment travels as a class instead.
 */
export function tableAlignmentPlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.push('docs_table_alignment', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') {
        continue;
      }
      const alignment = /text-align:\s*(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1];
      if (token.attrs) {
        token.attrs = token.attrs.filter(([name]) => name !== 'style');
      }
      if (alignment) {
        token.attrJoin('class', `align-${alignment}`);
      }
    }
  });
}
