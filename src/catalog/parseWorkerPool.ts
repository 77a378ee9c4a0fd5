import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EntityOrigin } from './catalogEntity';
import { nodeCatalogFileSystem, type FileStat } from './catalogFileSystem';
import { listFolder, type DiscoveryOptions, type FolderListing } from './discovery';
import { decodeParsedFile, type EncodedCatalogFile } from './parsedFileCodec';
import { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
import { readCatalogFile, type ReadCatalogFile } from './readCatalogFile';

/**
 * A folder's catalog files with what a stat of each gave (undefined: it could not be
 * stat'ed), and every file only when asked for (60,000 paths cost tens of milliseconds to
 * receive, and only glob Location targets need them).
 */
export interface StampedListing extends Omit<FolderListing, 'files'> {
  readonly files?: readonly string[];
  readonly stats: readonly (FileStat | undefined)[];
}

/**
 * Catalog files a listing found so far (plain files only, see `listFolder`), told before the
 * listing ends; `stats[i]` is a stat of `files[i]` when the lister took one.
 */
export type FoundCatalogFiles = (files: readonly string[], stats?: readonly (FileStat | undefined)[]) => void;

/**
 * Where a workspace catalog's files are listed and parsed: on this thread, or in worker
 * threads. Whatever runs it, the results are those of `listFolder`, `readCatalogFile` and
 * `parseCatalogFile` on this thread.
 */
export interface CatalogParser {
  /**
   * `listFolder` of the real file system, with a stat of every catalog file; all files with
   * `allFiles`; with `onFound`, the catalog files found so far while it lists.
   */
  list(
    root: string,
    options: DiscoveryOptions,
    allFiles?: boolean,
    onFound?: FoundCatalogFiles,
  ): Promise<StampedListing>;
  /** Reads and parses each file, reporting each result (and when it was read) as it comes. */
  parseMany(
    root: string,
    files: readonly string[],
    maxFileSizeBytes: number,
    onResult: (position: number, result: ReadCatalogFile, readAt: number) => void,
  ): Promise<void>;
  parseFile(root: string, file: string, maxFileSizeBytes: number): Promise<{ result: ReadCatalogFile; readAt: number }>;
  /** Parses unsaved text (the caller has applied the size limit). */
  parseText(root: string, file: string, text: string): Promise<ParsedCatalogFile>;
  /** A full load ended: threads kept for it may go (a load parses in several `parseMany` calls). */
  endLoad?(): void;
}

/** One file's answer from a worker: stamp and read time, and the encoded parse (null: parse it here). */
export type WorkerFileResult = readonly [
  mtimeMs: number | null,
  size: number | null,
  readAt: number,
  encoded: EncodedCatalogFile | null,
];

export type WorkerRequest =
  | {
      readonly id: number;
      readonly type: 'list';
      readonly root: string;
      readonly allFiles: boolean;
      /** Send the catalog files found so far (`partial` responses) while listing. */
      readonly stream?: boolean;
      readonly catalogGlobs?: readonly string[];
      readonly exclude?: readonly string[];
    }
  | {
      readonly id: number;
      readonly type: 'parse';
      readonly root: string;
      readonly maxFileSizeBytes: number;
      readonly files: readonly string[];
    }
  | {
      readonly id: number;
      readonly type: 'parseText';
      readonly root: string;
      readonly file: string;
      readonly text: string;
    }
  | { readonly id: number; readonly type: 'warmUp' };

/**
 * `result` is JSON: a listing with stats, `WorkerFileResult[]`, or an encoded parse (or null).
 * `partial` (before the result, streamed listings only): the catalog files found so far, with stats.
 */
export type WorkerResponse =
  | { readonly id: number; readonly result: string }
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly partial: string };

/** The one answer a request ends with. */
type FinalResponse = Exclude<WorkerResponse, { readonly partial: string }>;

/** A stat as a worker sends it (null: no such file). */
export type EncodedStat = [mtimeMs: number, size: number, isFile: boolean, isDirectory: boolean] | null;

function decodeStat(stat: EncodedStat): FileStat | undefined {
  return stat ? { mtimeMs: stat[0], size: stat[1], isFile: stat[2], isDirectory: stat[3] } : undefined;
}

