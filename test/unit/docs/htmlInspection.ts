/** What a test needs to know about sanitized HTML: its tags and their (entity-decoded) attributes. */
export interface HtmlTag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(
      /&(quot|apos|lt|gt|colon|tab|newline|amp);/gi,
      (_, name: string) =>
        ({ quot: '"', apos: "'", lt: '<', gt: '>', colon: ':', tab: '\t', newline: '\n', amp: '&' })[
          name.toLowerCase()
        ] ?? '',
    );
}

/** Every opening tag, in order. Lenient about quoting so that it also sees what a browser would. */
export function openingTags(html: string): HtmlTag[] {
  return [...html.matchAll(TAG)].map((match) => {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set(
        (attribute[1] ?? '').toLowerCase(),
        decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''),
      );
    }
    return { name: (match[1] ?? '').toLowerCase(), attributes };
  });
}

/** The HTML with attribute values blanked, so that text in a harmless value cannot look like markup. */
export function withoutAttributeValues(html: string): string {
  return html.replace(/="[^"]*"/g, '=""');
}
