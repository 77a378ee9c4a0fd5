import * as path from 'node:path';
import picomatch from 'picomatch';
import { isMap, isSeq, parseDocument, type Node } from 'yaml';
import { isInsideFolder, type CatalogFileSystem } from './catalogFileSystem';
import { parseCatalogRules, type CatalogRule } from './catalogRules';
import type { CatalogProblem } from './problems';
import { LineIndex, START_OF_FILE, type SourceRange } from './sourceRange';

/**
 * The files a Backstage backend started in the repository merges by default (`yarn start`,
 * no `--config`): `app-config.yaml`, then `app-config.local.yaml` over it. Deployment overlays
 * (`app-config.production.yaml`, …) are only read when passed with `--config`; merging them
 * here would replace the example locations a new app ships with (create-app's production
 * overlay drops the org data), so they are left out.
 */
const CONFIG_FILE = /^app-config(\.local)?\.ya?ml$/i;

/** One entry of `catalog.locations`: a static location Backstage registers at start. */
export interface AppConfigLocation {
  readonly type: string;
  /** As written. */
  readonly target: string;
  /**
   * For `file`: the absolute path (or glob) Backstage reads. Relative targets resolve from the
   * backend's working folder, which for a Backstage app is the config's folder or, when the
   * target is not there, `packages/backend` below it (where `yarn start` runs the backend).
   */
  readonly resolved: string;
  readonly configFile: string;
  readonly range: SourceRange;
  /** `catalog.locations[i].rules`: extra rules for what this location reads. */
  readonly rules: readonly CatalogRule[];
}

export interface AppConfigCatalog {
  /** The config files read, in the order Backstage merges them (later ones win). */
  readonly files: readonly string[];
  /** `catalog.rules` of the file that wins it; undefined when no file sets it (Backstage's default applies). */
  readonly rules: readonly CatalogRule[] | undefined;
  readonly locations: readonly AppConfigLocation[];
  readonly problems: readonly CatalogProblem[];
}

/** Whether a root-relative path names an app-config file Greenroom reads. */
export function isAppConfigFile(root: string, file: string): boolean {
  return path.dirname(file) === root && CONFIG_FILE.test(path.basename(file));
}

/** app-config.yaml first, then overlays by name, `app-config.local.yaml` last: Backstage's order. */
function mergeOrder(a: string, b: string): number {
  const rank = (name: string): number =>
    /^app-config\.ya?ml$/i.test(name) ? 0 : /^app-config\.local\.ya?ml$/i.test(name) ? 2 : 1;
  return rank(a) - rank(b) || a.localeCompare(b);
}

interface ConfigText {
  readonly file: string;
  readonly lines: LineIndex;
  readonly catalog: Node | undefined;
}

function child(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) {
    return undefined;
  }
  const value = node.get(key, true) as unknown;
  return value && typeof value === 'object' ? (value as Node) : undefined;
}

function rangeOf(config: ConfigText, node: Node | undefined): SourceRange {
  return node?.range ? config.lines.rangeAt(node.range[0], node.range[1]) : START_OF_FILE;
}

/** The folder a relative `file` target resolves from: the config's folder, else its `packages/backend`. */
async function resolveFileTarget(
  fs: CatalogFileSystem,
  root: string,
  configFile: string,
  target: string,
): Promise<string> {
  if (path.isAbsolute(target)) {
    return path.normalize(target);
  }
  const folder = path.dirname(configFile);
  const bases = [folder, path.join(folder, 'packages', 'backend')];
  const staticPart = picomatch.scan(target).isGlob ? picomatch.scan(target).base : target;
  for (const base of bases) {
    const probe = path.resolve(base, staticPart || '.');
    if (isInsideFolder(root, probe) && (await fs.stat(probe))) {
      return path.resolve(base, target);
    }
  }
  return path.resolve(folder, target);
}

/**
 * Reads the catalog part of a workspace's Backstage config: the files at its root named
 * `app-config*.yaml`, merged as Backstage merges them (a key set by a later file replaces the
 * earlier value; lists are never concatenated). Undefined when there is no such file.
 */
