/**
 * The one terminal escaper. Text printed by the CLI comes from catalog files, file names,
 * registries and templates; a terminal acts on control characters in it (ESC sequences rewrite
 * lines and set the window title, `\r` overwrites, bidi controls reverse what is read). Every
 * such character is shown as a visible escape instead: `\x1b` for C0 controls, `\u009b` for
 * DEL, C1 controls and bidi controls (a form that JSON reads as the same character).
 */
// C0 controls, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is this escaper's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A value shown on one line: every control character escaped, newlines and tabs too. */
export function terminalField(text: string): string {
  return text.replace(CONTROL, visibleEscape);
}

/** A block of lines: every control character escaped but the newlines and tabs that lay it out. */
export function terminalBlock(text: string): string {
  return text.replace(CONTROL, (character) =>
    character === '\n' || character === '\t' ? character : visibleEscape(character),
  );
}
