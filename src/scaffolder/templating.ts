import * as path from 'node:path';
import { renderingError, type TextSource } from './renderingErrors';
import { describeError } from './sandbox/realm/realmErrors';
import type { RealmRenderOptions } from './sandbox/realm/realmProtocol';
import { DEFAULT_TEMPLATE_BUDGETS, timeBudgetError } from './sandbox/templateBudgets';
import { compileTemplate } from './sandbox/templateCompiler';
import { RealmRenderError, RealmTimeout, TemplateRealm } from './sandbox/templateRealm';
import { quoted } from './scaffolderErrors';

export type { TextSource } from './renderingErrors';
export type RenderOptions = RealmRenderOptions;
export type FieldPathSegment = string | number;

/** Text without a tag renders as itself, on this side: most skeleton files need no render at all. */
function hasTags(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

function hasTagsDeep(value: unknown): boolean {
  if (typeof value === 'string') {
    return hasTags(value);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).some(hasTagsDeep);
  }
  return false;
}

/** renderDeep of a value with nothing to render: "" becomes undefined (dropped from objects), as a render gives. */
function plainDeep(value: unknown): unknown {
  if (typeof value === 'string') {
    return value === '' ? undefined : value;
  }
  if (Array.isArray(value)) {
    return value.map(plainDeep);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => {
        const kept = plainDeep(item);
        return kept === undefined ? [] : [[key, kept]];
      }),
    );
  }
  return value;
}

function valueAt(value: unknown, fieldPath: readonly FieldPathSegment[]): unknown {
  let current = value;
  for (const segment of fieldPath) {
    current =
      typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

export interface TemplatingOptions {
  /** Milliseconds since the epoch when the run's time budget ends. */
  readonly deadline: number;
  readonly budgetSeconds: number;
  /** Paths in messages are relative to it. */
  readonly templateFolder: string;
  /** Told before each render what the run is doing, for errors raised from outside (out of memory). */
  readonly onActivity?: (activity: string) => void;
}

/**
 * Template rendering for one run: every render happens in the run's own TemplateRealm, with the
 * time left of the run's budget as its limit. Errors become ScaffolderErrors naming the file,
 * line and, for budgets, what was being rendered.
 */
export class Templating {
  private step: string | undefined;

  constructor(
    private readonly realm: TemplateRealm,
    private readonly options: TemplatingOptions,
  ) {}

  /** The step renders belong to, for activity reports. */
  enterStep(stepId: string | undefined): void {
    this.step = stepId;
  }

  /** Renders template text; errors name `source` and the line. `context` must be plain JSON data. */
  renderText(text: string, context: object, source: TextSource, options: RenderOptions = {}): string {
    if (!hasTags(text)) {
      return text;
    }
    const activity = this.announce(source);
    let code: string;
    try {
      code = compileTemplate(text, options, source.file);
    } catch (error) {
      throw renderingError(describeError(error), text, source);
    }
    try {
      this.realm.setContext(context, this.remainingMs());
      return this.realm.renderText({ op: 'text', text: '', code, options, name: source.file }, this.remainingMs());
    } catch (error) {
      throw this.translate(error, text, source, activity);
    }
  }

  /**
   * Renders every string below `value` (keys stay as written). A string that is exactly one
   * `${{ expression }}` keeps the expression's JSON type; anything else becomes a string; an empty
   * result is undefined, as in Backstage. `locate` places errors in the template file.
   */
  renderDeep(value: unknown, context: object, locate: (fieldPath: readonly FieldPathSegment[]) => TextSource): unknown {
    if (!hasTagsDeep(value)) {
      return plainDeep(value);
    }
    const activity = this.announce(locate([]));
    try {
      this.realm.setContext(context, this.remainingMs());
      return this.realm.renderDeep(value, this.remainingMs());
    } catch (error) {
      const fieldPath = error instanceof RealmRenderError ? (error.path ?? []) : [];
      const text = valueAt(value, fieldPath);
      throw this.translate(error, typeof text === 'string' ? text : '', locate(fieldPath), activity);
    }
  }

  /** Throws the budget error when the run's time is up (checked between steps, too). */
  checkTime(activity: string): void {
    if (this.remainingMs() <= 0) {
      throw timeBudgetError(this.options.budgetSeconds, activity);
    }
  }

  private remainingMs(): number {
    return this.options.deadline - Date.now();
  }

  private announce(source: TextSource): string {
    const relative = path.relative(this.options.templateFolder, source.file).split(path.sep).join('/');
    const what = source.what ?? quoted(relative === '' || relative.startsWith('..') ? source.file : relative);
    const activity = `rendering ${what}`;
    this.options.onActivity?.(this.step === undefined ? activity : `${activity} in step ${quoted(this.step)}`);
    return activity;
  }

  private translate(error: unknown, text: string, source: TextSource, activity: string): unknown {
    if (error instanceof RealmTimeout) {
      return timeBudgetError(this.options.budgetSeconds, activity, { file: source.file });
    }
    if (error instanceof RealmRenderError) {
      return renderingError(error.realmError, text, source);
    }
    return error;
  }
}

/** A Templating for a single render outside a run (tests, tools): its own realm and the default time budget. */
function oneShot(source: TextSource): Templating {
  const seconds = DEFAULT_TEMPLATE_BUDGETS.timeSeconds;
  return new Templating(TemplateRealm.create(), {
    deadline: Date.now() + seconds * 1000,
    budgetSeconds: seconds,
    templateFolder: path.dirname(source.file),
  });
}

/** Renders template text once, in a realm of its own. */
export function renderText(text: string, context: object, source: TextSource, options: RenderOptions = {}): string {
  return hasTags(text) ? oneShot(source).renderText(text, context, source, options) : text;
}

/** Renders one string of a step's input once, in a realm of its own (see Templating.renderDeep). */
export function renderTemplateString(value: string, context: object, source: TextSource): unknown {
  return oneShot(source).renderDeep(value, context, () => source);
}

/** Backstage's `if`: false for false, undefined, null, "", 0 and []. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** A JSON copy: what Backstage hands its isolate, so templates never see host objects. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
