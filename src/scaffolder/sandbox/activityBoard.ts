/**
 * What a template run is doing right now ("rendering \"skeleton/x.txt\" in step \"fetch\""),
 * written by the worker into shared memory with no message per file, and read by the host when
 * it has to stop the worker (out of memory, out of time) so the error can say where.
 */
const CAPACITY = 2048;
const HEADER = 4;

export function createActivityBoard(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + CAPACITY);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function writeActivity(board: SharedArrayBuffer, activity: string): void {
  const bytes = new Uint8Array(board, HEADER, CAPACITY);
  const { written } = encoder.encodeInto(activity.length > CAPACITY / 3 ? `${activity.slice(0, CAPACITY / 3)}…` : activity, bytes);
  new Int32Array(board, 0, 1)[0] = written;
}

export function readActivity(board: SharedArrayBuffer): string | undefined {
  const length = new Int32Array(board, 0, 1)[0] ?? 0;
  // A copy: TextDecoder refuses views of shared memory.
  return length > 0 ? decoder.decode(new Uint8Array(board, HEADER, Math.min(length, CAPACITY)).slice()) : undefined;
}
