/**
 * How a form value (a template parameter's default or answer) shows as text, in the palette's
 * input boxes and the form's fields alike. An object value, which no text field edits, shows
 * as JSON instead of "[object Object]".
 */
export function valueAsText(value: unknown): string {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.stringify(value) : String(value);
}

/** The text a one-line field starts with: empty when unset, a list's items separated by commas. */
export function lineFieldText(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  return Array.isArray(value)
    ? value.map((item: unknown) => (item === undefined || item === null ? '' : valueAsText(item))).join(', ')
    : valueAsText(value);
}
