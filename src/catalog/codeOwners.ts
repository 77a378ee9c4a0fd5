import * as path from 'node:path';
import type { CatalogFileSystem } from './catalogFileSystem';
import { codeOwnersPatternToRegExp } from './codeOwnersPattern';

/** Where GitHub and GitLab look for CODEOWNERS; the first that exists is the one they use. */
const CODEOWNERS_PLACES = ['.github/CODEOWNERS', '.gitlab/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** GitHub ignores a CODEOWNERS file over 3 MB. */
const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

/** One section's answer for a file (GitLab files can have several). */
export interface CodeOwnersSectionMatch {
  /** The section name as written; empty for rules above the first section (and for GitHub files). */
  readonly section: string;
  readonly optional: boolean;
  readonly line: number;
  readonly pattern: string;
  readonly owners: readonly string[];
}

export interface CodeOwnersMatch {
  /** The CODEOWNERS file, relative to the root (`.github/CODEOWNERS`). */
  readonly file: string;
  /** Line (1-based) and pattern of the last matching rule. */
  readonly line: number;
  readonly pattern: string;
  /** Every owner the file has, across the sections that own it, each once. */
  readonly owners: readonly string[];
  /** Per section, for GitLab files only (GitHub files have one unnamed section, so their answer is the above). */
  readonly sections?: readonly CodeOwnersSectionMatch[];
}

interface CodeOwnersRule {
  readonly line: number;
  readonly pattern: string;
  readonly expression: RegExp;
  /** GitLab exclusion (`!path`): files it matches have no owner in this section. */
  readonly excluded: boolean;
  /** Owners as written; empty means the section's default owners (GitLab) or "no owner" (GitHub). */
  readonly owners: readonly string[];
}

interface CodeOwnersSection {
  readonly name: string;
  readonly optional: boolean;
  readonly defaultOwners: readonly string[];
  readonly rules: CodeOwnersRule[];
}

export interface SkippedCodeOwnersLine {
  readonly line: number;
  readonly reason: string;
}

export interface CodeOwnersFile {
  readonly file: string;
  readonly format: 'github' | 'gitlab';
  readonly sections: readonly CodeOwnersSection[];
  /** Lines the hosts ignore too (negation on GitHub, character ranges), with why. */
  readonly skipped: readonly SkippedCodeOwnersLine[];
}

/** `[Name]`, `^[Name]`, `[Name][2]`, then default owners; the name may hold spaces. */
const SECTION_HEADER = /^(\^)?\[([^\]]+)\](?:\[\d+\])?(.*)$/;

/** Splits a line on unescaped whitespace and drops a comment (`#` starting a token). */
function tokens(text: string): string[] {
  const result: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '\\' && index + 1 < text.length) {
      current += char + (text[index + 1] ?? '');
      index++;
    } else if (char === ' ' || char === '\t') {
      if (current) {
        result.push(current);
      }
      current = '';
    } else if (char === '#' && current === '') {
      break;
    } else {
      current += char;
    }
  }
  if (current) {
    result.push(current);
  }
  return result;
}

/**
 * Reads a CODEOWNERS file in GitHub's or GitLab's format. GitLab's is recognised by its
 * `[Section]` headers; GitHub would read such a line as a pattern with a character range,
 * which it does not support.
 */
