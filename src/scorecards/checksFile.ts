import type { FilterPredicate } from '@backstage/filter-predicates';
import { filterPredicates } from '../catalog/filterPredicates';
import type { FieldPath } from '../catalog/fieldRanges';
import { START_OF_FILE, type SourceRange } from '../catalog/sourceRange';
import { parseYamlDocuments } from '../catalog/yamlDocuments';
import { predicateCheck } from './predicateCheck';
import { CHECK_SEVERITIES, type CheckFix, type CheckSeverity, type ScorecardCheck } from './scorecardTypes';

/** Where a workspace keeps its checks, relative to the folder. */
export const CHECKS_FILE = '.greenroom/checks.yaml';
export const MAX_CHECKS_FILE_BYTES = 1024 * 1024;
const MAX_CHECKS = 1000;
/** A predicate larger than this is not a check anyone wrote by hand. */
const MAX_PREDICATE_BYTES = 16 * 1024;
const CHECK_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const CHECK_KEYS = new Set(['id', 'title', 'description', 'severity', 'filter', 'rule', 'fix']);
const TOP_KEYS = new Set(['checks', 'builtins']);

export interface ChecksFileProblem {
  readonly file: string;
  readonly range: SourceRange;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface ChecksFile {
  readonly checks: readonly ScorecardCheck[];
  /** `builtins: { owner-resolves: false }`: built-in checks the workspace switches on or off. */
  readonly builtins: ReadonlyMap<string, boolean>;
  readonly problems: readonly ChecksFileProblem[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads `.greenroom/checks.yaml`: the catalog's YAML reading (with its limits on aliases, depth
 * and duplicate keys), then the shape of every check, each error at the field it is about. A
 * check with an error is left out; the others still count. `reservedIds`: the built-in ids.
 */
export function parseChecksFile(file: string, text: string, reservedIds: ReadonlySet<string> = new Set()): ChecksFile {
  const problems: ChecksFileProblem[] = [];
  const checks: ScorecardCheck[] = [];
  const builtins = new Map<string, boolean>();
  if (text.length > MAX_CHECKS_FILE_BYTES) {
    problems.push({
      file,
      range: START_OF_FILE,
      severity: 'error',
      message: `The checks file is larger than ${MAX_CHECKS_FILE_BYTES / 1024} KB; no checks were read from it`,
    });
    return { checks, builtins, problems };
  }
  const parsed = parseYamlDocuments(file, text);
  for (const problem of parsed.problems) {
    problems.push({
      file,
      range: problem.range,
      severity: problem.severity === 'error' ? 'error' : 'warning',
      message: problem.message,
    });
  }
  if (parsed.problems.some((problem) => problem.severity === 'error')) {
    return { checks, builtins, problems };
  }
  const document = parsed.documents[0];
  if (parsed.documents.length > 1) {
    problems.push({
      file,
      range: parsed.documents[1]?.range ?? START_OF_FILE,
      severity: 'warning',
      message: 'Only the first YAML document of a checks file is read',
    });
  }
  if (!document) {
    return { checks, builtins, problems };
  }
  const fields = document.fields;
  const at = (path: FieldPath, key = false): SourceRange => {
    const location = fields.closest(path);
    return (key ? location?.keyRange : undefined) ?? location?.valueRange ?? document.range;
  };
  const error = (path: FieldPath, message: string, key = false): void => {
    problems.push({ file, range: at(path, key), severity: 'error', message });
  };
  for (const key of Object.keys(document.value)) {
    if (!TOP_KEYS.has(key)) {
      error([key], `Unknown key "${key}"; a checks file has "checks" and "builtins"`, true);
    }
  }
  readBuiltins(document.value['builtins'], reservedIds, builtins, error);
  const list = document.value['checks'];
  if (list === undefined || list === null) {
    return { checks, builtins, problems };
  }
  if (!Array.isArray(list)) {
    error(['checks'], '"checks" must be a list of checks');
    return { checks, builtins, problems };
  }
  if (list.length > MAX_CHECKS) {
    error(['checks'], `A checks file holds at most ${MAX_CHECKS} checks; none were read`);
    return { checks, builtins, problems };
  }
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
    const check = readCheck(file, item, index, reservedIds, seen, error, at);
    if (check) {
      checks.push(check);
    }
  });
  return { checks, builtins, problems };
}

type ErrorAt = (path: FieldPath, message: string, key?: boolean) => void;

function readBuiltins(
  value: unknown,
  reservedIds: ReadonlySet<string>,
  builtins: Map<string, boolean>,
  error: ErrorAt,
): void {
  if (value === undefined || value === null) {
    return;
  }
  if (!isObject(value)) {
    error(['builtins'], '"builtins" must map built-in check ids to true or false');
    return;
  }
  for (const [id, enabled] of Object.entries(value)) {
    if (!reservedIds.has(id)) {
      error(
        ['builtins', id],
        `There is no built-in check "${id}"; the built-ins are ${[...reservedIds].join(', ')}`,
        true,
      );
    } else if (typeof enabled !== 'boolean') {
      error(['builtins', id], `"${id}" must be true or false`);
    } else {
      builtins.set(id, enabled);
    }
  }
}

