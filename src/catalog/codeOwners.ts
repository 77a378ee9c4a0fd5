import * as path from 'node:path';
import type { CatalogFileSystem } from './catalogFileSystem';

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export interface CodeOwnersMatch {
  readonly file: string;
  readonly line: number;
  readonly pattern: string;
  readonly owners: readonly string[];
}

/** A gitignore-style CODEOWNERS pattern as a regular expression over root-relative POSIX paths. */
function patternToRegExp(pattern: string): RegExp | undefined {
  if (pattern.startsWith('!') || pattern.includes('[') || pattern.includes('\\')) {
    return undefined; // Not supported by GitHub either (negation, classes) or too rare to guess.
  }
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const directory = pattern.endsWith('/');
  const body = pattern.replace(/^\//, '').replace(/\/$/, '');
  let source = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index] ?? '';
    if (char === '*' && body[index + 1] === '*') {
      source += '.*';
      index++;
      if (body[index + 1] === '/') {
        index++;
        source += '/?';
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|]/g, '\\$&');
    }
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${source}${directory ? '/' : '(?:/|$)'}`);
}

/**
 * The last CODEOWNERS rule matching a file (GitHub's precedence), for simple patterns: paths,
 * `*`, `**`, `?`, trailing-slash folders. Undefined when there is no file or no rule matches.
 */
export async function codeOwnersOf(fs: CatalogFileSystem, root: string, file: string): Promise<CodeOwnersMatch | undefined> {
  const relative = path.relative(root, file).split(path.sep).join('/');
  for (const place of CODEOWNERS_PLACES) {
    const candidate = path.join(root, place);
    const stat = await fs.stat(candidate);
    if (!stat?.isFile || stat.size > MAX_CODEOWNERS_BYTES) {
      continue;
    }
    const lines = new TextDecoder().decode(await fs.readFile(candidate)).split(/\r?\n/);
    let match: CodeOwnersMatch | undefined;
    lines.forEach((text, index) => {
      const [pattern, ...owners] = text.replace(/(^|\s)#.*$/, '').trim().split(/\s+/);
      const expression = pattern ? patternToRegExp(pattern) : undefined;
      if (pattern && expression?.test(relative)) {
        match = { file: place, line: index + 1, pattern, owners };
      }
    });
    return match;
  }
  return undefined;
}
