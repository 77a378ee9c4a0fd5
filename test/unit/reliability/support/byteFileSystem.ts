import * as path from 'node:path';
import type { FileStat } from '../../../../src/catalog';
import { MemoryFileSystem } from '../../support/memoryFileSystem';

/**
 * The in-memory file system of the unit tests, plus files given as raw bytes (binary files,
 * Latin-1, UTF-16) that the text-only MemoryFileSystem cannot hold. Listing and links work as
 * in MemoryFileSystem; reads of byte files are logged in `reads` too.
 */
export class ByteFileSystem extends MemoryFileSystem {
  private readonly bytes = new Map<string, Uint8Array>();

  writeBytes(filePath: string, content: Uint8Array): void {
    const resolved = path.posix.resolve(filePath);
    // A placeholder text makes the file show up in folder listings.
    this.write(resolved, '');
    this.bytes.set(resolved, content);
  }

  override delete(filePath: string): void {
    this.bytes.delete(path.posix.resolve(filePath));
    super.delete(filePath);
  }

  override write(filePath: string, text: string): void {
    // Also called by the base constructor, before this class's fields exist.
    if (this.bytes) {
      this.bytes.delete(path.posix.resolve(filePath));
    }
    super.write(filePath, text);
  }

  override async readFile(filePath: string): Promise<Uint8Array> {
    const content = this.bytes.get(path.posix.resolve(filePath));
    if (content === undefined) {
      return super.readFile(filePath);
    }
    this.reads.push(filePath);
    return content;
  }

  override async stat(filePath: string): Promise<FileStat | undefined> {
    const content = this.bytes.get(path.posix.resolve(filePath));
    return content === undefined
      ? super.stat(filePath)
      : { isFile: true, isDirectory: false, size: content.byteLength, mtimeMs: 0 };
  }
}