export async function readAppConfig(fs: CatalogFileSystem, root: string): Promise<AppConfigCatalog | undefined> {
  let names: string[];
  try {
    names = (await fs.readDirectory(root))
      .filter((entry) => entry.isFile && CONFIG_FILE.test(entry.name))
      .map((entry) => entry.name);
  } catch {
    return undefined;
  }
  if (names.length === 0) {
    return undefined;
  }
  names.sort(mergeOrder);
  const problems: CatalogProblem[] = [];
  const configs: ConfigText[] = [];
  for (const name of names) {
    const file = path.join(root, name);
    try {
      const text = new TextDecoder().decode(await fs.readFile(file));
      const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
      const lines = new LineIndex(text);
      for (const error of document.errors.slice(0, 1)) {
        problems.push({
          file,
          range: lines.rangeAt(error.pos[0], error.pos[1]),
          severity: 'error',
          code: 'app-config',
          message: `YAML error in ${name}: ${error.message.split('\n', 1)[0] ?? ''}`,
        });
      }
      configs.push({ file, lines, catalog: child(document.contents ?? undefined, 'catalog') });
    } catch (error) {
      problems.push({
        file,
        range: START_OF_FILE,
        severity: 'error',
        code: 'app-config',
        message: `Could not read ${name}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  // Lists are replaced, not merged: the last file that sets a key decides it.
  const rulesFrom = [...configs].reverse().find((config) => child(config.catalog, 'rules') !== undefined);
  const locationsFrom = [...configs].reverse().find((config) => child(config.catalog, 'locations') !== undefined);
  let rules: CatalogRule[] | undefined;
  if (rulesFrom) {
    const node = child(rulesFrom.catalog, 'rules');
    const parsed = parseCatalogRules(
      node?.toJSON() as unknown,
      'catalog.rules',
      undefined,
      path.basename(rulesFrom.file),
    );
    rules = parsed.rules;
    problems.push(
      ...parsed.errors.map((message): CatalogProblem => ({
        file: rulesFrom.file,
        range: rangeOf(rulesFrom, node),
        severity: 'error',
        code: 'app-config',
        message,
      })),
    );
  }
  const locations: AppConfigLocation[] = [];
  const sequence = locationsFrom ? child(locationsFrom.catalog, 'locations') : undefined;
  if (locationsFrom && isSeq(sequence)) {
    const name = path.basename(locationsFrom.file);
    for (const [position, item] of sequence.items.entries()) {
      const type = child(item as Node, 'type')?.toJSON() as unknown;
      const targetNode = child(item as Node, 'target');
      const target = targetNode?.toJSON() as unknown;
      if (typeof type !== 'string' || typeof target !== 'string' || target.trim() === '') {
        problems.push({
          file: locationsFrom.file,
          range: rangeOf(locationsFrom, item as Node),
          severity: 'error',
          code: 'app-config',
          message: `catalog.locations[${position}] in ${name} needs a type and a target`,
        });
        continue;
      }
      const resolved =
        type === 'file' ? await resolveFileTarget(fs, root, locationsFrom.file, target.trim()) : target.trim();
      const rulesNode = child(item as Node, 'rules');
      const own = rulesNode
        ? parseCatalogRules(
            rulesNode.toJSON() as unknown,
            `catalog.locations[${position}].rules`,
            { type, exact: resolved },
            name,
          )
        : { rules: [], errors: [] };
      problems.push(
        ...own.errors.map((message): CatalogProblem => ({
          file: locationsFrom.file,
          range: rangeOf(locationsFrom, rulesNode),
          severity: 'error',
          code: 'app-config',
          message,
        })),
      );
      locations.push({
        type,
        target: target.trim(),
        resolved,
        configFile: locationsFrom.file,
        range: rangeOf(locationsFrom, targetNode),
        rules: own.rules,
      });
    }
  }
  return { files: configs.map((config) => config.file), rules, locations, problems };
}
