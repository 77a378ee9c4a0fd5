import { existsSync, statSync } from 'node:fs';
import { RegistryError } from '../registry/registryErrors';
import { buildIndexReport, formatProblemLine, type IndexOptions, type IndexReport } from './catalogReport';
import { check, CHECK_USAGE } from './checkCommand';
import { init, INIT_USAGE } from './initCommand';
import { mcp, MCP_USAGE } from './mcpCommand';
import { scaffold, SCAFFOLD_USAGE } from './scaffoldCommand';
import { standardError, standardOutput } from './terminalOutput';

const USAGE = `Usage:
  greenroom validate <folder>        print catalog problems; exit 1 if any is an error
  greenroom index <folder> --json    print entities, relations and problems as JSON
      [--glob <pattern>]             (both) catalog files to read instead of **/catalog-info.yaml;
                                     repeat for several, e.g. --glob '**/backstage.yaml'
      [--registry <baseUrl>]         (both) merge a Backstage backend's catalog (token from
                                     GREENROOM_TOKEN): refs to its entities are not dangling
      [--registry-max-entities <n>]  stop a sync past n entities (default 500000)
      [--registry-max-pages <n>]     stop a sync past n pages (default 10000)
${CHECK_USAGE}
${SCAFFOLD_USAGE}
${INIT_USAGE}
${MCP_USAGE}
  greenroom --help`;

const OPTIONS_WITH_VALUES = new Set(['--registry', '--registry-max-entities', '--registry-max-pages', '--glob']);

function folderArgument(args: readonly string[]): string | undefined {
  return args.find((arg, position) => !arg.startsWith('-') && !OPTIONS_WITH_VALUES.has(args[position - 1] ?? ''));
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const position = args.indexOf(name);
  return position >= 0 ? args[position + 1] : undefined;
}

/** Every value given with a repeatable option, or why one is missing. */
function repeatedOption(args: readonly string[], name: string): { readonly values: string[]; readonly error?: string } {
  const values: string[] = [];
  for (let position = 0; position < args.length; position++) {
    if (args[position] === name) {
      const value = args[position + 1];
      if (value === undefined || value.length === 0 || value.startsWith('-')) {
        return { values, error: `${name} needs a pattern, e.g. ${name} '**/backstage.yaml'` };
      }
      values.push(value);
    }
  }
  return { values };
}

/** The folder's report, or undefined after printing why the registry failed (exit 1). */
async function reportOf(folder: string, options: IndexOptions): Promise<IndexReport | undefined> {
  try {
    return await buildIndexReport(folder, options);
  } catch (error) {
    // A registry that failed is the input's fault, not Greenroom's: its message says what to do.
    if (error instanceof RegistryError) {
      standardError.line`greenroom: registry failed: ${error.message}`;
      return undefined;
    }
    throw error;
  }
}

/** With --registry, refs to the company catalog's entities resolve: only the rest are dangling. */
async function validate(folder: string, options: IndexOptions): Promise<number> {
  const report = await reportOf(folder, options);
  if (!report) {
    return 1;
  }
  for (const problem of report.problems) {
    standardOutput.line`${formatProblemLine(problem)}`;
  }
  const errors = report.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = report.problems.filter((problem) => problem.severity === 'warning').length;
  standardOutput.line`${report.entities.length} entities, ${errors} errors, ${warnings} warnings`;
  return errors > 0 ? 1 : 0;
}

/** A positive whole number given with `name` (absent: no value), or why it is not one. */
function countOption(args: readonly string[], name: string): { readonly value?: number; readonly error?: string } {
  if (!args.includes(name)) {
    return {};
  }
  const value = optionValue(args, name) ?? '';
  return /^[1-9][0-9]{0,8}$/.test(value) ? { value: Number(value) } : { error: `${name} needs a whole number above 0` };
}

async function index(folder: string, json: boolean, options: IndexOptions): Promise<number> {
  const report = await reportOf(folder, options);
  if (!report) {
    return 1;
  }
  if (json) {
    standardOutput.block(JSON.stringify(report, null, 2));
  } else {
    for (const entity of report.entities) {
      standardOutput.line`${entity.ref}\t${entity.file === null ? entity.origin : `${entity.file}:${entity.line}`}`;
    }
    standardOutput.line`${report.entities.length} entities, ${report.relations.length} relations, ${report.problems.length} problems`;
  }
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    standardOutput.block(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'scaffold') {
    return scaffold(rest);
  }
  if (command === 'mcp') {
    return mcp(rest);
  }
  if (command === 'check') {
    return check(rest);
  }
  if (command === 'init') {
    return init(rest);
  }
  const folder = folderArgument(rest);
  if (command !== 'validate' && command !== 'index') {
    standardError.line`greenroom: unknown command "${command}"`;
    standardError.block(USAGE);
    return 2;
  }
  if (!folder || !existsSync(folder) || !statSync(folder).isDirectory()) {
    standardError.line`greenroom: ${folder ? `"${folder}" is not a folder` : 'a folder is required'}`;
    standardError.block(USAGE);
    return 2;
  }
  const registryUrl = optionValue(rest, '--registry');
  if (rest.includes('--registry') && (!registryUrl || !/^https?:\/\//.test(registryUrl))) {
    standardError.line`greenroom: --registry needs an http(s) base URL`;
    return 2;
  }
  const maxEntities = countOption(rest, '--registry-max-entities');
  const maxPages = countOption(rest, '--registry-max-pages');
  const globs = repeatedOption(rest, '--glob');
  const usageError = maxEntities.error ?? maxPages.error ?? globs.error;
  if (usageError) {
    standardError.line`greenroom: ${usageError}`;
    return 2;
  }
  const options: IndexOptions = {
    registryUrl,
    token: process.env['GREENROOM_TOKEN'] || undefined,
    maxEntities: maxEntities.value,
    maxPages: maxPages.value,
    catalogGlobs: globs.values,
  };
  return command === 'validate' ? validate(folder, options) : index(folder, rest.includes('--json'), options);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      standardError.block(`greenroom: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 2;
    },
  );
}
