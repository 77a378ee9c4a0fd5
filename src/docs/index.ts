// The docs core: TechDocs sites (mkdocs.yml, markdown pages, search) and API definition summaries.
// No vscode import here: the panels wrap this in the extension host.
export { listDocsPages, navFromPages, type DocsFolderListing } from './docsFolder';
export { docsImageSource, docsLinkTarget, type ImageSource } from './docsLinks';
export { DocsPathError, findDocsPage, normalizeDocsPath, resolveDocsFile, type DocsPageFile } from './docsPaths';
export { buildSearchIndex, search, type SearchHit, type SearchIndex } from './docsSearch';
export {
  DEFAULT_MAX_PAGE_BYTES,
  loadDocsSite,
  renderDocsPage,
  type DocsPageOptions,
  type DocsSiteContent,
  type RenderedDocsPage,
} from './docsSite';
export { markdownText, type MarkdownText } from './markdownText';
export { parseMkdocsConfig, titleFromFileName, type MkdocsConfig, type NavItem } from './mkdocsConfig';
export {
  summarizeOpenApi,
  type OpenApiSummary,
  type OperationSummary,
  type ParameterSummary,
  type RequestBodySummary,
  type ResponseSummary,
  type SchemaPropertySummary,
  type SchemaSummary,
} from './openApiSummary';
export {
  defaultResolveImage,
  defaultResolveLink,
  renderMarkdown,
  type LinkTarget,
  type RenderedMarkdown,
  type RenderMarkdownOptions,
  type TocEntry,
} from './renderMarkdown';
export { locateTechDocs, TECHDOCS_REF_ANNOTATION, type TechDocsLookup, type TechDocsSite } from './techdocsLocation';
