import type { DryRunResult } from '../dryRun';
import type { ErrorLocation, ErrorStep, FieldError, ScaffolderErrorKind } from '../scaffolderErrors';
import type { TemplateBudgets } from './templateBudgets';

/** Messages between TemplateRunner (host) and the template worker process: plain data only. */
export interface RunRequest {
  readonly type: 'run';
  readonly runId: number;
  readonly templateFile: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly secrets: Readonly<Record<string, string>> | undefined;
  readonly userRef: string | undefined;
  /** Whether `catalog:fetch` may ask the host for entities. */
  readonly lookup: boolean;
  readonly budgets: TemplateBudgets;
  readonly realmScript: string | undefined;
}

export interface LookupAnswer {
  readonly type: 'lookupAnswer';
  readonly lookupId: number;
  /** The entity as JSON, or null when the catalog has none by that ref. */
  readonly entity: string | null;
}

export type RunnerToWorker = RunRequest | LookupAnswer;

export interface SerializedError {
  readonly kind: ScaffolderErrorKind | undefined;
  readonly detail: string;
  readonly location?: ErrorLocation;
  readonly step?: ErrorStep;
  readonly fieldErrors?: readonly FieldError[];
}

export type WorkerToRunner =
  /** The worker has started the run: its time budget counts from here (a cold worker takes a while to load). */
  | { readonly type: 'started'; readonly runId: number }
  /** What the run is doing now, so the host can say where when it has to stop the process. */
  | { readonly type: 'activity'; readonly runId: number; readonly activity: string }
  | { readonly type: 'lookup'; readonly lookupId: number; readonly ref: string }
  | { readonly type: 'done'; readonly runId: number; readonly result: DryRunResult }
  | { readonly type: 'failed'; readonly runId: number; readonly error: SerializedError };
