import * as path from 'node:path';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { BUILTIN_CHECK_IDS, BUILTIN_CHECKS } from './builtinChecks';
import { CHECKS_FILE, MAX_CHECKS_FILE_BYTES, parseChecksFile, type ChecksFile } from './checksFile';
import type { ScorecardCheck } from './scorecardTypes';

/** Reads a checks file (default `<root>/.greenroom/checks.yaml`); undefined when there is none. */
export async function readChecksFile(
  fs: CatalogFileSystem,
  root: string,
  file = path.join(root, CHECKS_FILE),
): Promise<ChecksFile | undefined> {
  const stat = await fs.stat(file);
  if (!stat?.isFile) {
    return undefined;
  }
  if (stat.size > MAX_CHECKS_FILE_BYTES) {
    return parseChecksFile(file, ' '.repeat(MAX_CHECKS_FILE_BYTES + 1), BUILTIN_CHECK_IDS);
  }
  return parseChecksFile(file, new TextDecoder().decode(await fs.readFile(file)), BUILTIN_CHECK_IDS);
}

export interface CheckSetOptions {
  /** Checks files of the workspace folders (or the one given to the CLI). */
  readonly files?: readonly ChecksFile[];
  /** Built-ins switched off by settings; a checks file's `builtins: { id: true }` switches one back on. */
  readonly disabledBuiltins?: ReadonlySet<string>;
  readonly pluginChecks?: readonly ScorecardCheck[];
}

/**
 * The checks in force: built-ins (unless switched off), then each file's checks, then plugins'
 * (a later check whose id is taken is left out, so ids stay unique in results and SARIF).
 */
export function checkSet(options: CheckSetOptions): ScorecardCheck[] {
  const switches = new Map<string, boolean>();
  for (const id of options.disabledBuiltins ?? []) {
    switches.set(id, false);
  }
  for (const file of options.files ?? []) {
    for (const [id, enabled] of file.builtins) {
      switches.set(id, enabled);
    }
  }
  const result: ScorecardCheck[] = BUILTIN_CHECKS.filter((check) => switches.get(check.id) !== false);
  const ids = new Set<string>(BUILTIN_CHECK_IDS);
  for (const check of [...(options.files ?? []).flatMap((file) => file.checks), ...(options.pluginChecks ?? [])]) {
    if (!ids.has(check.id)) {
      ids.add(check.id);
      result.push(check);
    }
  }
  return result;
}
