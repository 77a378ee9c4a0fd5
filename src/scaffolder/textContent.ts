/** How far into a file to look for a NUL byte, as git and isbinaryfile do. */
const BINARY_SNIFF_BYTES = 8000;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a file, or undefined for binary content (a NUL byte near the start, or bytes that
 * are not UTF-8): binary files are copied as they are, never rendered.
 */
export function textOf(content: Uint8Array): string | undefined {
  if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return undefined;
  }
  try {
    return strictUtf8.decode(content);
  } catch {
    return undefined;
  }
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
