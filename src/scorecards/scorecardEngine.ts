import * as path from 'node:path';
import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { codeOwnersPath, matchCodeOwners, type CodeOwnersFile, type CodeOwnersMatch } from '../catalog/codeOwners';
import { parseCanonicalRef } from '../catalog/entityRefs';
import { Emitter } from '../catalog/events';
import type { CatalogRelation } from '../catalog/relations';
import { codeOwnerRefs } from './builtinChecks';
import type { CheckResult, EntityScorecard, ScorecardCheck, ScorecardContext } from './scorecardTypes';

/** What the engine reads from the catalog: CatalogIndex has it all. */
export interface ScorecardCatalog {
  get(ref: string): CatalogEntityRecord | undefined;
  entities(): Iterable<CatalogEntityRecord>;
  byOwner(ownerRef: string): readonly CatalogEntityRecord[];
  byKind(kind: string): readonly CatalogEntityRecord[];
  relationsOf(ref: string): { readonly outgoing: readonly CatalogRelation[] };
}

/** Annotations that carry a user's login on a code host (set by Backstage's org providers). */
const LOGIN_ANNOTATIONS = ['github.com/user-login', 'gitlab.com/user-login', 'bitbucket.org/user-login'];

export interface ScorecardChange {
  /** Entities whose scorecard was computed again (it may be the same as before). */
  readonly evaluated: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Scorecards for every entity of a catalog, kept up to date one change at a time: an edit
 * re-evaluates the entities it touched, plus, when it touched a Group or User, the entities
 * that entity owns (ownership checks look at the owner), and everything under a CODEOWNERS
 * file when that file or the users its logins map to changed.
 */
export class ScorecardEngine {
  private readonly cards = new Map<string, EntityScorecard>();
  /** The record each scorecard was computed from, for what its relations pointed at before an edit. */
  private readonly evaluatedRecords = new Map<string, CatalogEntityRecord>();
  private checks: readonly ScorecardCheck[] = [];
  private readonly codeOwnersByRoot = new Map<string, CodeOwnersFile>();
  /** CODEOWNERS answers by descriptor folder: every entity of a folder gets the same one. */
  private readonly codeOwnersByFolder = new Map<string, CodeOwnersMatch | null>();
  /** The same answers by descriptor file, so most entities skip the folder arithmetic. */
  private readonly codeOwnersByFile = new Map<string, CodeOwnersMatch | null>();
  /** The last answer given and its descriptor file; cleared with the maps above. */
  private lastCodeOwnersFile: string | undefined;
  private lastCodeOwners: CodeOwnersMatch | null = null;
  /** The refs each CODEOWNERS answer's owners stand for; cleared when the logins change. */
  private codeOwnerRefs = new Map<CodeOwnersMatch, readonly string[]>();
  /** The checks that can apply to each kind (lower case), built on first need. */
  private checksByKind = new Map<string, readonly ScorecardCheck[]>();
  private logins: Map<string, string> | undefined;
  private readonly changeEmitter = new Emitter<ScorecardChange>();
  readonly onDidChange = this.changeEmitter.event;

  private readonly context: ScorecardContext = {
    entity: (ref) => this.catalog.get(ref),
    codeOwnersOfDescriptor: (record) => this.codeOwnersOf(record),
    userByLogin: (login) => this.loginMap().get(login.toLowerCase()),
    relationsOf: (record) => this.catalog.relationsOf(record.ref).outgoing,
    codeOwnerRefsOf: (match) => {
      let refs = this.codeOwnerRefs.get(match);
      if (refs === undefined) {
        refs = codeOwnerRefs(match, this.context);
        this.codeOwnerRefs.set(match, refs);
      }
      return refs;
    },
  };

  constructor(private readonly catalog: ScorecardCatalog) {}

  get activeChecks(): readonly ScorecardCheck[] {
    return this.checks;
  }

  /** Replaces the checks and evaluates everything again. */
  setChecks(checks: readonly ScorecardCheck[]): ScorecardChange {
    this.checks = checks;
    this.checksByKind = new Map();
    return this.evaluateAll();
  }

