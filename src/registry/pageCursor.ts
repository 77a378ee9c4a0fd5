/** Longest tail searched for the cursor; a `pageInfo` further from the end is not where Backstage puts it. */
const MAX_TAIL = 4096;

/**
 * The next cursor of a by-query answer, read from the end of the text without parsing the
 * page. Backstage writes `pageInfo` last, so the next page can be requested while this one
 * is parsed and indexed. A guess: the caller checks it against the parsed page.
 */
export function nextCursorFromTail(text: string): string | undefined {
  const at = text.lastIndexOf('"pageInfo"');
  if (at < 0 || text.length - at > MAX_TAIL) {
    return undefined;
  }
  try {
    const tail = JSON.parse(`{${text.slice(at)}`) as { pageInfo?: { nextCursor?: unknown } | null } | null;
    const cursor = tail?.pageInfo?.nextCursor;
    return typeof cursor === 'string' && cursor.length > 0 ? cursor : undefined;
  } catch {
    return undefined;
  }
}
