import type { SourceRange } from './sourceRange';

export type ProblemSeverity = 'error' | 'warning' | 'info';

/** Stable machine-readable codes, so quick fixes and tests do not match on message text. */
export type ProblemCode =
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'yaml-alias-limit'
  | 'not-an-object'
  | 'invalid-entity'
  | 'unknown-kind'
  | 'invalid-ref'
  | 'dangling-ref'
  | 'duplicate-entity'
  | 'location-escape'
  | 'location-cycle'
  | 'location-missing'
  | 'location-invalid'
  | 'location-refused'
  | 'link-outside'
  | 'file-unreadable'
  | 'file-too-large'
  | 'app-config'
  | 'kind-not-allowed'
  | 'location-dropped'
  | 'placeholder-file-location';

export interface CatalogProblem {
  /** Absolute path (or URL for remote files) of the file the problem is in. */
  readonly file: string;
  readonly range: SourceRange;
  readonly severity: ProblemSeverity;
  readonly code: ProblemCode;
  readonly message: string;
  /** The entity the problem belongs to, when there is one. */
  readonly entityRef?: string;
}
