/**
 * The one escaper for "text with icons": VS Code turns `$(name)` or `$(name~modifier)` into a
 * codicon in quick pick labels, descriptions and details, input box prompts and validation
 * messages, status bar text (progress titles land there too) and CodeLens titles. Text from a
 * catalog file, a registry, a template or a plugin goes through this before it joins such a
 * string, so it shows as the characters it is; Greenroom's own `$(icon)` prefixes stay icons.
 *
 * Same rule as VS Code's `escapeIcons` (vs/base/common/iconLabels.ts): a backslash before every
 * icon VS Code would render, none before one that already has its backslash. The name and
 * modifier patterns are VS Code's `ThemeIcon.iconNameExpression` and `iconModifierExpression`.
 */
const ICON = /(\\)?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

export function escapeCodicons(text: string): string {
  return text.replace(ICON, (icon, escaped: string | undefined) => (escaped ? icon : `\\${icon}`));
}
