/**
 * Finding Backstage descriptors that the catalog globs miss, and the globs that would take them
 * in. Pure (no editor API) so it is unit-tested; the command around it is chooseCatalogFiles.ts.
 */

/** How much of a file is read to tell a descriptor: apiVersion and kind sit at the top. */
export const DESCRIPTOR_SNIFF_BYTES = 4096;

const BACKSTAGE_API_VERSION = /^apiVersion:\s*["']?backstage\.io\//m;
const KIND = /^kind:\s*["']?[A-Za-z]/m;

/** Whether the start of a YAML file looks like a Backstage descriptor (apiVersion backstage.io/…, a kind). */
export function looksLikeDescriptor(head: string): boolean {
  return BACKSTAGE_API_VERSION.test(head) && KIND.test(head);
}

/** A glob to add, with the files it takes in. */
export interface GlobSuggestion {
  readonly glob: string;
  readonly files: readonly string[];
}

/**
 * One `**\/NAME` glob per file name among the descriptors not already matched, most files first,
 * then by name. Paths are workspace-relative with forward slashes.
 */
export function suggestGlobs(
  descriptors: readonly string[],
  alreadyMatched: (file: string) => boolean,
): GlobSuggestion[] {
  const byName = new Map<string, string[]>();
  for (const file of descriptors) {
    if (alreadyMatched(file)) {
      continue;
    }
    const name = file.slice(file.lastIndexOf('/') + 1);
    const files = byName.get(name);
    if (files) {
      files.push(file);
    } else {
      byName.set(name, [file]);
    }
  }
  return [...byName]
    .map(([name, files]) => ({ glob: `**/${escapeGlob(name)}`, files: [...files].sort() }))
    .sort((a, b) => b.files.length - a.files.length || (a.glob < b.glob ? -1 : a.glob > b.glob ? 1 : 0));
}

/** The glob characters in a file name are matched literally. */
function escapeGlob(name: string): string {
  return name.replace(/[*?[\]{}()!\\]/g, (character) => `[${character}]`);
}

/** The setting's new value: what was there, then the chosen globs not yet in it. */
export function withGlobs(current: readonly string[], added: readonly string[]): string[] {
  const result = [...current];
  for (const glob of added) {
    if (!result.includes(glob)) {
      result.push(glob);
    }
  }
  return result;
}
