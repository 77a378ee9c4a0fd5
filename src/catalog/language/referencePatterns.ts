import { LinearPattern } from './linearMatcher';
import { UnsupportedPatternError } from './patternSyntax';

/** A user-configured way to spot refs in any file, e.g. CODEOWNERS' `@larkspur/team-a`. */
export interface ReferencePattern {
  /** A regular expression; its first capture group (or the whole match) is the ref text. */
  readonly pattern: string;
  /** Kind assumed when the captured text has none. */
  readonly kind?: string;
}

/** A configured pattern that is not run, and why (shown to the user once). */
export interface RejectedReferencePattern {
  readonly pattern: string;
  readonly reason: string;
}

export type CompiledPattern =
  { readonly ok: true; readonly matcher: LinearPattern } | { readonly ok: false; readonly reason: string };

// Settings hold a handful of patterns; the cache only avoids re-parsing them on every hover.
const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 64;

/**
 * Compiles a pattern for the linear-time matcher. Patterns come from workspace settings, which an
 * untrusted repository may write, so they never reach a backtracking engine: constructs only a
 * backtracking engine can run (backreferences, lookarounds) are refused with a reason.
 */
export function compileReferencePattern(source: string): CompiledPattern {
  const cached = cache.get(source);
  if (cached) {
    return cached;
  }
  let compiled: CompiledPattern;
  try {
    compiled = { ok: true, matcher: LinearPattern.compile(source) };
  } catch (error) {
    const reason =
      error instanceof UnsupportedPatternError
        ? `it uses ${error.message}, which Greenroom does not run`
        : `it is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
    compiled = { ok: false, reason };
  }
  if (cache.size >= CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(source, compiled);
  return compiled;
}

/** The configured patterns that will be skipped, each with the reason. */
export function rejectedReferencePatterns(patterns: readonly ReferencePattern[]): RejectedReferencePattern[] {
  const rejected: RejectedReferencePattern[] = [];
  for (const { pattern } of patterns) {
    const compiled = compileReferencePattern(pattern);
    if (!compiled.ok) {
      rejected.push({ pattern, reason: compiled.reason });
    }
  }
  return rejected;
}
