// What the e2e tests expect to see, read from the repo's examples/ (not the workspace copy, which
// tests edit): entities with the fields the UI shows, and where things are in a file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './codeServer';

export interface ExampleEntity {
  readonly kind: string;
  readonly name: string;
  readonly title: string | undefined;
  /** spec.profile.displayName (Groups and Users). */
  readonly displayName: string | undefined;
  /** What the Catalog tree shows for the entity: metadata.title if set, else metadata.name. */
  readonly label: string;
  /** spec.owner as written. */
  readonly owner: string | undefined;
  /** spec.parent as written (Groups). */
  readonly parent: string | undefined;
  /** spec.memberOf as written (Users). */
  readonly memberOf: readonly string[];
  /** spec.dependsOn as written. */
  readonly dependsOn: readonly string[];
  /** spec.dependencyOf as written. */
  readonly dependencyOf: readonly string[];
  /** Path relative to examples/, with forward slashes. */
  readonly file: string;
}

export function examplesDir(): string {
  return path.join(repoRoot(), 'examples');
}

/** Every entity document in examples/**\/*.y(a)ml, skipping template skeletons (not entities yet). */
export function exampleEntities(dir = examplesDir(), root = dir): ExampleEntity[] {
  const entities: ExampleEntity[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'skeleton') entities.push(...exampleEntities(file, root));
      continue;
    }
    if (!/\.ya?ml$/.test(entry.name)) continue;
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value: unknown = doc.toJS();
      if (!isRecord(value) || typeof value['kind'] !== 'string') continue;
      const metadata = isRecord(value['metadata']) ? value['metadata'] : {};
      const spec = isRecord(value['spec']) ? value['spec'] : {};
      const profile = isRecord(spec['profile']) ? spec['profile'] : {};
      const name = stringOr(metadata['name']) ?? '';
      const title = stringOr(metadata['title']);
      entities.push({
        kind: value['kind'],
        name,
        title,
        displayName: stringOr(profile['displayName']),
        label: title ?? name,
        owner: stringOr(spec['owner']),
        parent: stringOr(spec['parent']),
        memberOf: stringList(spec['memberOf']),
        dependsOn: stringList(spec['dependsOn']),
        dependencyOf: stringList(spec['dependencyOf']),
        file: path.relative(root, file).split(path.sep).join('/'),
      });
    }
  }
  return entities;
}

/** Entity refs as Backstage reads them: `[kind:][namespace/]name`, lower case, with a default kind. */
export function parseRef(ref: string, defaultKind: string): { kind: string; namespace: string; name: string } {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) throw new Error(`not an entity ref: ${ref}`);
  return {
    kind: (match[1] ?? defaultKind).toLowerCase(),
    namespace: (match[2] ?? 'default').toLowerCase(),
    name: (match[3] ?? '').toLowerCase(),
  };
}

/** The entity a ref points at, if examples/ has it (everything in examples/ is in namespace default). */
export function resolveRef(
  entities: readonly ExampleEntity[],
  ref: string,
  defaultKind: string,
): ExampleEntity | undefined {
  const { kind, namespace, name } = parseRef(ref, defaultKind);
  if (namespace !== 'default') return undefined;
  return entities.find((e) => e.kind.toLowerCase() === kind && e.name.toLowerCase() === name);
}

/** What an owner folder or Owners row is called: profile.displayName, else title, else name. */
export function ownerLabel(entity: ExampleEntity): string {
  return entity.displayName ?? entity.label;
}

export interface TextPosition {
  /** One-based, as Ctrl+G takes it. */
  readonly line: number;
  /** One-based column of the first character of `text`. */
  readonly column: number;
}

/** Where the first line matching `linePattern` is in an examples/ file, and `text` on that line. */
export function findInExample(relativeFile: string, linePattern: RegExp, text: string): TextPosition {
  const lines = fs.readFileSync(path.join(examplesDir(), relativeFile), 'utf8').split(/\r?\n/);
  const index = lines.findIndex((line) => linePattern.test(line));
  if (index < 0) throw new Error(`no line matching ${String(linePattern)} in examples/${relativeFile}`);
  const column = (lines[index] ?? '').indexOf(text);
  if (column < 0) throw new Error(`"${text}" is not on line ${index + 1} of examples/${relativeFile}`);
  return { line: index + 1, column: column + 1 };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
