/**
 * A CODEOWNERS path pattern (gitignore syntax, as GitHub and GitLab read it) as a regular
 * expression over root-relative POSIX paths. Undefined for what neither host supports in
 * CODEOWNERS: character ranges (`[a-z]`); the caller skips such a line, as GitHub does.
 */
export function codeOwnersPatternToRegExp(rawPattern: string): RegExp | undefined {
  // `\#`, `\ ` and `\!` are escapes for characters that would otherwise start a comment or split the line.
  const pattern = unescapePattern(rawPattern);
  if (pattern === undefined || pattern.length === 0) {
    return undefined;
  }
  const directoryOnly = pattern.endsWith('/');
  const body = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  if (body.length === 0) {
    return /^/; // `/` alone: everything under the root.
  }
  // A slash at the start or in the middle anchors the pattern at the root; otherwise it matches at any depth.
  const anchored = pattern.startsWith('/') || body.includes('/');
  const segments = body.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // `**/` matches zero or more folders; a trailing `/**` everything inside.
      source += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    source += segmentSource(segment) + (last ? '' : '/');
  });
  const prefix = anchored ? '^' : '^(?:[^/]+/)*';
  // A file pattern also matches a folder of that name and everything in it; `name/` only folders.
  // GitHub: `docs/*` owns docs/a.md but not docs/build/b.md, so an anchored wildcard ends there.
  const lastSegment = segments[segments.length - 1] ?? '';
  const suffix = body.endsWith('**')
    ? ''
    : directoryOnly
      ? '/'
      : anchored && /[*?]/.test(lastSegment)
        ? '$'
        : '(?:/|$)';
  return new RegExp(`${prefix}${source}${suffix}`);
}

function segmentSource(segment: string): string {
  let source = '';
  for (const char of segment) {
    if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|\\[\]]/g, '\\$&');
    }
  }
  return source;
}

/** The pattern with escapes resolved; undefined when it uses a character range or an escaped wildcard. */
function unescapePattern(pattern: string): string | undefined {
  let result = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next !== undefined) {
        if (next === '*' || next === '?') {
          return undefined; // A literal wildcard: too rare to be worth a second escaping scheme.
        }
        result += next;
        index++;
      }
    } else if (char === '[') {
      return undefined;
    } else {
      result += char;
    }
  }
  return result;
}
