import { parse } from 'yaml';

export interface PageSource {
  /** The markdown without its front matter. */
  readonly body: string;
  /** `title:` from the front matter (MkDocs' page meta), which wins over the first heading. */
  readonly title: string | undefined;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Splits off YAML front matter (MkDocs meta) so it is not rendered as a rule and a paragraph. */
export function splitFrontMatter(markdown: string): PageSource {
  const text = markdown.replace(/^\uFEFF/, '');
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return { body: text, title: undefined };
  }
  let title: string | undefined;
  try {
    const meta: unknown = parse(match[1] ?? '', { logLevel: 'silent', maxAliasCount: 20 });
    const value = meta && typeof meta === 'object' ? (meta as Record<string, unknown>)['title'] : undefined;
    title = typeof value === 'string' && value.trim() ? value.trim() : undefined;
  } catch {
    // Not YAML after all: still not page content MkDocs would show.
  }
  return { body: text.slice(match[0].length), title };
}
