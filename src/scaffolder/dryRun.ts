import { userInfo } from 'node:os';
import type { CatalogRegistration, EntityLookup } from './actions/actionContext';
import { isPlainObject } from './parameterPages';
import { isSecretField, secretFieldNames, visiblePages } from './parameters';
import { completeBudgets, type TemplateBudgets } from './sandbox/templateBudgets';
import { TemplateRealm } from './sandbox/templateRealm';
import { ScaffolderError } from './scaffolderErrors';
import { schemaProperties } from './schemaValidation';
import { runStep, sourceAt, type RunState, type SkippedStep, type StepSummary, type TaskContext } from './stepRunner';
import type { TemplateDefinition } from './templateDefinition';
import type { TemplateFileSystem } from './templateFileSystem';
import { TemplateFolder } from './templateFolder';
import { jsonCopy, Templating } from './templating';
import { textOf } from './textContent';
import { validateValues } from './validateValues';
import { Workspace } from './workspace';

export interface DryRunOptions {
  /** Values for `${{ secrets.x }}`; never logged or printed. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** `user.ref`; defaults to `user:default/<OS user name>`. */
  readonly userRef?: string;
  /** Resolves `catalog:fetch` against the workspace catalog; without it the action is skipped. */
  readonly lookupEntity?: EntityLookup;
  /**
   * Time and output budgets of the run (defaults: DEFAULT_TEMPLATE_BUDGETS). The memory budget
   * needs a thread of its own: TemplateRunner runs dryRun in a worker with it.
   */
  readonly budgets?: Partial<TemplateBudgets>;
  /** The template realm's bundled script, when not beside this module. */
  readonly realmScript?: string;
  /** Told what the run is doing before each render (see activityBoard). */
  readonly onActivity?: (activity: string) => void;
}

export interface DryRunFile {
  /** Workspace-relative POSIX path. */
  readonly path: string;
  readonly size: number;
  readonly executable: boolean;
  /** The text, for text files; undefined for binary ones. */
  readonly content: string | undefined;
  readonly bytes: Uint8Array;
}

export interface OutputLink {
  readonly title?: string;
  readonly icon?: string;
  readonly url?: string;
  readonly entityRef?: string;
}

export interface OutputText {
  readonly title?: string;
  readonly icon?: string;
  readonly content?: string;
}

export interface TemplateOutput {
  readonly links: OutputLink[];
  readonly text: OutputText[];
  /** Any other `spec.output` keys, rendered. */
  readonly extra: Record<string, unknown>;
}

export interface DryRunResult {
  readonly files: DryRunFile[];
  readonly log: string[];
  readonly skipped: SkippedStep[];
  readonly output: TemplateOutput;
  readonly steps: StepSummary[];
  /** Catalog files of the output that `catalog:register` asked to add to the catalog. */
  readonly catalogRegistrations: CatalogRegistration[];
}

/** A ref-safe OS user name: what `user.ref` is in a local run. */
export function defaultUserRef(): string {
  let name = 'guest';
  try {
    name = userInfo().username || 'guest';
  } catch {
    // No passwd entry (some containers): stay a guest.
  }
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'guest';
  return `user:default/${safe}`;
}

function pickStrings<K extends string>(value: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) {
    if (typeof value[key] === 'string') {
      picked[key] = value[key];
    }
  }
  return picked;
}

function shapeOutput(rendered: unknown): TemplateOutput {
  const output = isPlainObject(rendered) ? rendered : {};
  const entries = (key: string): Record<string, unknown>[] =>
    Array.isArray(output[key]) ? output[key].filter(isPlainObject) : [];
  const extra = Object.fromEntries(Object.entries(output).filter(([key]) => key !== 'links' && key !== 'text'));
  return {
    links: entries('links').map((link) => pickStrings(link, ['title', 'icon', 'url', 'entityRef'] as const)),
    text: entries('text').map((text) => pickStrings(text, ['title', 'icon', 'content'] as const)),
    extra,
  };
}