  /** The CODEOWNERS of a workspace folder (undefined: it has none); re-evaluates that folder's entities. */
  setCodeOwners(root: string, codeOwners: CodeOwnersFile | undefined): ScorecardChange {
    this.codeOwnersByFolder.clear();
    this.codeOwnersByFile.clear();
    this.lastCodeOwnersFile = undefined;
    this.codeOwnerRefs = new Map();
    if (codeOwners) {
      this.codeOwnersByRoot.set(root, codeOwners);
    } else {
      this.codeOwnersByRoot.delete(root);
    }
    const affected: CatalogEntityRecord[] = [];
    for (const record of this.catalog.entities()) {
      if (record.origin.type === 'workspace' && record.origin.folder === root) {
        affected.push(record);
      }
    }
    return this.evaluate(affected, []);
  }

  evaluateAll(): ScorecardChange {
    // Cards are replaced in place rather than the maps cleared and filled again (20,000 inserts
    // that grow them step by step); what the catalog no longer has is dropped after.
    const evaluated = this.evaluateRecords(this.catalog.entities());
    const removed: string[] = [];
    if (this.cards.size !== evaluated.length) {
      const current = new Set(evaluated);
      for (const ref of [...this.cards.keys()]) {
        if (!current.has(ref)) {
          this.cards.delete(ref);
          this.evaluatedRecords.delete(ref);
          removed.push(ref);
        }
      }
    }
    this.fire({ evaluated, removed: [] });
    return { evaluated, removed };
  }

  /** Applies a catalog change (refs added, updated, removed), evaluating only what it can affect. */
  applyChange(change: {
    readonly added: readonly string[];
    readonly updated: readonly string[];
    readonly removed: readonly string[];
  }): ScorecardChange {
    const touched = [...change.added, ...change.updated, ...change.removed];
    const records = new Map<string, CatalogEntityRecord>();
    const removed: string[] = [];
    let usersChanged = false;
    const relationChecks = this.checks.some((check) => check.dependencies?.relations);
    for (const ref of touched) {
      const record = this.catalog.get(ref);
      if (relationChecks) {
        // Reverse ends: what the entity pointed at before and points at now gains or loses a relation.
        for (const related of [...(this.evaluatedRecords.get(ref)?.relations ?? []), ...(record?.relations ?? [])]) {
          const target = this.catalog.get(related.target);
          if (target) {
            records.set(target.ref, target);
          }
        }
      }
      if (record) {
        records.set(record.ref, record);
      } else if (this.cards.delete(ref)) {
        this.evaluatedRecords.delete(ref);
        removed.push(ref);
      }
      const kind = parseCanonicalRef(ref).kind;
      if (kind === 'group' || kind === 'user') {
        usersChanged ||= kind === 'user';
        for (const owned of this.catalog.byOwner(ref)) {
          records.set(owned.ref, owned);
        }
      }
    }
    if (usersChanged && this.codeOwnersByRoot.size > 0 && this.loginsChanged()) {
      // Logins decide who a CODEOWNERS `@login` is: every entity under a CODEOWNERS file may change.
      for (const record of this.catalog.entities()) {
        if (record.origin.type === 'workspace' && this.codeOwnersByRoot.has(record.origin.folder)) {
          records.set(record.ref, record);
        }
      }
    }
    return this.evaluate(records.values(), removed);
  }

  scorecard(ref: string): EntityScorecard | undefined {
    return this.cards.get(ref.toLowerCase());
  }

  scorecards(): IterableIterator<EntityScorecard> {
    return this.cards.values();
  }

  /** Passed and applicable checks summed over what an owner owns: the team's roll-up. */
  rollUp(ownerRef: string): { passed: number; total: number; entities: number } {
    let passed = 0;
    let total = 0;
    let entities = 0;
    for (const record of this.catalog.byOwner(ownerRef)) {
      const card = this.cards.get(record.ref);
      if (card && card.total > 0) {
        passed += card.passed;
        total += card.total;
        entities++;
      }
    }
    return { passed, total, entities };
  }

