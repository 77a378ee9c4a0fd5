import type { CatalogEntityRecord } from './catalogEntity';
import { Emitter } from './events';
import type { ParsedCatalogFile } from './parseCatalogFile';
import { ownerRefOf } from './referenceTargets';
import type { CatalogProblem } from './problems';
import type { CatalogRelation, ReferenceSite } from './relations';

export interface CatalogChangeEvent {
  /** Files whose entities or problems changed. */
  readonly files: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly updated: readonly string[];
  /** Files whose cross-file problems (dangling refs, duplicates) may have changed. */
  readonly affectedFiles: readonly string[];
}

interface FileEntry {
  readonly parsed: ParsedCatalogFile;
}

const relationKey = (relation: CatalogRelation): string =>
  `${relation.source}\u0000${relation.type}\u0000${relation.target}`;

function addToSetMap<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function removeFromSetMap<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) {
    set.delete(value);
    if (set.size === 0) {
      map.delete(key);
    }
  }
}

/**
 * The in-memory catalog: entities by ref, kind, owner and file, relations in both
 * directions, and problems. Updated one file at a time; every update fires one event.
 */
export class CatalogIndex {
  private readonly files = new Map<string, FileEntry>();
  /** Every record with a given ref, in registration order; the first one wins. */
  private readonly recordsByRef = new Map<string, CatalogEntityRecord[]>();
  private readonly refsByKind = new Map<string, Set<string>>();
  private readonly refsByOwner = new Map<string, Set<string>>();
  /**
   * Which files refer to a ref, so a change to that ref re-checks just them. Relations are not
   * indexed separately: every relation of a ref comes from its own records or from a record
   * that refers to it, so they are read from there when asked for (an edge index of 20,000
   * entities costs 50 MB and half the time of building the index).
   */
  private readonly referringFilesByTarget = new Map<string, Set<string>>();
  private readonly changeEmitter = new Emitter<CatalogChangeEvent>();

  readonly onDidChange = this.changeEmitter.event;

  /** Replaces everything known about one file. */
  upsertFile(parsed: ParsedCatalogFile): CatalogChangeEvent {
    const previous = this.files.get(parsed.file);
    const previousRefs = new Set(previous?.parsed.entities.map((record) => record.ref) ?? []);
    const affected = new Set<string>([parsed.file]);
    if (previous) {
      this.unregister(previous.parsed, affected);
    }
    this.files.set(parsed.file, { parsed });
    this.register(parsed, affected);
    const nextRefs = new Set(parsed.entities.map((record) => record.ref));
    const event: CatalogChangeEvent = {
      files: [parsed.file],
      added: [...nextRefs].filter((ref) => !previousRefs.has(ref)),
      removed: [...previousRefs].filter((ref) => !nextRefs.has(ref)),
      updated: [...nextRefs].filter((ref) => previousRefs.has(ref)),
      affectedFiles: [...affected],
    };
    this.changeEmitter.fire(event);
    return event;
  }

  /**
   * Changes a few records of a file that is already indexed without re-registering the others:
   * what a registry delta needs when 1 % of 100,000 entities changed. `next` is the file's new
   * content; `leaving` are records of the previous content that are not in it, `arriving` the
   * records of `next` that were not in the previous content. Every other record of `next` must be
   * the very object the previous content held.
   */
  patchFile(
    next: ParsedCatalogFile,
    leaving: readonly CatalogEntityRecord[],
    arriving: readonly CatalogEntityRecord[],
  ): CatalogChangeEvent {
    const previous = this.files.get(next.file);
    if (!previous) {
      return this.upsertFile(next);
    }
    const affected = new Set<string>([next.file]);
    this.unregister({ ...previous.parsed, entities: [...leaving] }, affected);
    // "This file refers to X" is kept per file: a leaving record took it away for the staying ones too.
    const dropped = new Set(leaving.flatMap((record) => record.references.map((site) => site.targetRef)));
    if (dropped.size > 0) {
      const arrivingSet = new Set(arriving);
      for (const record of next.entities) {
        if (!arrivingSet.has(record)) {
          for (const site of record.references) {
            if (dropped.has(site.targetRef)) {
              addToSetMap(this.referringFilesByTarget, site.targetRef, next.file);
            }
          }
        }
      }
    }
    this.files.set(next.file, { parsed: next });
    this.register({ ...next, entities: [...arriving] }, affected);
    const arrivingRefs = new Set(arriving.map((record) => record.ref));
    const leavingRefs = new Set(leaving.map((record) => record.ref));
    const event: CatalogChangeEvent = {
      files: [next.file],
      added: [...arrivingRefs].filter((ref) => !leavingRefs.has(ref)),
      removed: [...leavingRefs].filter((ref) => !arrivingRefs.has(ref)),
      updated: [...arrivingRefs].filter((ref) => leavingRefs.has(ref)),
      affectedFiles: [...affected],
    };
    this.changeEmitter.fire(event);
    return event;
  }