export interface ParseWorkerPoolOptions {
  /** The bundled worker entry (`dist/catalogWorker.js`; `catalogWorker.ts` compiled). */
  readonly script: string;
  /** Worker threads for full loads; default: the available cores but one, 1 to 4. One stays for single files. */
  readonly workers?: number;
  /** Files per message of a full load. */
  readonly batchSize?: number;
}

const FILES_PER_EXTRA_WORKER = 500;

/**
 * One worker per core but one, at most 4: the core left is the extension host's (and the
 * editor's). Measured on 2 cores, a second worker made a full load slower, not faster, and let
 * the host thread wait up to 100 ms for a core.
 */
export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

/** What this thread does when no worker can: the same functions, on the real file system. */
export const inProcessParser: CatalogParser = {
  async list(root, options, _allFiles, onFound) {
    // All files come along: this thread has them anyway.
    const listing = await listFolder(
      nodeCatalogFileSystem,
      root,
      options,
      onFound ? { onCatalogFile: (file) => onFound([file]) } : {},
    );
    const stats = await Promise.all(listing.catalogFiles.map((file) => nodeCatalogFileSystem.stat(file)));
    return { ...listing, stats };
  },
  async parseMany(root, files, maxFileSizeBytes, onResult) {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < files.length) {
        const position = next++;
        const readAt = Date.now();
        onResult(
          position,
          await readCatalogFile(
            nodeCatalogFileSystem,
            files[position] as string,
            workspaceOrigin(root),
            maxFileSizeBytes,
          ),
          readAt,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, files.length) }, lane));
  },
  async parseFile(root, file, maxFileSizeBytes) {
    const readAt = Date.now();
    return {
      result: await readCatalogFile(nodeCatalogFileSystem, file, workspaceOrigin(root), maxFileSizeBytes),
      readAt,
    };
  },
  parseText(root, file, text) {
    return parseCatalogFile(file, text, workspaceOrigin(root));
  },
};

function workspaceOrigin(root: string): EntityOrigin {
  return { type: 'workspace', folder: root };
}

interface PoolWorker {
  readonly worker: Worker;
  /** Requests not answered yet. */
  readonly requests: Set<number>;
  /** Those someone waits for: while there are any, the worker keeps the process alive. */
  readonly pending: Set<number>;
}

/**
 * Worker threads that list, read, parse and validate catalog files, so the extension host's
 * thread only indexes: it never blocks on Backstage's schema compilation (a few hundred
 * milliseconds the first time) or on thousands of reads. Answers come back encoded
 * (`parsedFileCodec`) and decode to exactly what this thread would have produced. Full loads
 * use every worker; afterwards one stays for single files. Whatever a worker cannot do (no
 * worker script, a crash, a value JSON cannot carry) is done on this thread instead: the
 * result is the same, only the work lands here.
 */
export class ParseWorkerPool implements CatalogParser {
  private workers: PoolWorker[] = [];
  private broken = false;
  private nextId = 0;
  private readonly listeners = new Map<number, (response: FinalResponse | Error) => void>();
  /** Streamed listings: what to do with each `partial` response before the result. */
  private readonly partials = new Map<number, (partial: string) => void>();

  /** Starts the first worker right away: it loads while this thread does other work. */
  constructor(private readonly options: ParseWorkerPoolOptions) {
    this.ensureWorkers(1);
  }

  /** False once workers failed (or the script is missing): everything runs on this thread. */
  get usable(): boolean {
    return !this.broken && existsSync(this.options.script);
  }

  /** Starts the first worker and has it compile the schemas now, so the first edit is quick. */
  warmUp(): void {
    const first = this.ensureWorkers(1)[0];
    if (first) {
      // Not awaited by anyone: it must not keep a process (the CLI) alive.
      this.request(first, { id: this.nextId++, type: 'warmUp' }, false).catch(() => undefined);
    }
  }