export function parseCodeOwners(file: string, text: string): CodeOwnersFile {
  const lines = text.split(/\r?\n/);
  const gitlab = lines.some((line) => SECTION_HEADER.test(line.trim()));
  const sections: CodeOwnersSection[] = [{ name: '', optional: false, defaultOwners: [], rules: [] }];
  // GitLab merges sections that repeat a name (case-insensitively).
  const sectionsByName = new Map<string, CodeOwnersSection>();
  const skipped: SkippedCodeOwnersLine[] = [];
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      return;
    }
    const header = gitlab ? SECTION_HEADER.exec(trimmed) : null;
    if (header) {
      const name = (header[2] ?? '').trim();
      const key = name.toLowerCase();
      const defaults = tokens(header[3] ?? '');
      const existing = sectionsByName.get(key);
      if (existing) {
        sections.push(existing);
        return;
      }
      const section: CodeOwnersSection = { name, optional: header[1] === '^', defaultOwners: defaults, rules: [] };
      sectionsByName.set(key, section);
      sections.push(section);
      return;
    }
    const [pattern, ...owners] = tokens(trimmed);
    if (!pattern) {
      return;
    }
    const excluded = pattern.startsWith('!');
    if (excluded && !gitlab) {
      skipped.push({ line, reason: 'GitHub does not support negated patterns (!); the line is ignored' });
      return;
    }
    const expression = codeOwnersPatternToRegExp(excluded ? pattern.slice(1) : pattern);
    if (!expression) {
      skipped.push({
        line,
        reason: `unsupported pattern ${pattern} (character ranges and escaped wildcards are not supported); the line is ignored`,
      });
      return;
    }
    const section = sections[sections.length - 1] as CodeOwnersSection;
    section.rules.push({ line, pattern, expression, excluded, owners });
  });
  const used = [...new Set(sections)].filter((section) => section.rules.length > 0);
  return { file, format: gitlab ? 'gitlab' : 'github', sections: used, skipped };
}

function sectionMatch(section: CodeOwnersSection, relative: string): CodeOwnersSectionMatch | undefined {
  let last: CodeOwnersRule | undefined;
  for (const rule of section.rules) {
    if (rule.expression.test(relative)) {
      if (rule.excluded) {
        return undefined; // GitLab: an exclusion wins over every pattern of its section.
      }
      if (!last || rule.line > last.line) {
        last = rule;
      }
    }
  }
  if (!last) {
    return undefined;
  }
  const owners = last.owners.length > 0 ? last.owners : section.defaultOwners;
  return { section: section.name, optional: section.optional, line: last.line, pattern: last.pattern, owners };
}

/**
 * Who owns a root-relative POSIX path: within a section the last matching rule wins (GitHub's
 * only rule); across GitLab sections the owners add up.
 */
export function matchCodeOwners(codeOwners: CodeOwnersFile, relativePath: string): CodeOwnersMatch | undefined {
  const sections = codeOwners.sections.flatMap((section) => sectionMatch(section, relativePath) ?? []);
  if (sections.length === 0) {
    return undefined;
  }
  const last = sections.reduce((latest, candidate) => (candidate.line > latest.line ? candidate : latest));
  const owners = [...new Set(sections.flatMap((section) => section.owners))];
  return {
    file: codeOwners.file,
    line: last.line,
    pattern: last.pattern,
    owners,
    ...(codeOwners.format === 'gitlab' ? { sections } : {}),
  };
}

/** The CODEOWNERS file of a root, parsed; undefined when there is none (or it is over GitHub's size limit). */
export async function loadCodeOwners(fs: CatalogFileSystem, root: string): Promise<CodeOwnersFile | undefined> {
  for (const place of CODEOWNERS_PLACES) {
    const candidate = path.join(root, place);
    const stat = await fs.stat(candidate);
    if (!stat?.isFile) {
      continue;
    }
    if (stat.size > MAX_CODEOWNERS_BYTES) {
      return undefined;
    }
    return parseCodeOwners(place, new TextDecoder().decode(await fs.readFile(candidate)));
  }
  return undefined;
}

/** Root-relative POSIX path of a file, as CODEOWNERS patterns see it. */
export function codeOwnersPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The owners CODEOWNERS gives a file (see matchCodeOwners). Undefined when there is no file or no rule matches. */
export async function codeOwnersOf(
  fs: CatalogFileSystem,
  root: string,
  file: string,
): Promise<CodeOwnersMatch | undefined> {
  const codeOwners = await loadCodeOwners(fs, root);
  return codeOwners ? matchCodeOwners(codeOwners, codeOwnersPath(root, file)) : undefined;
}
