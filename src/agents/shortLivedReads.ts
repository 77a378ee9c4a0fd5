import type { CatalogFileSystem } from '../catalog';

/** Long enough for a burst of tool calls, short enough that a file changed behind the editor's back is seen soon. */
const DEFAULT_TTL_MS = 5_000;
const MAX_ENTRIES = 256;

interface Remembered<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/**
 * A file system whose stat and readFile answers are reused for a few seconds (and until
 * `clear`). For the few files every call of a tool reads (CODEOWNERS in its three places): each
 * fs call is a thread-pool round trip, which on a busy machine costs more than the tool itself.
 */
export class ShortLivedReads {
  private readonly stats = new Map<string, Remembered<Awaited<ReturnType<CatalogFileSystem['stat']>>>>();
  private readonly contents = new Map<string, Remembered<Uint8Array>>();
  readonly fs: CatalogFileSystem;

  constructor(
    inner: CatalogFileSystem,
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.fs = {
      stat: (filePath) => this.remember(this.stats, filePath, () => inner.stat(filePath)),
      readFile: (filePath) => this.remember(this.contents, filePath, () => inner.readFile(filePath)),
      readDirectory: (directoryPath) => inner.readDirectory(directoryPath),
      realPath: (filePath) => inner.realPath(filePath),
    };
  }

  clear(): void {
    this.stats.clear();
    this.contents.clear();
  }

  private remember<T>(map: Map<string, Remembered<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const time = this.now();
    const known = map.get(key);
    if (known && time - known.at < this.ttlMs) {
      return known.value;
    }
    if (map.size >= MAX_ENTRIES) {
      map.clear();
    }
    const value = read();
    map.set(key, { at: time, value });
    // A failed read is not remembered: the next call tries again.
    value.catch(() => map.delete(key));
    return value;
  }
}
