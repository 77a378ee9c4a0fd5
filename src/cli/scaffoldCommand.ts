import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  formatLocation,
  formatTemplateProblem,
  loadTemplate,
  nodeResultWriter,
  nodeTemplateFileSystem,
  ScaffolderError,
  TemplateRunner,
  writeResult,
  type TemplateBudgets,
} from '../scaffolder';
import { standardError, standardOutput } from './terminalOutput';

export const SCAFFOLD_USAGE = `  greenroom scaffold <template.yaml> --values <values.json> --out <dir> [--dry-run] [--force]
                     [--time-budget <seconds>] [--memory-budget <MB>]
                                     render a software template locally; --dry-run prints the files
                                     as JSON, otherwise they are written into --out (existing files
                                     are refused unless --force). The run stops with an error past
                                     its time budget (default 10 s) or memory budget (default 512 MB);
                                     GREENROOM_TEMPLATE_TIME_BUDGET, GREENROOM_TEMPLATE_MEMORY_BUDGET,
                                     GREENROOM_TEMPLATE_MAX_FILES, GREENROOM_TEMPLATE_MAX_FILE_BYTES and
                                     GREENROOM_TEMPLATE_MAX_TOTAL_BYTES set budgets from the environment`;

const FLAGS = new Set(['--dry-run', '--force']);
const OPTIONS_WITH_VALUES = new Set(['--values', '--out', '--time-budget', '--memory-budget']);

/** Budgets the environment sets; flags win over them. */
const BUDGET_VARIABLES: readonly (readonly [keyof TemplateBudgets, string])[] = [
  ['timeSeconds', 'GREENROOM_TEMPLATE_TIME_BUDGET'],
  ['memoryMb', 'GREENROOM_TEMPLATE_MEMORY_BUDGET'],
  ['maxFiles', 'GREENROOM_TEMPLATE_MAX_FILES'],
  ['maxFileBytes', 'GREENROOM_TEMPLATE_MAX_FILE_BYTES'],
  ['maxTotalBytes', 'GREENROOM_TEMPLATE_MAX_TOTAL_BYTES'],
];

interface ScaffoldArguments {
  readonly template: string;
  readonly values: string | undefined;
  readonly out: string | undefined;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly budgets: Partial<TemplateBudgets>;
}

function positiveNumber(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${what} must be a positive number, got ${JSON.stringify(text)}`);
  }
  return value;
}

function budgetsOf(options: ReadonlyMap<string, string>): Partial<TemplateBudgets> {
  const budgets: { -readonly [K in keyof TemplateBudgets]?: number } = {};
  for (const [key, variable] of BUDGET_VARIABLES) {
    const text = process.env[variable];
    if (text !== undefined && text !== '') {
      budgets[key] = positiveNumber(text, variable);
    }
  }
  const time = options.get('--time-budget');
  const memory = options.get('--memory-budget');
  if (time !== undefined) {
    budgets.timeSeconds = positiveNumber(time, '--time-budget');
  }
  if (memory !== undefined) {
    budgets.memoryMb = positiveNumber(memory, '--memory-budget');
  }
  return budgets;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): ScaffoldArguments {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (OPTIONS_WITH_VALUES.has(arg)) {
      const value = args[++index];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError(`${arg} needs a value`);
      }
      options.set(arg, value);
    } else if (arg.startsWith('--') && !FLAGS.has(arg)) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (!arg.startsWith('--')) {
      positional.push(arg);
    }
  }
  const [template, ...extra] = positional;
  if (!template || extra.length > 0) {
    throw new UsageError(template ? `unexpected argument ${extra[0] ?? ''}` : 'a template file is required');
  }
  const dryRunFlag = args.includes('--dry-run');
  if (!dryRunFlag && !options.has('--out')) {
    throw new UsageError('--out <dir> is required unless --dry-run is given');
  }
  return {
    template,
    values: options.get('--values'),
    out: options.get('--out'),
    dryRun: dryRunFlag,
    force: args.includes('--force'),
    budgets: budgetsOf(options),
  };
}

function readValues(file: string | undefined): Record<string, unknown> {
  if (file === undefined) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read values from ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} must hold a JSON object of parameter values`);
  }
  return parsed as Record<string, unknown>;
}