function readPredicate(value: unknown, path: FieldPath, error: ErrorAt): FilterPredicate | undefined {
  if (!isObject(value)) {
    error(path, `"${String(path[path.length - 1])}" must be a filter predicate: a mapping such as { kind: component }`);
    return undefined;
  }
  if (JSON.stringify(value).length > MAX_PREDICATE_BYTES) {
    error(path, `The predicate is larger than ${MAX_PREDICATE_BYTES / 1024} KB`);
    return undefined;
  }
  try {
    return filterPredicates().parseFilterPredicate(value);
  } catch (problem) {
    const reason = (problem instanceof Error ? problem.message : String(problem)).split('\n', 1)[0];
    error(path, `Not a valid Backstage filter predicate: ${reason}`);
    return undefined;
  }
}

function readFix(value: unknown, path: FieldPath, error: ErrorAt): CheckFix | undefined | false {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (
    isObject(value) &&
    typeof value['annotation'] === 'string' &&
    value['annotation'] &&
    Object.keys(value).every((key) => key === 'annotation' || key === 'value')
  ) {
    const stub = value['value'];
    return {
      type: 'annotation',
      key: value['annotation'],
      value: typeof stub === 'string' || typeof stub === 'number' ? String(stub) : 'TODO',
    };
  }
  if (
    isObject(value) &&
    typeof value['field'] === 'string' &&
    /^(metadata|spec)\.[A-Za-z0-9_.-]+$/.test(value['field']) &&
    Object.keys(value).every((key) => key === 'field' || key === 'value')
  ) {
    const stub = value['value'];
    return {
      type: 'field',
      path: value['field'].split('.'),
      value: typeof stub === 'string' || typeof stub === 'number' ? String(stub) : 'TODO',
      replace: false,
    };
  }
  error(path, '"fix" is { annotation: <key>, value?: <stub> } or { field: spec.<name>, value?: <stub> }');
  return false;
}

function readCheck(
  file: string,
  item: unknown,
  index: number,
  reservedIds: ReadonlySet<string>,
  seen: Set<string>,
  error: ErrorAt,
  at: (path: FieldPath, key?: boolean) => SourceRange,
): ScorecardCheck | undefined {
  const base: FieldPath = ['checks', index];
  if (!isObject(item)) {
    error(base, 'A check is a mapping with id, title, severity, filter and rule');
    return undefined;
  }
  let valid = true;
  const fail: ErrorAt = (path, message, key) => {
    valid = false;
    error(path, message, key);
  };
  for (const key of Object.keys(item)) {
    if (!CHECK_KEYS.has(key)) {
      fail([...base, key], `Unknown key "${key}"; a check has ${[...CHECK_KEYS].join(', ')}`, true);
    }
  }
  const id = item['id'];
  if (typeof id !== 'string' || !CHECK_ID.test(id)) {
    fail([...base, 'id'], '"id" is required: letters, digits, ".", "_" or "-" (at most 100)');
  } else if (reservedIds.has(id)) {
    fail([...base, 'id'], `"${id}" is a built-in check; switch it off under "builtins" and give yours another id`);
  } else if (seen.has(id)) {
    fail([...base, 'id'], `Another check already has the id "${id}"`);
  } else {
    seen.add(id);
  }
  const title = item['title'];
  if (typeof title !== 'string' || !title.trim()) {
    fail([...base, 'title'], '"title" is required: one line saying what the check wants');
  }
  const description = item['description'];
  if (description !== undefined && typeof description !== 'string') {
    fail([...base, 'description'], '"description" must be text (Markdown)');
  }
  const severity = item['severity'] ?? 'warning';
  if (typeof severity !== 'string' || !CHECK_SEVERITIES.includes(severity as CheckSeverity)) {
    fail([...base, 'severity'], `"severity" must be one of ${CHECK_SEVERITIES.join(', ')}`);
  }
  const filter = item['filter'] === undefined ? undefined : readPredicate(item['filter'], [...base, 'filter'], fail);
  if (item['rule'] === undefined) {
    fail(base, '"rule" is required: the filter predicate every selected entity must meet');
  }
  const rule = item['rule'] === undefined ? undefined : readPredicate(item['rule'], [...base, 'rule'], fail);
  const fix = readFix(item['fix'], [...base, 'fix'], fail);
  if (!valid || !rule || typeof id !== 'string' || typeof title !== 'string' || fix === false) {
    return undefined;
  }
  return predicateCheck({
    id,
    title: title.trim(),
    description: typeof description === 'string' ? description : '',
    severity: severity as CheckSeverity,
    filter,
    rule,
    ...(fix ? { fix } : {}),
    origin: { type: 'file', file, range: at(base) },
  });
}
