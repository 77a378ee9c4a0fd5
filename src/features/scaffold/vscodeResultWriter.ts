import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ResultWriter } from '../../scaffolder';

/** Writes scaffolded files through VS Code's file system (so editors see them at once). */
export const vscodeResultWriter: ResultWriter = {
  async exists(filePath) {
    try {
      await fs.lstat(filePath);
      return true;
    } catch {
      return false;
    }
  },
  async mkdirp(folderPath) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(folderPath));
  },
  async writeFile(filePath, bytes, executable) {
    // A link at the destination is replaced, never written through.
    await fs.rm(filePath, { force: true });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(filePath), bytes);
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
