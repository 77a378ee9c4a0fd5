/**
 * Starred entities as stored (a list of refs in the editor's global state): parsed defensively,
 * since the stored value may come from an older version or be edited by hand.
 */
export const MAX_STARRED = 1000;

export function parseStarred(raw: unknown): string[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const refs = raw
    .filter((ref): ref is string => typeof ref === 'string' && ref.length > 0 && ref.length <= 512)
    .map((ref) => ref.toLowerCase());
  return [...new Set(refs)].slice(0, MAX_STARRED);
}

/** The list after starring or unstarring `ref`; the newest star comes first. */
export function toggleStarred(starred: readonly string[], ref: string, star: boolean): string[] {
  const key = ref.toLowerCase();
  const rest = starred.filter((entry) => entry !== key);
  return star ? [key, ...rest].slice(0, MAX_STARRED) : rest;
}
