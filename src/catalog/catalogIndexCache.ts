import { promises as fs } from 'node:fs';
import { removeStaleTemporaries, writeFileAtomically } from './atomicFile';
import type { EntityOrigin } from './catalogEntity';
import { decodeParsedFile, encodeParsedFile, type EncodedCatalogFile } from './parsedFileCodec';
import type { ParsedCatalogFile } from './parseCatalogFile';
import type { FileStamp } from './readCatalogFile';
import { TimeSlicer } from './timeSlicer';

export const INDEX_CACHE_FORMAT = 'greenroom-index-cache';
/** Bump when the file layout changes. */
export const INDEX_CACHE_VERSION = 2;
/** Bump when parsing would produce different records, problems or ranges for the same text. */
export const PARSER_VERSION = 2;

/**
 * A file modified this soon after (or before) it was read may change again within the same
 * mtime tick (coarse file systems have 1–2 s), invisibly to mtime + size: such a parse is
 * never reused. Git calls these entries "racily clean".
 */
const RACY_WINDOW_MS = 2_000;

export type IndexCacheStatus = 'loaded' | 'missing' | 'discarded' | 'memory';

export interface CatalogIndexCacheOptions {
  /**
   * Anything else the cached parses depend on, e.g. the extension's version: a cache written
   * under another fingerprint is discarded.
   */
  readonly fingerprint?: string;
}

interface CacheEntry {
  readonly root: string;
  readonly stamp: FileStamp;
  /** When the file was read; a stamp too close to it is not trusted. */
  readonly readAt: number;
  /** Decoded (or freshly parsed) result, shared with the index. */
  parsed?: ParsedCatalogFile;
  /** Still-encoded JSON from disk, decoded on first use. */
  encoded?: Buffer | undefined;
}

interface CacheHeader {
  readonly format: string;
  readonly version: number;
  readonly fingerprint: string;
  readonly entries: number;
}

function trusted(entry: { readonly stamp: FileStamp; readonly readAt: number }): boolean {
  return Math.abs(entry.readAt - entry.stamp.mtimeMs) > RACY_WINDOW_MS;
}

/**
 * What the catalog knew about each file the last time it was parsed: the parse result, keyed
 * by path and checked against the file's mtime + size, kept in memory and persisted to one
 * file (e.g. in VS Code's workspace storage) so the next start re-parses only what changed.
 *
 * On disk: a header line (format, version, fingerprint, entry count), then one line per file,
 * `[path, mtimeMs, size, root, readAt]<TAB>{encoded parse}`. Written atomically (temp file,
 * fsync, rename). A missing, corrupt, truncated or older cache is discarded and rebuilt; a
 * single undecodable entry is just a miss. Pure node: no editor API.
 */
