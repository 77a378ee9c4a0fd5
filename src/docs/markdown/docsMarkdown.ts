import MarkdownIt from 'markdown-it';
import { admonitionsPlugin } from './admonitions';
import { headingIdsPlugin } from './headingIds';
import { highlightCode } from './highlightCode';
import { tableAlignmentPlugin } from './tableAlignment';
import { taskListsPlugin } from './taskLists';

/** The markdown-it set-up for docs pages: MkDocs-flavoured, raw HTML allowed (sanitized afterwards). */
export function createDocsMarkdown(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, highlight: highlightCode });
  // Every link becomes a token so the link policy (not markdown-it's deny-list) decides about it;
  // a refused `javascript:` link then loses its target instead of showing up as literal text.
  md.validateLink = () => true;
  md.use(admonitionsPlugin).use(headingIdsPlugin).use(taskListsPlugin).use(tableAlignmentPlugin);
  return md;
}

let shared: MarkdownIt.MarkdownIt | undefined;

/** One instance for the process: the rules keep their per-render state in `env`. */
export function docsMarkdown(): MarkdownIt.MarkdownIt {
  shared ??= createDocsMarkdown();
  return shared;
}
