/** A piece of a label as VS Code draws it: text, or a codicon by its id. */
export type LabelPart = { readonly text: string } | { readonly icon: string };

/**
 * A model of how VS Code draws a label that supports icons (`renderLabelWithIcons`,
 * vs/base/browser/ui/iconLabel/iconLabels.ts, unchanged in the VS Code 1.139 that code-server
 * ships): `$(name)` or `$(name~modifier)` becomes a codicon; with a backslash before it, the
 * backslash is dropped and the rest is drawn as text.
 */
export function renderLabelWithIcons(label: string): LabelPart[] {
  const parts: LabelPart[] = [];
  let textStart = 0;
  for (const match of label.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)) {
    if (match.index > textStart) {
      parts.push({ text: label.slice(textStart, match.index) });
    }
    const id = match[2] ?? '';
    parts.push(match[1] ? { text: `$(${id})` } : { icon: id });
    textStart = match.index + match[0].length;
  }
  if (textStart < label.length) {
    parts.push({ text: label.slice(textStart) });
  }
  return parts;
}

/** The codicons a label draws, in order. */
export function iconsOf(label: string): string[] {
  return renderLabelWithIcons(label).flatMap((part) => ('icon' in part ? [part.icon] : []));
}

/** The text a label draws, icons left out (what a reader sees besides the icons). */
export function visibleText(label: string): string {
  return renderLabelWithIcons(label)
    .map((part) => ('text' in part ? part.text : ''))
    .join('');
}

/** The label's text with each icon written as its `$(name)` source: what escaping must show. */
export function sourceText(label: string): string {
  return renderLabelWithIcons(label)
    .map((part) => ('text' in part ? part.text : `$(${part.icon})`))
    .join('');
}
