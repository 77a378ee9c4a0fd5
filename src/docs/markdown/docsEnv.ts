import { SlugRegistry } from './slugs';

export interface TocEntry {
  readonly level: number;
  readonly text: string;
  readonly id: string;
}

/** Per-render state shared by the docs markdown rules (markdown-it's `env`). */
export type DocsMarkdownEnv = {
  readonly toc: TocEntry[];
  readonly slugs: SlugRegistry;
  /** Text of the first level-1 heading. */
  title?: string;
};

export function newDocsEnv(): DocsMarkdownEnv {
  return { toc: [], slugs: new SlugRegistry() };
}

/** The docs state inside markdown-it's untyped `env`, created when a caller passed none. */
export function docsEnvOf(env: unknown): DocsMarkdownEnv {
  const holder = (env && typeof env === 'object' ? env : {}) as Partial<DocsMarkdownEnv> & Record<string, unknown>;
  if (!(holder.slugs instanceof SlugRegistry) || !Array.isArray(holder.toc)) {
    Object.assign(holder, newDocsEnv());
  }
  return holder as DocsMarkdownEnv;
}
