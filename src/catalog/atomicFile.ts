import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Writes a file so that a crash leaves the old or the new content, never half of one: a temp
 * file beside it (named after this process), fsync, rename. Used by every cache Greenroom keeps.
 */
export async function writeFileAtomically(file: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes temp files of `writeFileAtomically` calls whose process died mid-write; they are never read. */
export async function removeStaleTemporaries(file: string): Promise<void> {
  const folder = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(
      name.startsWith(prefix) && name.endsWith('.tmp') ? name.slice(prefix.length).split('.')[0] : NaN,
    );
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processIsAlive(pid)) {
      await fs.rm(path.join(folder, name), { force: true }).catch(() => undefined);
    }
  }
}
