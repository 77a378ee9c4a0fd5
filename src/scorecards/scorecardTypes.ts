import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { CodeOwnersMatch } from '../catalog/codeOwners';
import type { CatalogRelation } from '../catalog/relations';
import type { SourceRange } from '../catalog/sourceRange';

export type CheckSeverity = 'error' | 'warning' | 'info';

export const CHECK_SEVERITIES: readonly CheckSeverity[] = ['error', 'warning', 'info'];

/** Where a check comes from: built into Greenroom, a workspace's checks file, or a plugin. */
export type CheckOrigin =
  | { readonly type: 'builtin' }
  | { readonly type: 'file'; readonly file: string; readonly range: SourceRange }
  | { readonly type: 'plugin'; readonly plugin: string };

/** An edit that makes a failing check pass, when the fix is an edit to the descriptor. */
export type CheckFix =
  /** Add an annotation (with a stub value) under metadata.annotations. */
  | { readonly type: 'annotation'; readonly key: string; readonly value: string }
  /** Set a field (path below the document root) to a value; `replace` when it has one already. */
  | { readonly type: 'field'; readonly path: readonly string[]; readonly value: string; readonly replace: boolean };

/** What a check says about one entity. */
export interface CheckOutcome {
  readonly passed: boolean;
  /** Why it failed (or passed), in one sentence. */
  readonly message: string;
  /** Field the finding is about (`['spec', 'owner']`); the diagnostic goes there, else on metadata.name. */
  readonly field?: readonly string[];
  readonly fix?: CheckFix;
}

/** What evaluation may look up besides the entity itself. */
export interface ScorecardContext {
  entity(ref: string): CatalogEntityRecord | undefined;
  /** The CODEOWNERS answer for the folder of a workspace descriptor; undefined without a file or a rule. */
  codeOwnersOfDescriptor(record: CatalogEntityRecord): CodeOwnersMatch | undefined;
  /** The user whose login annotation (`github.com/user-login`, …) is `login`, as a full ref. */
  userByLogin(login: string): string | undefined;
  /** The entity's outgoing relations as the catalog holds them (reverse ends included). */
  relationsOf(record: CatalogEntityRecord): readonly CatalogRelation[];
  /** The catalog refs a CODEOWNERS answer's owners stand for; the engine keeps them per answer. */
  codeOwnerRefsOf?(match: CodeOwnersMatch): readonly string[];
}

/** What a check depends on beyond the entity, so a change elsewhere re-evaluates only what it must. */
export interface CheckDependencies {
  /** The owner entity (Group/User) named by spec.owner. */
  readonly owner?: boolean;
  /** The workspace's CODEOWNERS file and the User entities its logins map to. */
  readonly codeOwners?: boolean;
  /** The entity's relations, which other entities' descriptors add to. */
  readonly relations?: boolean;
}

export interface ScorecardCheck {
  readonly id: string;
  readonly title: string;
  /** Markdown: why it matters and how to fix it. */
  readonly description: string;
  readonly severity: CheckSeverity;
  readonly origin: CheckOrigin;
  readonly dependencies?: CheckDependencies;
  /**
   * The only kinds (lower case) the check can apply to, when it knows: the engine indexes checks
   * by kind and does not ask appliesTo for others. A shortcut only; appliesTo still decides.
   */
  readonly kinds?: ReadonlySet<string>;
  /** Whether the check is about this entity at all; checks that do not apply do not count in the score. */
  appliesTo(record: CatalogEntityRecord, context: ScorecardContext): boolean;
  evaluate(record: CatalogEntityRecord, context: ScorecardContext): CheckOutcome;
}

/** One check's result for one entity. */
export interface CheckResult {
  readonly check: ScorecardCheck;
  readonly outcome: CheckOutcome;
}

/** An entity's scorecard: every applicable check's result, and the score they give. */
export interface EntityScorecard {
  readonly ref: string;
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly total: number;
}
