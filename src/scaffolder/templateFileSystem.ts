import { promises as fs } from 'node:fs';
import { nodeCatalogFileSystem, type CatalogFileSystem } from '../catalog/catalogFileSystem';

/**
 * The catalog's read seam plus file modes, so `gradlew` or `scripts/*.sh` in a skeleton stay
 * executable. Optional: a file system without modes (in memory, virtual) just omits it.
 */
export interface TemplateFileSystem extends CatalogFileSystem {
  isExecutable?(filePath: string): Promise<boolean>;
}

export const nodeTemplateFileSystem: TemplateFileSystem = {
  ...nodeCatalogFileSystem,
  async isExecutable(filePath) {
    try {
      return ((await fs.stat(filePath)).mode & 0o111) !== 0;
    } catch {
      return false;
    }
  },
};
