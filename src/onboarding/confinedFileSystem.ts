import { isInsideFolder, type CatalogFileSystem } from '../catalog/catalogFileSystem';

/**
 * A file system that answers only for paths whose real path (links resolved) lies inside
 * `boundary`: the rest look missing. For code onboarding calls that reads files on its own
 * (CODEOWNERS), so a link in the repository cannot make it read outside the workspace.
 */
export function confinedFileSystem(fs: CatalogFileSystem, boundary: string): CatalogFileSystem {
  let realBoundary: Promise<string> | undefined;
  const inside = async (file: string): Promise<boolean> => {
    realBoundary ??= fs.realPath(boundary).then((real) => real ?? boundary);
    const real = await fs.realPath(file);
    return real !== undefined && isInsideFolder(await realBoundary, real);
  };
  const missing = (file: string): Error =>
    Object.assign(new Error(`ENOENT: outside the workspace or missing, '${file}'`), { code: 'ENOENT' });
  return {
    async readFile(file) {
      if (!(await inside(file))) {
        throw missing(file);
      }
      return fs.readFile(file);
    },
    async stat(file) {
      return (await inside(file)) ? fs.stat(file) : undefined;
    },
    async readDirectory(folder) {
      if (!(await inside(folder))) {
        throw missing(folder);
      }
      return fs.readDirectory(folder);
    },
    async realPath(file) {
      return (await inside(file)) ? fs.realPath(file) : undefined;
    },
  };
}
