import * as path from 'node:path';
import type { CatalogEntityRecord } from './catalogEntity';
import { describeAllowed, isKindAllowedBy, rulesFor, type CatalogRule, type OriginLocation } from './catalogRules';
import { locationTargetMatches } from './locations';
import type { ParsedCatalogFile } from './parseCatalogFile';
import type { CatalogProblem } from './problems';
import type { SourceRange } from './sourceRange';

/**
 * What Backstage stores of a workspace's catalog, location by location. Backstage reads the
 * files of one location while processing the entity that registered it (a static location of
 * app-config, a registered file, a `kind: Location`); if any entity it reads is of a kind the
 * rules refuse, or a file cannot be parsed, that whole processing fails and *none* of the
 * entities it read are stored — nor anything the dropped Locations among them point at.
 */

/** A location Backstage starts from: a static `catalog.locations` entry, or a file registered on its own. */
export interface RootReader {
  /** For messages: `catalog.locations[0] in app-config.yaml (./all.yaml)`; undefined: its one file. */
  readonly label?: string;
  readonly origin: OriginLocation;
  readonly files: readonly string[];
  /** Where the failure is reported: the app-config target; none for a file registered on its own. */
  readonly anchor?: { readonly file: string; readonly range: SourceRange };
  /** Files it reads through a `type: file` location (placeholders relative to them fail in Backstage). */
  readonly fileLocation: boolean;
}

export interface AdmissionInput {
  readonly root: string;
  readonly rules: readonly CatalogRule[];
  readonly roots: readonly RootReader[];
  /** The file's parse as indexed before admission (with its Location problems). */
  readonly parsed: (file: string) => ParsedCatalogFile | undefined;
  /** The files a Location file's targets resolved to. */
  readonly locationTargets: (locationFile: string) => readonly string[];
  /** Every tracked file, so files no location reads are found too. */
  readonly files: readonly string[];
}

export interface FileAdmission {
  /** Records Backstage would not store, by document index. */
  readonly rejected: ReadonlySet<number>;
  readonly problems: readonly CatalogProblem[];
}

/** Problems that make Backstage's reader fail, taking everything else it read down with it. */
const FATAL_IN_FILE = new Set<CatalogProblem['code']>([
  'yaml-syntax',
  'not-an-object',
  'file-unreadable',
  'file-too-large',
]);

interface Reader {
  readonly label?: string;
  readonly origin: OriginLocation;
  readonly files: readonly string[];
  readonly anchor?: { readonly file: string; readonly range: SourceRange };
  /** The Location file whose targets these are (for the problem on the target). */
  readonly locationFile?: string;
  readonly fileLocation: boolean;
}

interface Failure {
  readonly reader: Reader;
  readonly disallowed: { readonly file: string; readonly record: CatalogEntityRecord }[];
  readonly causes: string[];
}

const MAX_NAMED = 12;

function named(refs: readonly string[]): string {
  const shown = refs.slice(0, MAX_NAMED).join(', ');
  return refs.length > MAX_NAMED ? `${shown} and ${refs.length - MAX_NAMED} more` : shown;
}

function kindRange(record: CatalogEntityRecord): SourceRange {
  return record.fields.get(['kind'])?.valueRange ?? record.range;
}

function ruleNames(rules: readonly CatalogRule[]): string {
  return rules.length === 0
    ? 'catalog.rules (none applies here)'
    : [...new Set(rules.map((rule) => rule.source))].join(' and ');
}

/**
 * Follows every location from the roots down, as Backstage's processing does, and says per
 * file which records it would not store and why. Pure: the same files give the same answer,
 * whatever order they were indexed in.
 */