/**
 * `ui:field: Secret` values travel as `secrets.<name>` and the parameter holds asterisks, as
 * Backstage's SecretInput does; password widgets stay in parameters but are redacted from logs.
 */
function splitSecrets(
  template: TemplateDefinition,
  values: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
) {
  const parameters = { ...values };
  const secrets: Record<string, string> = { ...given };
  for (const name of secretFieldNames(template)) {
    const value = parameters[name];
    if (typeof value === 'string') {
      secrets[name] ??= value;
      parameters[name] = '*'.repeat(value.length);
    }
  }
  const masked = visiblePages(template).flatMap((page) =>
    Object.entries(schemaProperties(page.schema))
      .filter(([, schema]) => isSecretField(schema))
      .map(([name]) => values[name]),
  );
  const redactions = [...Object.values(secrets), ...masked].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  return { parameters, secrets, redactions: [...new Set(redactions)].sort((a, b) => b.length - a.length) };
}

/**
 * Runs a template locally the way Backstage's dry run does: values validated (defaults applied),
 * steps in order against an in-memory workspace, remote actions skipped with a reason and
 * placeholder outputs, `spec.output` rendered. Nothing is written; `writeResult` does that.
 * Every render happens in a template realm of this run's own, within the run's time budget;
 * output is capped as it is written. Throws `ScaffolderError` for invalid values, rendering
 * errors, unsafe paths and exceeded budgets. Editors and the CLI call it through TemplateRunner,
 * which adds a worker thread, a memory budget and cancellation.
 */
export async function dryRun(
  fs: TemplateFileSystem,
  template: TemplateDefinition,
  values: Readonly<Record<string, unknown>>,
  options: DryRunOptions = {},
): Promise<DryRunResult> {
  const validation = validateValues(template, values);
  if (!validation.valid) {
    throw new ScaffolderError(
      'validation',
      `the values do not fit the template's form: ${validation.errors.map((error) => error.message).join('; ')}`,
      {
        location: { file: template.file },
        fieldErrors: validation.errors,
      },
    );
  }
  const budgets = completeBudgets(options.budgets);
  const templating = new Templating(TemplateRealm.create(options.realmScript), {
    deadline: Date.now() + budgets.timeSeconds * 1000,
    budgetSeconds: budgets.timeSeconds,
    templateFolder: template.folder,
    ...(options.onActivity ? { onActivity: options.onActivity } : {}),
  });
  const { parameters, secrets, redactions } = splitSecrets(
    template,
    jsonCopy(validation.values),
    options.secrets ?? {},
  );
  const log: string[] = [];
  const redact = (message: string): string =>
    redactions.reduce((text, secret) => text.split(secret).join('***'), message);
  const context: TaskContext = {
    parameters,
    steps: {},
    user: { ref: options.userRef ?? defaultUserRef() },
    secrets,
    context: { task: { id: 'local-dry-run' } },
  };
  const state: RunState = {
    template,
    context,
    workspace: new Workspace(budgets),
    folder: new TemplateFolder(fs, template),
    templating,
    registrations: [],
    lookupEntity: options.lookupEntity,
    summaries: [],
    skipped: [],
    log: (message) => log.push(redact(message)),
  };
  for (const step of template.steps) {
    await runStep(state, step);
  }
  templating.enterStep(undefined);
  const output = shapeOutput(
    templating.renderDeep(template.output, context, (path) => sourceAt(template, ['spec', 'output', ...path])),
  );
  const files = state.workspace.list().map(([path, file]): DryRunFile => ({
    path,
    size: file.content.byteLength,
    executable: file.executable,
    content: textOf(file.content),
    bytes: file.content,
  }));
  return {
    files,
    log,
    skipped: state.skipped,
    output,
    steps: state.summaries,
    catalogRegistrations: state.registrations,
  };
}