  removeFile(file: string): CatalogChangeEvent | undefined {
    const previous = this.files.get(file);
    if (!previous) {
      return undefined;
    }
    const affected = new Set<string>([file]);
    this.unregister(previous.parsed, affected);
    this.files.delete(file);
    const event: CatalogChangeEvent = {
      files: [file],
      added: [],
      removed: previous.parsed.entities.map((record) => record.ref),
      updated: [],
      affectedFiles: [...affected],
    };
    this.changeEmitter.fire(event);
    return event;
  }

  clear(): void {
    for (const file of [...this.files.keys()]) {
      this.removeFile(file);
    }
  }

  /** The winning record for a ref (the first registered when it is defined twice). */
  get(ref: string): CatalogEntityRecord | undefined {
    return this.recordsByRef.get(ref.toLowerCase())?.[0];
  }

  /** Every record for a ref: more than one means a duplicate definition. */
  getAll(ref: string): readonly CatalogEntityRecord[] {
    return this.recordsByRef.get(ref.toLowerCase()) ?? [];
  }

  has(ref: string): boolean {
    return this.recordsByRef.has(ref.toLowerCase());
  }

  get size(): number {
    return this.recordsByRef.size;
  }

  entities(): CatalogEntityRecord[] {
    const result: CatalogEntityRecord[] = [];
    for (const records of this.recordsByRef.values()) {
      if (records[0]) {
        result.push(records[0]);
      }
    }
    return result;
  }

  refs(): IterableIterator<string> {
    return this.recordsByRef.keys();
  }

  byKind(kind: string): CatalogEntityRecord[] {
    return this.recordsFor(this.refsByKind.get(kind.toLowerCase()));
  }

  kinds(): string[] {
    return [...this.refsByKind.keys()];
  }

  /** Entities whose spec.owner resolves to `ownerRef`. */
  byOwner(ownerRef: string): CatalogEntityRecord[] {
    return this.recordsFor(this.refsByOwner.get(ownerRef.toLowerCase()));
  }

  owners(): string[] {
    return [...this.refsByOwner.keys()];
  }

  byFile(file: string): readonly CatalogEntityRecord[] {
    return this.files.get(file)?.parsed.entities ?? [];
  }

  fileResult(file: string): ParsedCatalogFile | undefined {
    return this.files.get(file)?.parsed;
  }