export function admitCatalog(input: AdmissionInput): Map<string, FileAdmission> {
  const relative = (file: string): string =>
    path.relative(input.root, file).split(path.sep).join('/') || path.basename(file);
  const readOk = new Set<string>();
  const readThroughFileLocation = new Set<string>();
  const failures: Failure[] = [];
  const visited = new Set<string>();
  const labelOf = (reader: Reader): string =>
    reader.label ?? relative(reader.locationFile ?? reader.files[0] ?? input.root);
  const queue: Reader[] = [...input.roots];
  const applyingByOrigin = new Map<string, CatalogRule[]>();
  for (let next = 0; next < queue.length; next++) {
    const reader = queue[next] as Reader;
    const originKey = `${reader.origin.type}\u0000${reader.origin.target}`;
    if (reader.locationFile) {
      // A root reads once; a Location file may be reached from several origins, each read once.
      const key = `${reader.locationFile}\u0000${originKey}`;
      if (visited.has(key)) {
        continue;
      }
      visited.add(key);
    }
    let applying = applyingByOrigin.get(originKey);
    if (!applying) {
      applying = rulesFor(input.rules, reader.origin);
      applyingByOrigin.set(originKey, applying);
    }
    const disallowed: Failure['disallowed'] = [];
    const causes: string[] = [];
    for (const file of reader.files) {
      const parsed = input.parsed(file);
      if (!parsed) {
        continue;
      }
      for (const record of parsed.entities) {
        if (!isKindAllowedBy(applying, record.entity)) {
          disallowed.push({ file, record });
        }
      }
      const fatal = parsed.problems.find((problem) => FATAL_IN_FILE.has(problem.code));
      if (fatal) {
        causes.push(`${relative(file)} cannot be read (${fatal.message})`);
      }
    }
    if (reader.locationFile) {
      const missing =
        input.parsed(reader.locationFile)?.problems.filter((problem) => problem.code === 'location-missing') ?? [];
      causes.push(...missing.map((problem) => problem.message));
    }
    if (disallowed.length > 0 || causes.length > 0) {
      failures.push({ reader, disallowed, causes });
      continue;
    }
    for (const file of reader.files) {
      readOk.add(file);
      if (reader.fileLocation) {
        readThroughFileLocation.add(file);
      }
      const parsed = input.parsed(file);
      // Only a Location that Backstage accepts reads its targets.
      if (
        parsed &&
        parsed.locationTargets.length > 0 &&
        parsed.entities.some((record) => record.valid && record.entity.kind.toLowerCase() === 'location')
      ) {
        const targets = input.locationTargets(file);
        if (targets.length > 0 || parsed.problems.some((problem) => problem.code === 'location-missing')) {
          queue.push({ origin: reader.origin, files: targets, locationFile: file, fileLocation: reader.fileLocation });
        }
      }
    }
  }

  const result = new Map<string, { rejected: Set<number>; problems: CatalogProblem[] }>();
  const entry = (file: string): { rejected: Set<number>; problems: CatalogProblem[] } => {
    let found = result.get(file);
    if (!found) {
      found = { rejected: new Set(), problems: [] };
      result.set(file, found);
    }
    return found;
  };
  const failedIn = new Map<string, Failure>();
  for (const failure of failures) {
    const locationFile = failure.reader.locationFile;
    if (locationFile && readOk.has(locationFile)) {
      // The Location whose processing failed is not stored either, only its parent's copy of it was read.
      for (const record of input.parsed(locationFile)?.entities ?? []) {
        if (record.entity.kind.toLowerCase() === 'location') {
          entry(locationFile).rejected.add(record.documentIndex);
        }
      }
    }
    const droppedRefs = failure.reader.files
      .flatMap((file) => input.parsed(file)?.entities ?? [])
      .filter((record) => !failure.disallowed.some((item) => item.record === record))
      .map((record) => record.ref);
    const rules = rulesFor(input.rules, failure.reader.origin);
    const reasons = [
      ...failure.disallowed.map(
        ({ record }) => `${record.ref} is of kind ${record.entity.kind}, which ${ruleNames(rules)} do not allow`,
      ),
      ...failure.causes,
    ];
    const dropped =
      droppedRefs.length > 0
        ? `; it also drops the other ${droppedRefs.length === 1 ? 'entity' : `${droppedRefs.length} entities`} read there: ${named(droppedRefs)}`
        : '';
    const message = `Backstage rejects what this location reads: ${reasons.join('; ')}${dropped}`;
    if (failure.reader.anchor) {
      entry(failure.reader.anchor.file).problems.push({
        file: failure.reader.anchor.file,
        range: failure.reader.anchor.range,
        severity: 'error',
        code: 'location-dropped',
        message,
      });
    } else if (failure.reader.locationFile) {
      const locationFile = failure.reader.locationFile;
      const parsed = input.parsed(locationFile);
      const culprits = new Set(failure.disallowed.map((item) => item.file));
      const targets = (parsed?.locationTargets ?? []).filter(
        (target) =>
          culprits.size === 0 || [...culprits].some((file) => locationTargetMatches(input.root, target, file)),
      );
      for (const target of targets.length > 0 ? targets : (parsed?.locationTargets ?? []).slice(0, 1)) {
        entry(locationFile).problems.push({
          file: locationFile,
          range: target.range,
          severity: 'error',
          code: 'location-dropped',
          message,
          entityRef: target.locationRef,
        });
      }
    }
    for (const { file, record } of failure.disallowed) {
      const allowed = describeAllowed(rules);
      entry(file).problems.push({
        file,
        range: kindRange(record),
        severity: 'error',
        code: 'kind-not-allowed',
        message: `Kind "${record.entity.kind}" is not allowed by ${ruleNames(rules)}, which allow ${allowed} for ${labelOf(failure.reader)}; Backstage rejects it${droppedRefs.length > 0 ? ` and drops ${named(droppedRefs)} with it` : ''}`,
        entityRef: record.ref,
      });
    }
    for (const file of failure.reader.files) {
      if (!failedIn.has(file)) {
        failedIn.set(file, failure);
      }
    }
  }

  for (const file of input.files) {
    const parsed = input.parsed(file);
    if (!parsed) {
      continue;
    }
    if (readOk.has(file)) {
      if (readThroughFileLocation.has(file)) {
        for (const record of parsed.entities) {
          for (const placeholder of record.placeholders) {
            if (/^[a-z][a-z0-9+.-]*:/i.test(placeholder.target)) {
              continue;
            }
            entry(file).problems.push({
              file,
              range: record.fields.closest(placeholder.path)?.valueRange ?? record.range,
              severity: 'info',
              code: 'placeholder-file-location',
              message: `Backstage 4.0 cannot resolve ${placeholder.kind}: ${placeholder.target} here: app-config reads this file through a type: file location, and placeholders resolve only against url locations (it works once the file is registered by URL)`,
              entityRef: record.ref,
            });
          }
        }
      }
      continue;
    }
    const failure = failedIn.get(file);
    for (const record of parsed.entities) {
      entry(file).rejected.add(record.documentIndex);
      if (failure?.disallowed.some((item) => item.record === record)) {
        continue;
      }
      entry(file).problems.push({
        file,
        range: kindRange(record),
        severity: 'warning',
        code: 'location-dropped',
        message: failure
          ? `Backstage drops this entity: it is read by ${labelOf(failure.reader)}, which Backstage rejects (${failure.disallowed
              .map((item) => `${item.record.ref} is of a kind not allowed`)
              .concat(failure.causes)
              .join('; ')})`
          : 'Backstage never reads this entity: every location that reaches this file is rejected or dropped',
        entityRef: record.ref,
      });
    }
  }
  return result;
}
