import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { nodeResultWriter, type ResultWriter } from '../../scaffolder';

/**
 * Writes scaffolded files through VS Code's file system, so open editors and watchers see them
 * at once; existence checks, link handling and real paths are node's, as in the CLI.
 */
export const vscodeResultWriter: ResultWriter = {
  exists: (filePath) => nodeResultWriter.exists(filePath),
  realPath: (filePath) => nodeResultWriter.realPath?.(filePath) ?? Promise.resolve(undefined),
  async mkdirp(folderPath) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(folderPath));
  },
  async writeFile(filePath, bytes, executable) {
    if (executable) {
      // vscode.workspace.fs cannot set the execute bit.
      await nodeResultWriter.writeFile(filePath, bytes, executable);
      return;
    }
    // A link at the destination is replaced, never written through.
    await fs.rm(filePath, { force: true });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(filePath), bytes);
  },
};