  indexedFiles(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Whether Backstage would hold this entity: a record of it passed validation. Only such
   * entities contribute relations, and a relation exists only on an entity that exists (the
   * reverse end of a reference to a missing or rejected entity is no relation of anything).
   */
  isAccepted(ref: string): boolean {
    return this.isAcceptedCanonical(ref.toLowerCase());
  }

  /** Every relation once, however many records declare it (both ends of a pair may). */
  relations(): CatalogRelation[] {
    const seen = new Set<string>();
    const result: CatalogRelation[] = [];
    for (const { parsed } of this.files.values()) {
      for (const record of parsed.entities) {
        if (!this.contributes(record)) {
          continue;
        }
        for (const relation of record.relations) {
          const key = relationKey(relation);
          if (!seen.has(key) && this.isAcceptedCanonical(relation.source)) {
            seen.add(key);
            result.push(relation);
          }
        }
      }
    }
    return result;
  }

  /** Relations where `ref` is the source (outgoing) or target (incoming), each once. */
  relationsOf(ref: string): { outgoing: CatalogRelation[]; incoming: CatalogRelation[] } {
    const key = ref.toLowerCase();
    const outgoing: CatalogRelation[] = [];
    const incoming: CatalogRelation[] = [];
    const seen = new Set<string>();
    // The reverse ends (`key` as the source) exist only when `key` itself does.
    const keyAccepted = this.isAcceptedCanonical(key);
    const consider = (record: CatalogEntityRecord): void => {
      if (!this.contributes(record)) {
        return;
      }
      for (const relation of record.relations) {
        if (
          relation.source === key ? !keyAccepted : relation.target !== key || !this.isAcceptedCanonical(relation.source)
        ) {
          continue;
        }
        const id = relationKey(relation);
        if (!seen.has(id)) {
          seen.add(id);
          (relation.source === key ? outgoing : incoming).push(relation);
        }
      }
    };
    for (const record of this.recordsByRef.get(key) ?? []) {
      consider(record);
    }
    for (const file of this.referringFilesByTarget.get(key) ?? []) {
      for (const record of this.byFile(file)) {
        consider(record);
      }
    }
    return { outgoing, incoming };
  }

  /** Files that contain a reference to `ref`. */
  filesReferring(ref: string): string[] {
    return [...(this.referringFilesByTarget.get(ref.toLowerCase()) ?? [])];
  }

  /** Every place in the catalog that refers to `ref`: "find references". */
  referencesTo(ref: string): { record: CatalogEntityRecord; site: ReferenceSite }[] {
    const target = ref.toLowerCase();
    const result: { record: CatalogEntityRecord; site: ReferenceSite }[] = [];
    for (const file of this.referringFilesByTarget.get(target) ?? []) {
      for (const record of this.byFile(file)) {
        for (const site of record.references) {
          if (site.targetRef === target) {
            result.push({ record, site });
          }
        }
      }
    }
    return result;
  }

  /** Problems of one file: its own plus dangling refs and duplicates, checked against the index now. */
  problemsOf(file: string): CatalogProblem[] {
    const parsed = this.files.get(file)?.parsed;
    if (!parsed) {
      return [];
    }
    const problems = [...parsed.problems];
    for (const record of parsed.entities) {
      for (const site of record.references) {
        if (!this.has(site.targetRef)) {
          problems.push({
            file,
            range: site.range,
            severity: 'warning',
            code: 'dangling-ref',
            message: `${site.field}: "${site.text}" refers to ${site.targetRef}, which is not in the catalog`,
            entityRef: record.ref,
          });
        }
      }
      // The same entity in the workspace and in a registry is the expected merge, not a duplicate.
      const copies = this.getAll(record.ref).filter((copy) => copy.origin.type === record.origin.type);
      if (copies.length > 1) {
        const elsewhere = copies
          .filter((copy) => copy !== record)
          .map((copy) => `${copy.file}:${copy.range.start.line + 1}`);
        problems.push({
          file,
          range: record.fields.get(['metadata', 'name'])?.valueRange ?? record.range,
          severity: 'error',
          code: 'duplicate-entity',
          message: `${record.ref} is defined more than once; also at ${elsewhere.join(', ')}`,
          entityRef: record.ref,
        });
      }
    }
    return problems;
  }

  allProblems(): CatalogProblem[] {
    return this.indexedFiles().flatMap((file) => this.problemsOf(file));
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  /**
   * Any valid copy counts, not just the winner: which copy wins a duplicate depends on the
   * order files were indexed in, and the answer must not (an edit and a reload must agree).
   */
  private isAcceptedCanonical(ref: string): boolean {
    return this.recordsByRef.get(ref)?.some((record) => record.valid) === true;
  }

  /** A record's relations count when it is valid (Backstage keeps none of a rejected entity). */
  private contributes(record: CatalogEntityRecord): boolean {
    return record.valid;
  }

  private recordsFor(refs: Set<string> | undefined): CatalogEntityRecord[] {
    const result: CatalogEntityRecord[] = [];
    for (const ref of refs ?? []) {
      const record = this.get(ref);
      if (record) {
        result.push(record);
      }
    }
    return result;
  }

  private ownerOf(record: CatalogEntityRecord): string | undefined {
    return ownerRefOf(record);
  }

  private register(parsed: ParsedCatalogFile, affected: Set<string>): void {
    for (const record of parsed.entities) {
      const records = this.recordsByRef.get(record.ref);
      if (records) {
        // The workspace file wins over a registry copy: it is the one the user can edit.
        const firstRemote =
          record.origin.type === 'workspace' ? records.findIndex((copy) => copy.origin.type !== 'workspace') : -1;
        records.splice(firstRemote === -1 ? records.length : firstRemote, 0, record);
        for (const copy of records) {
          affected.add(copy.file);
        }
      } else {
        this.recordsByRef.set(record.ref, [record]);
      }
      addToSetMap(this.refsByKind, record.entity.kind.toLowerCase(), record.ref);
      const owner = this.ownerOf(record);
      if (owner) {
        addToSetMap(this.refsByOwner, owner, record.ref);
      }
      for (const site of record.references) {
        addToSetMap(this.referringFilesByTarget, site.targetRef, parsed.file);
      }
      for (const file of this.referringFilesByTarget.get(record.ref) ?? []) {
        affected.add(file);
      }
    }
  }

  private unregister(parsed: ParsedCatalogFile, affected: Set<string>): void {
    for (const record of parsed.entities) {
      const records = this.recordsByRef.get(record.ref);
      if (records) {
        const remaining = records.filter((candidate) => candidate !== record);
        for (const copy of remaining) {
          affected.add(copy.file);
        }
        if (remaining.length > 0) {
          this.recordsByRef.set(record.ref, remaining);
        } else {
          this.recordsByRef.delete(record.ref);
          removeFromSetMap(this.refsByKind, record.entity.kind.toLowerCase(), record.ref);
        }
      }
      const owner = this.ownerOf(record);
      if (owner && !this.recordsByRef.get(record.ref)?.some((copy) => this.ownerOf(copy) === owner)) {
        removeFromSetMap(this.refsByOwner, owner, record.ref);
      }
      for (const site of record.references) {
        removeFromSetMap(this.referringFilesByTarget, site.targetRef, parsed.file);
      }
      for (const file of this.referringFilesByTarget.get(record.ref) ?? []) {
        affected.add(file);
      }
    }
  }
}
