import * as path from 'node:path';
import { parse } from 'yaml';
import { isInsideFolder, type CatalogFileSystem } from '../catalog/catalogFileSystem';

export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';

export interface TechDocsSite {
  readonly siteName: string | undefined;
  /** Folder holding mkdocs.yml. */
  readonly root: string;
  readonly docsDir: string;
  readonly mkdocsFile: string | undefined;
}

export type TechDocsLookup = { readonly ok: true; readonly site: TechDocsSite } | { readonly ok: false; readonly reason: string };

/**
 * Resolves `backstage.io/techdocs-ref: dir:<path>` against the descriptor's folder, refusing
 * anything outside the workspace folder, and reads `site_name` and `docs_dir` from mkdocs.yml.
 */
export async function locateTechDocs(fs: CatalogFileSystem, descriptorFile: string, techdocsRef: string | undefined, workspaceRoot: string): Promise<TechDocsLookup> {
  if (!techdocsRef) {
    return { ok: false, reason: `no ${TECHDOCS_REF_ANNOTATION} annotation` };
  }
  if (!techdocsRef.startsWith('dir:')) {
    return { ok: false, reason: `${techdocsRef} is not a local docs folder (only dir: refs are read from the workspace)` };
  }
  const root = path.resolve(path.dirname(descriptorFile), techdocsRef.slice('dir:'.length).trim() || '.');
  if (!isInsideFolder(workspaceRoot, root)) {
    return { ok: false, reason: `${techdocsRef} points outside the workspace folder; refused` };
  }
  let mkdocsFile: string | undefined;
  let config: Record<string, unknown> = {};
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    const candidate = path.join(root, name);
    if ((await fs.stat(candidate))?.isFile) {
      mkdocsFile = candidate;
      try {
        // mkdocs.yml uses tags like !!python/name; unknown tags are tolerated, not executed.
        const parsed: unknown = parse(new TextDecoder().decode(await fs.readFile(candidate)), { logLevel: 'silent', maxAliasCount: 100 });
        config = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        config = {};
      }
      break;
    }
  }
  const docsDirSetting = typeof config['docs_dir'] === 'string' ? config['docs_dir'] : 'docs';
  const docsDir = path.resolve(root, docsDirSetting);
  if (!isInsideFolder(root, docsDir)) {
    return { ok: false, reason: `docs_dir ${docsDirSetting} leaves the docs folder; refused` };
  }
  if (!(await fs.stat(docsDir))?.isDirectory) {
    return { ok: false, reason: `no docs folder at ${docsDir}` };
  }
  return { ok: true, site: { siteName: typeof config['site_name'] === 'string' ? config['site_name'] : undefined, root, docsDir, mkdocsFile } };
}
