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

export type TechDocsLookup =
  { readonly ok: true; readonly site: TechDocsSite } | { readonly ok: false; readonly reason: string };

/**
 * Whether `candidate` lies inside the workspace by real path; undefined when it does not exist.
 * The docs folder is the root every later page and image check is made against, so it (and
 * mkdocs.yml) must not be a link out: past this point, a link out of the workspace would look
 * like the inside of the docs folder.
 */
async function realInside(
  fs: CatalogFileSystem,
  realWorkspaceRoot: string,
  candidate: string,
): Promise<boolean | undefined> {
  const real = await fs.realPath(candidate);
  return real === undefined ? undefined : isInsideFolder(realWorkspaceRoot, real);
}

/**
 * Resolves `backstage.io/techdocs-ref: dir:<path>` against the descriptor's folder, refusing
 * anything outside the workspace folder, lexically or by real path (links resolved), and reads
 * `site_name` and `docs_dir` from mkdocs.yml.
 */
export async function locateTechDocs(
  fs: CatalogFileSystem,
  descriptorFile: string,
  techdocsRef: string | undefined,
  workspaceRoot: string,
): Promise<TechDocsLookup> {
  if (!techdocsRef) {
    return { ok: false, reason: `no ${TECHDOCS_REF_ANNOTATION} annotation` };
  }
  if (!techdocsRef.startsWith('dir:')) {
    return {
      ok: false,
      reason: `${techdocsRef} is not a local docs folder (only dir: refs are read from the workspace)`,
    };
  }
  const root = path.resolve(path.dirname(descriptorFile), techdocsRef.slice('dir:'.length).trim() || '.');
  if (!isInsideFolder(workspaceRoot, root)) {
    return { ok: false, reason: `${techdocsRef} points outside the workspace folder; refused` };
  }
  const realWorkspaceRoot = (await fs.realPath(workspaceRoot)) ?? workspaceRoot;
  if ((await realInside(fs, realWorkspaceRoot, root)) === false) {
    return { ok: false, reason: `${techdocsRef} links outside the workspace folder; refused` };
  }
  let mkdocsFile: string | undefined;
  let config: Record<string, unknown> = {};
  for (const name of ['mkdocs.yml', 'mkdocs.yaml']) {
    const candidate = path.join(root, name);
    if ((await fs.stat(candidate))?.isFile) {
      if ((await realInside(fs, realWorkspaceRoot, candidate)) === false) {
        return { ok: false, reason: `${name} links outside the workspace folder; refused` };
      }
      mkdocsFile = candidate;
      try {
        // mkdocs.yml uses tags like !!python/name; unknown tags are tolerated, not executed.
        const parsed: unknown = parse(new TextDecoder().decode(await fs.readFile(candidate)), {
          logLevel: 'silent',
          maxAliasCount: 100,
        });
        config =
          parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
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
  if ((await realInside(fs, realWorkspaceRoot, docsDir)) === false) {
    return { ok: false, reason: `the docs folder ${docsDirSetting} links outside the workspace folder; refused` };
  }
  return {
    ok: true,
    site: {
      siteName: typeof config['site_name'] === 'string' ? config['site_name'] : undefined,
      root,
      docsDir,
      mkdocsFile,
    },
  };
}