export class CatalogIndexCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly fingerprint: string;
  private currentStatus: IndexCacheStatus;
  private discardReason: string | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  /** Whether memory differs from the file: a warm start that changed nothing writes nothing. */
  private dirty = true;

  /** A cache in memory only, unless `file` is given (then `save` writes it there). */
  constructor(
    readonly file?: string,
    options: CatalogIndexCacheOptions = {},
  ) {
    this.fingerprint = `${INDEX_CACHE_VERSION}/${PARSER_VERSION}/${options.fingerprint ?? ''}`;
    this.currentStatus = 'memory';
  }

  /** Reads a persisted cache; anything unusable leaves it empty, with the reason in `status`/`reason`. */
  static async load(file: string, options: CatalogIndexCacheOptions = {}): Promise<CatalogIndexCache> {
    const cache = new CatalogIndexCache(file, options);
    await cache.loadFromDisk();
    return cache;
  }

  /**
   * Replaces what is in memory with the persisted cache (see `load`); lets a cache already
   * handed to a workspace be filled while other start-up work runs.
   */
  async loadFromDisk(): Promise<void> {
    this.entries.clear();
    this.discardReason = undefined;
    if (this.file) {
      await this.read();
    }
    this.dirty = this.currentStatus !== 'loaded';
  }

  /** Whether `save` would write something the file does not already hold. */
  get hasChanges(): boolean {
    return this.dirty;
  }

  get status(): IndexCacheStatus {
    return this.currentStatus;
  }

  /** Why a persisted cache was discarded. */
  get reason(): string | undefined {
    return this.discardReason;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The parse of `file` (under workspace folder `root`) if it was made from the same version of
   * the file: same mtime and size, not racily clean. Undecodable entries are dropped.
   */
  lookup(root: string, file: string, stamp: FileStamp): ParsedCatalogFile | undefined {
    const entry = this.entries.get(file);
    if (
      !entry ||
      entry.root !== root ||
      entry.stamp.mtimeMs !== stamp.mtimeMs ||
      entry.stamp.size !== stamp.size ||
      !trusted(entry)
    ) {
      return undefined;
    }
    return this.decode(file, entry);
  }

  /**
   * Decodes the persisted entries of `root` ahead of their lookups, in time slices: a load does
   * this while the folder is being listed elsewhere, so the lookups that follow are just checks.
   */
  async decodeAhead(root: string, slicer = new TimeSlicer()): Promise<void> {
    for (const [file, entry] of [...this.entries]) {
      if (entry.encoded && entry.root === root && trusted(entry)) {
        this.decode(file, entry);
        await slicer.maybeYield();
      }
    }
  }

  /**
   * Hands each trusted parse of `root`'s files to `visit` as it is decoded, in path order: what
   * a load can show before it has listed the folder (the load then checks each against the disk).
   */
  async visitParses(
    root: string,
    visit: (parsed: ParsedCatalogFile) => void,
    slicer = new TimeSlicer(),
  ): Promise<void> {
    for (const [file, entry] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (entry.root === root && trusted(entry)) {
        const parsed = this.decode(file, entry);
        if (parsed) {
          visit(parsed);
        }
        await slicer.maybeYield();
      }
    }
  }

  private decode(file: string, entry: CacheEntry): ParsedCatalogFile | undefined {
    if (!entry.parsed && entry.encoded) {
      try {
        entry.parsed = decodeParsedFile(file, JSON.parse(entry.encoded.toString('utf8')) as EncodedCatalogFile, {
          type: 'workspace',
          folder: entry.root,
        } satisfies EntityOrigin);
      } catch {
        this.entries.delete(file);
        this.dirty = true;
        return undefined;
      }
      entry.encoded = undefined;
    }
    return entry.parsed;
  }

  /** Records a parse made from disk (`readAt`: when the file was read, default now). */
  remember(root: string, file: string, stamp: FileStamp, parsed: ParsedCatalogFile, readAt = Date.now()): void {
    this.entries.set(file, { root, stamp, readAt, parsed });
    this.dirty = true;
  }

  /** The file changed, was deleted, or is being indexed from unsaved text: its parse is not the disk's. */
  forget(file: string): void {
    if (this.entries.delete(file)) {
      this.dirty = true;
    }
  }

  /** Keeps only the entries `keep` accepts (e.g. files still in the catalog). */
  retain(keep: (file: string) => boolean): void {
    for (const file of [...this.entries.keys()]) {
      if (!keep(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
  }

  clear(): void {
    if (this.entries.size > 0) {
      this.dirty = true;
    }
    this.entries.clear();
  }

  /**
   * Writes the cache file atomically; saves never overlap (a second call waits for the first).
   * Encoding is time-sliced so the caller's event loop keeps turning. Returns what was written.
   */
  save(): Promise<{ entries: number; bytes: number }> {
    const write = async (): Promise<{ entries: number; bytes: number }> => {
      // Cleared first: a change made while writing marks the cache dirty again.
      this.dirty = false;
      try {
        return await this.write();
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    };
    const run = this.saving.then(write, write);
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async write(): Promise<{ entries: number; bytes: number }> {
    const file = this.file;
    if (!file) {
      return { entries: 0, bytes: 0 };
    }
    const slicer = new TimeSlicer();
    const chunks: Buffer[] = [];
    let entries = 0;
    let bytes = 0;
    for (const [filePath, entry] of [...this.entries]) {
      await slicer.maybeYield();
      if (!trusted(entry)) {
        continue;
      }
      let body: Buffer | undefined = entry.encoded;
      if (!body && entry.parsed) {
        const encoded = encodeParsedFile(entry.parsed);
        body = encoded ? Buffer.from(JSON.stringify(encoded), 'utf8') : undefined;
      }
      if (!body) {
        continue;
      }
      const head = Buffer.from(
        `${JSON.stringify([filePath, entry.stamp.mtimeMs, entry.stamp.size, entry.root, entry.readAt])}\t`,
        'utf8',
      );
      chunks.push(head, body, NEWLINE);
      bytes += head.length + body.length + 1;
      entries++;
    }
    const header: CacheHeader = {
      format: INDEX_CACHE_FORMAT,
      version: INDEX_CACHE_VERSION,
      fingerprint: this.fingerprint,
      entries,
    };
    const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
    await writeFileAtomically(file, async (handle) => {
      await handle.write(headerLine);
      // Large writes in pieces: one multi-megabyte buffer would be copied in one go.
      for (let start = 0; start < chunks.length; start += 512) {
        await handle.writev(chunks.slice(start, start + 512));
      }
    });
    return { entries, bytes: bytes + headerLine.length };
  }

  private discard(reason: string): void {
    this.entries.clear();
    this.dirty = true;
    this.currentStatus = 'discarded';
    this.discardReason = reason;
  }

  private async read(): Promise<void> {
    const file = this.file as string;
    await removeStaleTemporaries(file);
    let content: Buffer;
    try {
      content = await fs.readFile(file);
    } catch {
      this.currentStatus = 'missing';
      return;
    }
    const slicer = new TimeSlicer();
    const headerEnd = content.indexOf(NEWLINE_BYTE);
    let header: Partial<CacheHeader> | null;
    try {
      header = JSON.parse(
        content.toString('utf8', 0, headerEnd < 0 ? content.length : headerEnd),
      ) as Partial<CacheHeader> | null;
    } catch {
      this.discard('header is not valid JSON (not a Greenroom index cache, or corrupt)');
      return;
    }
    if (!header || typeof header !== 'object' || header.format !== INDEX_CACHE_FORMAT) {
      this.discard('not a Greenroom index cache');
      return;
    }
    if (header.version !== INDEX_CACHE_VERSION || header.fingerprint !== this.fingerprint) {
      this.discard(
        `written by another version (${String(header.version)}, ${String(header.fingerprint)}; expected ${this.fingerprint})`,
      );
      return;
    }
    let start = headerEnd + 1;
    let lines = 0;
    while (headerEnd >= 0 && start < content.length) {
      await slicer.maybeYield();
      const end = content.indexOf(NEWLINE_BYTE, start);
      if (end < 0) {
        break; // an unterminated last line: truncated
      }
      lines++;
      const tab = content.indexOf(TAB_BYTE, start);
      if (tab > start && tab < end) {
        try {
          const [filePath, mtimeMs, size, root, readAt] = JSON.parse(content.toString('utf8', start, tab)) as unknown[];
          if (
            typeof filePath === 'string' &&
            typeof mtimeMs === 'number' &&
            typeof size === 'number' &&
            typeof root === 'string' &&
            typeof readAt === 'number'
          ) {
            this.entries.set(filePath, {
              root,
              stamp: { mtimeMs, size },
              readAt,
              encoded: content.subarray(tab + 1, end),
            });
          }
        } catch {
          // one bad line is one miss
        }
      }
      start = end + 1;
    }
    if (lines !== header.entries) {
      this.discard(`truncated: ${lines} of ${String(header.entries)} entries`);
      return;
    }
    this.currentStatus = 'loaded';
  }
}

const NEWLINE_BYTE = 0x0a;
const TAB_BYTE = 0x09;
const NEWLINE = Buffer.from('\n');