  async list(
    root: string,
    options: DiscoveryOptions,
    allFiles = false,
    onFound?: FoundCatalogFiles,
  ): Promise<StampedListing> {
    const worker = this.ensureWorkers(1)[0];
    if (worker) {
      const id = this.nextId++;
      // Files already told: a listing redone here after a worker failed tells only the others.
      const told = new Set<string>();
      if (onFound) {
        this.partials.set(id, (partial) => {
          const found = JSON.parse(partial) as { catalogFiles: string[]; stats: EncodedStat[] };
          found.catalogFiles.forEach((file) => told.add(file));
          onFound(found.catalogFiles, found.stats.map(decodeStat));
        });
      }
      try {
        const request: WorkerRequest = {
          id,
          type: 'list',
          root,
          allFiles,
          ...(onFound ? { stream: true } : {}),
          ...(options.catalogGlobs ? { catalogGlobs: [...options.catalogGlobs] } : {}),
          ...(options.exclude ? { exclude: [...options.exclude] } : {}),
        };
        const answer = JSON.parse(await this.request(worker, request)) as Pick<
          FolderListing,
          'catalogFiles' | 'links' | 'refusedLinks'
        > &
          Partial<Pick<FolderListing, 'files'>> & { stats: EncodedStat[] };
        const stats = answer.stats.map(decodeStat);
        return {
          root,
          ...(answer.files ? { files: answer.files } : {}),
          catalogFiles: answer.catalogFiles,
          links: answer.links,
          refusedLinks: answer.refusedLinks,
          stats,
        };
      } catch {
        // listed here instead
        if (onFound) {
          return inProcessParser.list(root, options, allFiles, (files, stats) => {
            const fresh = files.filter((file) => !told.has(file));
            if (fresh.length > 0) {
              onFound(fresh, stats && fresh.length === files.length ? stats : undefined);
            }
          });
        }
      } finally {
        this.partials.delete(id);
      }
    }
    return inProcessParser.list(root, options, allFiles, onFound);
  }

  async parseMany(
    root: string,
    files: readonly string[],
    maxFileSizeBytes: number,
    onResult: (position: number, result: ReadCatalogFile, readAt: number) => void,
  ): Promise<void> {
    // More workers only for many files: each costs a few hundred milliseconds to start.
    const workers = this.ensureWorkers(
      Math.min(this.options.workers ?? defaultWorkerCount(), Math.ceil(files.length / FILES_PER_EXTRA_WORKER)),
    );
    const leftovers: number[] = [];
    let next = 0;
    if (workers.length > 0) {
      const batchSize = Math.max(1, this.options.batchSize ?? 48);
      // Two batches per worker in flight: a worker never waits for this thread between batches.
      const feed = async (poolWorker: PoolWorker): Promise<void> => {
        while (next < files.length && !this.broken) {
          const start = next;
          next = Math.min(files.length, start + batchSize);
          const positions = Array.from({ length: next - start }, (_unused, offset) => start + offset);
          let answers: WorkerFileResult[];
          try {
            const request: WorkerRequest = {
              id: this.nextId++,
              type: 'parse',
              root,
              maxFileSizeBytes,
              files: positions.map((position) => files[position] as string),
            };
            answers = JSON.parse(await this.request(poolWorker, request)) as WorkerFileResult[];
          } catch {
            leftovers.push(...positions);
            continue;
          }
          for (const [offset, position] of positions.entries()) {
            const answer = answers[offset];
            const decoded = answer ? decodeAnswer(files[position] as string, answer, workspaceOrigin(root)) : undefined;
            if (decoded && answer) {
              onResult(position, decoded, answer[2]);
            } else {
              leftovers.push(position);
            }
          }
        }
      };
      await Promise.all(workers.flatMap((worker) => [feed(worker), feed(worker)]));
    }
    // Files no worker answered for, and those never sent (no workers, or they broke).
    for (let position = next; position < files.length; position++) {
      leftovers.push(position);
    }
    const remaining = leftovers.sort((a, b) => a - b);
    if (remaining.length > 0) {
      await inProcessParser.parseMany(
        root,
        remaining.map((position) => files[position] as string),
        maxFileSizeBytes,
        (offset, result, readAt) => onResult(remaining[offset] as number, result, readAt),
      );
    }
  }

