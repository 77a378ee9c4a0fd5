/** Everything github-slugger removes: punctuation and symbols; letters, marks, digits, `-`, `_` and spaces stay. */
const NOT_SLUG_CHARACTER = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;

/** GitHub's heading anchor for a text: lower case, punctuation removed, each space a hyphen. */
export function slugify(text: string): string {
  return text.trim().toLowerCase().replace(NOT_SLUG_CHARACTER, '').replace(/ /g, '-');
}

/** Hands out unique slugs per page the way GitHub does: `a`, `a-1`, `a-2`, never reusing a taken one. */
export class SlugRegistry {
  private readonly occurrences = new Map<string, number>();

  unique(text: string): string {
    const base = slugify(text) || 'section';
    let slug = base;
    if (this.occurrences.has(slug)) {
      let count = this.occurrences.get(base) ?? 0;
      do {
        count++;
        slug = `${base}-${count}`;
      } while (this.occurrences.has(slug));
      this.occurrences.set(base, count);
    }
    this.occurrences.set(slug, 0);
    return slug;
  }
}
