import MarkdownIt from 'markdown-it';

/**
 * Renders hover Markdown the way VS Code treats it: CommonMark with raw HTML off, then
 * `$(name)` turned into icons in the rendered HTML unless its `$` was escaped.
 */
export function renderHoverMarkdown(markdown: string): { html: string; icons: string[]; text: string } {
  const html = new MarkdownIt({ html: false, linkify: false }).render(markdown);
  const icons = [...html.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)]
    .filter((match) => !match[1])
    .map((match) => match[2] ?? '');
  // VS Code's icon pass drops the backslash of an escaped `\$(name)` and shows the rest as text.
  const text = html
    .replace(/\\(\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return { html, icons, text };
}
