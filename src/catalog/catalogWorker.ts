// Entry of the parse worker threads (bundled as dist/catalogWorker.js): lists folders and
// stats, reads, parses and validates catalog files for `ParseWorkerPool`, answering with
// JSON (a streamed listing also sends the catalog files found so far as it goes). A worker
// may block on the file system: its thread does nothing else.
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { CatalogFileSystem, FileStat } from './catalogFileSystem';
import { listFolder } from './discovery';
import type { EncodedStat, WorkerRequest, WorkerResponse } from './parseWorkerPool';

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

async function encodedStat(file: string): Promise<EncodedStat> {
  const stat = await syncFileSystem.stat(file);
  return stat ? [stat.mtimeMs, stat.size, stat.isFile, stat.isDirectory] : null;
}

/**
 * The first files go out after a few are found (the first rows), later ones in larger batches,
 * and none waits long where catalog files are far apart. What is found last is in the result.
 */
const FIRST_PARTIAL = 16;
const LARGEST_PARTIAL = 512;
const PARTIAL_WAIT_MS = 100;
/**
 * Parses of the files sent run between slices of a streamed listing: with long slices the
 * listing keeps most of the thread (it must end before the total is known and Locations are
 * indexed) and the parses still show rows as it goes. With the 8 ms of the editor's thread,
 * 48-file parse batches starved it: 5,000 folders took seconds to list.
 */
const STREAMED_LISTING_SLICE_MS = 50;

async function answer(request: WorkerRequest, partial: (result: string) => void): Promise<string> {
  if (request.type === 'list') {
    // Catalog files found so far, sent before the listing ends when asked (`stream`), with their stats.
    const streamed = new Map<string, EncodedStat>();
    let batch: string[] = [];
    let batchSize = FIRST_PARTIAL;
    let sentAt = performance.now();
    const flush = async (files: readonly string[]): Promise<void> => {
      const stats = await Promise.all(files.map(encodedStat));
      files.forEach((file, position) => streamed.set(file, stats[position] ?? null));
      partial(JSON.stringify({ catalogFiles: files, stats }));
    };
    let flushing: Promise<void> = Promise.resolve();
    const listing = await listFolder(
      syncFileSystem,
      request.root,
      {
        ...(request.catalogGlobs ? { catalogGlobs: request.catalogGlobs } : {}),
        ...(request.exclude ? { exclude: request.exclude } : {}),
      },
      request.stream
        ? {
            sliceMs: STREAMED_LISTING_SLICE_MS,
            onCatalogFile: (file) => {
              batch.push(file);
              if (batch.length >= batchSize || performance.now() - sentAt >= PARTIAL_WAIT_MS) {
                const files = batch;
                batch = [];
                sentAt = performance.now();
                batchSize = Math.min(LARGEST_PARTIAL, batchSize * 2);
                flushing = flushing.then(() => flush(files));
              }
            },
          }
        : {},
    );
    await flushing;
    const stats = await Promise.all(
      // A file sent already keeps the stat it was sent with (one that had none is stat'ed again).
      listing.catalogFiles.map(async (file) => streamed.get(file) ?? (await encodedStat(file))),
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
    const respond = (work: Promise<string>): Promise<void> =>
      work
        .then(
          (result): WorkerResponse => ({ id: request.id, result }),
          (error: unknown): WorkerResponse => ({
            id: request.id,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .then((response) => port.postMessage(response));
    const partial = (result: string): void => port.postMessage({ id: request.id, partial: result });
    if (request.type === 'list' && request.stream) {
      // A streamed listing runs beside the queue: it yields every few milliseconds
      // (listFolder's time slices), and the parses of the files it already sent run in between.
      void respond(answer(request, partial));
      return;
    }
    queue = queue.then(() => respond(answer(request, partial)));
  });
}
