/**
 * Commands receive a ref string (palette, links, hovers) or a tree node carrying one
 * (context menus); this reads either.
 */
export function entityRefArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') {
    return argument;
  }
  if (argument && typeof argument === 'object') {
    const candidate = argument as { ref?: unknown; group?: { ref?: unknown } };
    if (typeof candidate.ref === 'string') {
      return candidate.ref;
    }
    if (typeof candidate.group?.ref === 'string') {
      return candidate.group.ref;
    }
  }
  return undefined;
}
