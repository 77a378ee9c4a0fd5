/**
 * Why a run stopped:
 * - `input`: a step's input is wrong (Backstage's InputError), or a file it needs is missing;
 * - `validation`: the parameter values do not satisfy the template's form;
 * - `rendering`: a `${{ }}` expression or a `{% %}` block failed;
 * - `safety`: a path would leave the workspace or the template folder;
 * - `budget`: the run went past its time, memory or output budget.
 */
export type ScaffolderErrorKind = 'input' | 'validation' | 'rendering' | 'safety' | 'budget';

/** A place in a file; line and column are one-based, as people count them. */
export interface ErrorLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** The step an error happened in, as the template names it. */
export interface ErrorStep {
  readonly id: string;
  readonly action: string;
}

export interface FieldError {
  /** Index of the parameter page the field is on. */
  readonly page: number;
  /** Dotted path of the field (`name`, `database.size`, `tags.2`). */
  readonly field: string;
  /** Complete sentence naming the field by its title, e.g. `Name is required`. */
  readonly message: string;
}

export interface ScaffolderErrorDetails {
  readonly location?: ErrorLocation;
  readonly step?: ErrorStep;
  readonly fieldErrors?: readonly FieldError[];
}

export function formatLocation(location: ErrorLocation): string {
  return [location.file, location.line, location.line !== undefined ? location.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
}

/**
 * Every failure of loading, rendering or running a template. `message` is complete
 * (`file:line:col: step "id" (action): detail`); the parts are kept for editors that show them apart.
 */
export class ScaffolderError extends Error {
  readonly kind: ScaffolderErrorKind;
  readonly detail: string;
  readonly location: ErrorLocation | undefined;
  readonly step: ErrorStep | undefined;
  readonly fieldErrors: readonly FieldError[];

  constructor(kind: ScaffolderErrorKind, detail: string, details: ScaffolderErrorDetails = {}) {
    const prefix = [
      details.location ? `${formatLocation(details.location)}:` : undefined,
      details.step ? `step "${details.step.id}" (${details.step.action}):` : undefined,
    ].filter((part) => part !== undefined);
    super([...prefix, detail].join(' '));
    this.name = 'ScaffolderError';
    this.kind = kind;
    this.detail = detail;
    this.location = details.location;
    this.step = details.step;
    this.fieldErrors = details.fieldErrors ?? [];
  }

  /** The same error, placed in a step when it was raised below the step runner. */
  inStep(step: ErrorStep): ScaffolderError {
    return this.step ? this : new ScaffolderError(this.kind, this.detail, { ...this.detailsWithout(), step });
  }

  private detailsWithout(): ScaffolderErrorDetails {
    return { ...(this.location ? { location: this.location } : {}), fieldErrors: this.fieldErrors };
  }
}

export function inputError(detail: string, location?: ErrorLocation): ScaffolderError {
  return new ScaffolderError('input', detail, location ? { location } : {});
}

export function safetyError(detail: string, location?: ErrorLocation): ScaffolderError {
  return new ScaffolderError('safety', detail, location ? { location } : {});
}

/** Quotes a path or value for a message so NUL bytes, newlines and backslashes stay visible. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}