  /** Evaluates every check on one entity, whether or not the engine holds it. */
  evaluateRecord(record: CatalogEntityRecord): EntityScorecard {
    const results: CheckResult[] = [];
    let passed = 0;
    for (const check of this.checksFor(record.entity.kind)) {
      let applies: boolean;
      try {
        applies = check.appliesTo(record, this.context);
      } catch {
        applies = false;
      }
      if (!applies) {
        continue;
      }
      let outcome: CheckResult['outcome'];
      try {
        outcome = check.evaluate(record, this.context);
      } catch (error) {
        // A plugin's check that throws fails, with its reason, rather than taking the scorecard down.
        outcome = {
          passed: false,
          message: `The check failed to run: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      if (outcome.passed) {
        passed++;
      }
      results.push({ check, outcome });
    }
    return { ref: record.ref, results, passed, total: results.length };
  }

  private evaluate(records: Iterable<CatalogEntityRecord>, removed: string[]): ScorecardChange {
    const change = { evaluated: this.evaluateRecords(records), removed };
    this.fire(change);
    return change;
  }

  private evaluateRecords(records: Iterable<CatalogEntityRecord>): string[] {
    const evaluated: string[] = [];
    for (const record of records) {
      this.cards.set(record.ref, this.evaluateRecord(record));
      this.evaluatedRecords.set(record.ref, record);
      evaluated.push(record.ref);
    }
    return evaluated;
  }

  private fire(change: ScorecardChange): void {
    if (change.evaluated.length > 0 || change.removed.length > 0) {
      this.changeEmitter.fire(change);
    }
  }

  /** The checks that may apply to entities of a kind: those without kinds, and those naming it. */
  private checksFor(kind: string): readonly ScorecardCheck[] {
    let checks = this.checksByKind.get(kind);
    if (checks === undefined) {
      const lower = kind.toLowerCase();
      checks = this.checks.filter((check) => check.kinds === undefined || check.kinds.has(lower));
      this.checksByKind.set(kind, checks);
    }
    return checks;
  }

  private codeOwnersOf(record: CatalogEntityRecord): CodeOwnersMatch | undefined {
    if (record.origin.type !== 'workspace') {
      return undefined;
    }
    // A check asks whether it applies, then evaluates: the second question is about the same file.
    if (record.file === this.lastCodeOwnersFile) {
      return this.lastCodeOwners ?? undefined;
    }
    let match = this.codeOwnersByFile.get(record.file);
    if (match === undefined) {
      match = this.codeOwnersOfFolder(record.origin.folder, record.file) ?? null;
      this.codeOwnersByFile.set(record.file, match);
    }
    this.lastCodeOwnersFile = record.file;
    this.lastCodeOwners = match;
    return match ?? undefined;
  }

  private codeOwnersOfFolder(root: string, file: string): CodeOwnersMatch | undefined {
    const folder = path.dirname(file);
    const cached = this.codeOwnersByFolder.get(folder);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const codeOwners = this.codeOwnersByRoot.get(root);
    // The descriptor's folder, as a file directly in it would be matched (`/apps/` and `/apps/**` own it).
    const probe = codeOwnersPath(root, path.join(folder, '_'));
    const match = codeOwners && !probe.startsWith('..') ? matchCodeOwners(codeOwners, probe) : undefined;
    this.codeOwnersByFolder.set(folder, match ?? null);
    return match;
  }

  private loginMap(): Map<string, string> {
    this.logins ??= this.buildLogins();
    return this.logins;
  }

  private loginsChanged(): boolean {
    const before = this.logins;
    this.logins = this.buildLogins();
    this.codeOwnerRefs = new Map();
    if (!before) {
      return false; // Never asked for: no result depends on it.
    }
    if (before.size !== this.logins.size) {
      return true;
    }
    for (const [login, ref] of this.logins) {
      if (before.get(login) !== ref) {
        return true;
      }
    }
    return false;
  }

  /** Login and email (lower case) → user ref, from login annotations and spec.profile.email. */
  private buildLogins(): Map<string, string> {
    const logins = new Map<string, string>();
    for (const user of this.catalog.byKind('user')) {
      const annotations: unknown = user.entity.metadata.annotations;
      for (const key of LOGIN_ANNOTATIONS) {
        const login =
          annotations && typeof annotations === 'object' && Object.hasOwn(annotations, key)
            ? (annotations as Record<string, unknown>)[key]
            : undefined;
        if (typeof login === 'string' && login) {
          logins.set(login.toLowerCase(), user.ref);
        }
      }
      const profile: unknown = (user.entity.spec as Record<string, unknown> | undefined)?.['profile'];
      const email = profile && typeof profile === 'object' ? (profile as Record<string, unknown>)['email'] : undefined;
      if (typeof email === 'string' && email) {
        logins.set(email.toLowerCase(), user.ref);
      }
    }
    return logins;
  }
}
