// Entry of the parse worker threads (bundled as dist/catalogWorker.js): lists folders and
// stats, reads, parses and validates catalog files for `ParseWorkerPool`, answering with
// JSON. A worker may block on the file system: its thread does nothing else.
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { CatalogFileSystem, FileStat } from './catalogFileSystem';
import { listFolder } from './discovery';
import type { WorkerRequest, WorkerResponse } from './parseWorkerPool';

const toStat = (stats: fs.Stats): FileStat => ({
  isFile: stats.isFile(),
  isDirectory: stats.isDirectory(),
  size: stats.size,
  mtimeMs: stats.mtimeMs,
});

/** The node file system through synchronous calls: no promise or thread-pool round trip per file. */
/* eslint-disable @typescript-eslint/require-await -- synchronous on purpose; `async` turns a throw into the rejection CatalogFileSystem promises */
const syncFileSystem: CatalogFileSystem = {
  async readFile(filePath) {
    return fs.readFileSync(filePath);
  },
  async stat(filePath) {
    try {
      const stats = fs.statSync(filePath, { throwIfNoEntry: false });
      return stats ? toStat(stats) : undefined;
    } catch {
      return undefined;
    }
  },
  async readDirectory(directoryPath) {
    return fs.readdirSync(directoryPath, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      isFile: entry.isFile(),
      isDirectory: entry.isDirectory(),
      isSymbolicLink: entry.isSymbolicLink(),
    }));
  },
  async realPath(filePath) {
    try {
      return fs.realpathSync(filePath);
    } catch {
      return undefined;
    }
  },
  async readFileWithStat(filePath, maxBytes) {
    let fd: number;
    try {
      fd = fs.openSync(filePath, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
    try {
      const stat = toStat(fs.fstatSync(fd));
      if (!stat.isFile || stat.size > maxBytes) {
        return { stat };
      }
      const buffer = Buffer.allocUnsafe(stat.size);
      let filled = 0;
      while (filled < buffer.length) {
        const bytesRead = fs.readSync(fd, buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) {
          return { stat, bytes: buffer.subarray(0, filled) };
        }
        filled += bytesRead;
      }
      return { stat, bytes: buffer };
    } finally {
      fs.closeSync(fd);
    }
  },
};
/* eslint-enable @typescript-eslint/require-await */

/** Parsing, validation and encoding load on the first request that needs them: a listing starts at once. */
let parsing: Promise<typeof import('./catalogWorkerParsing.js')> | undefined;

async function answer(request: WorkerRequest): Promise<string> {
  if (request.type === 'list') {
    const listing = await listFolder(syncFileSystem, request.root, {
      ...(request.catalogGlobs ? { catalogGlobs: request.catalogGlobs } : {}),
      ...(request.exclude ? { exclude: request.exclude } : {}),
    });
    const stats = await Promise.all(
      listing.catalogFiles.map(async (file) => {
        const stat = await syncFileSystem.stat(file);
        return stat ? [stat.mtimeMs, stat.size, stat.isFile, stat.isDirectory] : null;
      }),
    );
    return JSON.stringify({
      ...(request.allFiles ? { files: listing.files } : {}),
      catalogFiles: listing.catalogFiles,
      links: listing.links,
      refusedLinks: listing.refusedLinks,
      stats,
    });
  }
  parsing ??= import('./catalogWorkerParsing.js');
  return (await parsing).answerParse(request, syncFileSystem);
}

const port = parentPort;
if (port) {
  // One request at a time, in order: the pool keeps the next one queued.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue
      .then(() => answer(request))
      .then(
        (result): WorkerResponse => ({ id: request.id, result }),
        (error: unknown): WorkerResponse => ({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((response) => port.postMessage(response));
  });
}
