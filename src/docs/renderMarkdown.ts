import { classifyHref, isSafeDataImage } from './hrefs';
import { docsMarkdown } from './markdown/docsMarkdown';
import { newDocsEnv, type TocEntry } from './markdown/docsEnv';
import { sanitizeDocsHtml, type LinkPolicy, type LinkTarget } from './markdown/sanitizeDocsHtml';

export type { LinkTarget, TocEntry };

export interface RenderMarkdownOptions {
  /** Where a link leads; undefined removes the link. Default: http(s)/mailto kept, anchors on this page, nothing else. */
  readonly resolveLink?: (href: string) => LinkTarget | undefined;
  /** The src to load an image from; undefined shows its alt text. Default: inline raster data: images only. */
  readonly resolveImage?: (src: string) => string | undefined;
}

export interface RenderedMarkdown {
  /** Sanitized HTML, safe to put into a webview. */
  readonly html: string;
  readonly toc: readonly TocEntry[];
  /** Text of the first level-1 heading. */
  readonly title: string | undefined;
}

/** Keeps safe external links and same-page anchors; relative links need a caller who knows the docs folder. */
export function defaultResolveLink(href: string): LinkTarget | undefined {
  const kind = classifyHref(href);
  if (kind.kind === 'external') {
    return { kind: 'external', url: kind.url };
  }
  return kind.kind === 'anchor' ? { kind: 'page', path: '', anchor: kind.anchor } : undefined;
}

export function defaultResolveImage(src: string): string | undefined {
  return isSafeDataImage(src) ? src.trim() : undefined;
}

/**
 * Markdown (MkDocs flavour: admonitions, details, task lists, tables, highlighted code) to sanitized
 * HTML, with GitHub-style heading ids and the table of contents they make.
 */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): RenderedMarkdown {
  const env = newDocsEnv();
  const rawHtml = docsMarkdown().render(markdown, env);
  const policy: LinkPolicy = {
    resolveLink: options.resolveLink ?? defaultResolveLink,
    resolveImage: options.resolveImage ?? defaultResolveImage,
  };
  return { html: sanitizeDocsHtml(rawHtml, policy), toc: env.toc, title: env.title };
}