  async parseFile(
    root: string,
    file: string,
    maxFileSizeBytes: number,
  ): Promise<{ result: ReadCatalogFile; readAt: number }> {
    const worker = this.ensureWorkers(1)[0];
    if (worker) {
      try {
        const answers = JSON.parse(
          await this.request(worker, { id: this.nextId++, type: 'parse', root, maxFileSizeBytes, files: [file] }),
        ) as WorkerFileResult[];
        const answer = answers[0];
        const decoded = answer ? decodeAnswer(file, answer, workspaceOrigin(root)) : undefined;
        if (decoded && answer) {
          return { result: decoded, readAt: answer[2] };
        }
      } catch {
        // parsed here instead
      }
    }
    return inProcessParser.parseFile(root, file, maxFileSizeBytes);
  }

  async parseText(root: string, file: string, text: string): Promise<ParsedCatalogFile> {
    const worker = this.ensureWorkers(1)[0];
    if (worker) {
      try {
        const encoded = JSON.parse(
          await this.request(worker, { id: this.nextId++, type: 'parseText', root, file, text }),
        ) as EncodedCatalogFile | null;
        if (encoded) {
          return decodeParsedFile(file, encoded, workspaceOrigin(root));
        }
      } catch {
        // parsed here instead
      }
    }
    return inProcessParser.parseText(root, file, text);
  }

  /** Stops all workers; the next request starts one again. */
  dispose(): void {
    for (const { worker } of this.workers) {
      worker.removeAllListeners();
      void worker.terminate();
    }
    this.workers = [];
    for (const listener of [...this.listeners.values()]) {
      listener(new Error('worker pool disposed'));
    }
    this.listeners.clear();
    this.partials.clear();
  }

  /** After a full load only the first worker stays, for single files. */
  endLoad(): void {
    for (const { worker } of this.workers.splice(1)) {
      worker.removeAllListeners();
      void worker.terminate();
    }
  }

  private request(poolWorker: PoolWorker, request: WorkerRequest, keepAlive = true): Promise<string> {
    return new Promise((resolve, reject) => {
      if (keepAlive) {
        if (poolWorker.pending.size === 0) {
          // Awaited work keeps the process alive; an idle worker must not (the CLI exits when done).
          poolWorker.worker.ref();
        }
        poolWorker.pending.add(request.id);
      }
      poolWorker.requests.add(request.id);
      this.listeners.set(request.id, (response) => {
        this.listeners.delete(request.id);
        poolWorker.requests.delete(request.id);
        if (poolWorker.pending.delete(request.id) && poolWorker.pending.size === 0) {
          poolWorker.worker.unref();
        }
        if (response instanceof Error) {
          reject(response);
        } else if ('error' in response) {
          reject(new Error(response.error));
        } else {
          resolve(response.result);
        }
      });
      poolWorker.worker.postMessage(request);
    });
  }

  private ensureWorkers(count: number): PoolWorker[] {
    if (this.broken) {
      return [];
    }
    if (this.workers.length === 0 && !existsSync(this.options.script)) {
      this.broken = true;
      return [];
    }
    try {
      while (this.workers.length < count) {
        const worker = new Worker(this.options.script);
        const poolWorker: PoolWorker = { worker, requests: new Set(), pending: new Set() };
        worker.on('message', (message: WorkerResponse) => {
          if ('partial' in message) {
            this.partials.get(message.id)?.(message.partial);
          } else {
            this.listeners.get(message.id)?.(message);
          }
        });
        const fail = (error: Error): void => {
          // A worker that fails once is not trusted again: everything moves to this thread.
          this.broken = true;
          for (const id of [...poolWorker.requests]) {
            this.listeners.get(id)?.(error);
          }
        };
        worker.on('error', fail);
        worker.on('exit', (code) => fail(new Error(`parse worker exited (${code})`)));
        worker.unref();
        this.workers.push(poolWorker);
      }
    } catch {
      this.broken = true;
      this.dispose();
      return [];
    }
    return this.workers.slice(0, count);
  }
}

function decodeAnswer(file: string, answer: WorkerFileResult, origin: EntityOrigin): ReadCatalogFile | undefined {
  const [mtimeMs, size, , encoded] = answer;
  if (!encoded) {
    return undefined;
  }
  try {
    const parsed = decodeParsedFile(file, encoded, origin);
    return mtimeMs === null || size === null ? { parsed } : { parsed, stamp: { mtimeMs, size } };
  } catch {
    return undefined;
  }
}
