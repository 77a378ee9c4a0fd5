import { promises as fs } from 'node:fs';
import type { ResultWriter } from './writeResult';

/** `ResultWriter` on node's fs, for the CLI and tests. */
export const nodeResultWriter: ResultWriter = {
  async exists(filePath) {
    try {
      await fs.lstat(filePath);
      return true;
    } catch {
      return false;
    }
  },
  async mkdirp(folderPath) {
    await fs.mkdir(folderPath, { recursive: true });
  },
  async writeFile(filePath, bytes, executable) {
    // A link at the path is replaced, not written through: its target may be anywhere.
    const existing = await fs.lstat(filePath).catch(() => undefined);
    if (existing?.isSymbolicLink()) {
      await fs.unlink(filePath);
    }
    await fs.writeFile(filePath, bytes, { mode: executable ? 0o755 : 0o644 });
    if (executable) {
      await fs.chmod(filePath, 0o755);
    }
  },
  async realPath(filePath) {
    try {
      return await fs.realpath(filePath);
    } catch {
      return undefined;
    }
  },
};