function relativeToCwd(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The error with file paths relative to the working directory, and one line per invalid field. */
function describeError(error: ScaffolderError): string {
  const prefix = [
    error.location ? `${formatLocation({ ...error.location, file: relativeToCwd(error.location.file) })}:` : undefined,
    error.step ? `step "${error.step.id}" (${error.step.action}):` : undefined,
    `${error.kind} error:`,
  ].filter((part) => part !== undefined);
  const fields = error.fieldErrors.map((field) => `\n  ${field.field}: ${field.message}`).join('');
  return `${prefix.join(' ')} ${error.kind === 'validation' && fields ? 'the values do not fit the template' : error.detail}${fields}`;
}

/** `greenroom scaffold`: 0 on success, 1 on template/values/rendering/safety errors, 2 on usage errors. */
export async function scaffold(args: readonly string[]): Promise<number> {
  let parsed: ScaffoldArguments;
  let values: Record<string, unknown>;
  try {
    parsed = parseArguments(args);
    if (!existsSync(parsed.template) || !statSync(parsed.template).isFile()) {
      throw new UsageError(`"${parsed.template}" is not a file`);
    }
    values = readValues(parsed.values);
  } catch (error) {
    if (error instanceof UsageError) {
      standardError.line`greenroom scaffold: ${error.message}`;
      standardError.block(`Usage:\n${SCAFFOLD_USAGE}`);
      return 2;
    }
    throw error;
  }
  const loaded = await loadTemplate(nodeTemplateFileSystem, parsed.template);
  for (const problem of loaded.problems) {
    standardError.line`${formatTemplateProblem({ ...problem, file: relativeToCwd(problem.file) })}`;
  }
  if (!loaded.template) {
    standardError.line`greenroom scaffold: ${parsed.template} is not a valid template`;
    return 1;
  }
  // The run happens in a worker process with the budgets; this process only prints and writes.
  const runner = new TemplateRunner({ budgets: parsed.budgets });
  try {
    const result = await runner.run({ templateFile: loaded.template.file, values });
    if (parsed.dryRun) {
      const report = {
        files: result.files.map(({ path: filePath, size }) => ({ path: filePath, size })),
        skipped: result.skipped,
      };
      standardOutput.block(JSON.stringify(report, null, 2));
      return 0;
    }
    const out = path.resolve(parsed.out ?? '.');
    const summary = await writeResult(result, out, nodeResultWriter, { overwrite: parsed.force });
    if (summary.written.length === 0 && summary.conflicts.length > 0) {
      standardError.line`greenroom scaffold: ${summary.conflicts.length} files already exist in ${parsed.out}; nothing was written (use --force to overwrite):`;
      summary.conflicts.forEach((file) => standardError.line`  ${file}`);
      return 1;
    }
    for (const file of summary.written) {
      standardOutput.line`wrote ${path.join(parsed.out ?? '.', file)}`;
    }
    for (const skipped of result.skipped) {
      standardOutput.line`skipped step "${skipped.step}" (${skipped.action}): ${skipped.reason}`;
    }
    standardOutput.line`${summary.written.length} files written to ${parsed.out}${summary.conflicts.length > 0 ? ` (${summary.conflicts.length} overwritten)` : ''}`;
    return 0;
  } catch (error) {
    if (error instanceof ScaffolderError) {
      // A validation error lists one field per line: its newlines are layout, so it prints as a block.
      standardError.block(`greenroom scaffold: ${describeError(error)}`);
      return 1;
    }
    throw error;
  } finally {
    runner.dispose();
  }
}
