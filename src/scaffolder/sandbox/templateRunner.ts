import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EntityLookup } from '../actions/actionContext';
import type { DryRunResult } from '../dryRun';
import { ScaffolderError } from '../scaffolderErrors';
import { createActivityBoard, readActivity } from './activityBoard';
import { completeBudgets, memoryBudgetError, timeBudgetError, type TemplateBudgets } from './templateBudgets';
import type { RunRequest, SerializedError, WorkerToRunner } from './templateWorkerProtocol';

export interface TemplateRunnerOptions {
  readonly budgets?: Partial<TemplateBudgets>;
  /** The worker entry; default: templateWorker.js beside this module (dist/ or the compiled tests). */
  readonly workerScript?: string;
  /** The template realm's script, when not beside the worker. */
  readonly realmScript?: string;
  /** How long past the time budget the host waits before it stops the worker itself. */
  readonly graceMs?: number;
  /** How long a worker that finished a run is kept for the next one. */
  readonly idleMs?: number;
}

export interface TemplateRunRequest {
  readonly templateFile: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly secrets?: Readonly<Record<string, string>>;
  readonly userRef?: string;
  /** Answers `catalog:fetch` from this thread's catalog; without it the action is skipped. */
  readonly lookupEntity?: EntityLookup;
  /** Aborting stops the run at once (its worker is terminated). */
  readonly signal?: AbortSignal;
}

/** The run was cancelled (a newer preview, the user's cancel); not an error to show. */
export class TemplateRunCancelled extends Error {
  constructor() {
    super('the template run was cancelled');
    this.name = 'TemplateRunCancelled';
  }
}

interface IdleWorker {
  readonly worker: Worker;
  readonly memoryMb: number;
  readonly timer: NodeJS.Timeout;
}

function deserialize(error: SerializedError): Error {
  if (error.kind === undefined) {
    return new Error(error.detail);
  }
  return new ScaffolderError(error.kind, error.detail, { ...(error.location ? { location: error.location } : {}), ...(error.step ? { step: error.step } : {}), ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) });
}

/**
 * Runs templates (dryRun: all steps, all files) in a worker thread: a heap limit of its own is
 * the memory budget, the run's time budget is enforced inside (each render's limit is the time
 * left) and, as a backstop, from here (the worker is terminated a grace period later), and
 * cancelling terminates it. The host thread only sends the request, answers `catalog:fetch`
 * lookups and receives plain data. A worker that finished cleanly is kept warm for the next run;
 * each run still gets a fresh template realm.
 */
export class TemplateRunner {
  private budgets: TemplateBudgets;
  private idle: IdleWorker | undefined;
  private readonly busy = new Set<Worker>();
  private nextRunId = 0;
  private disposed = false;

  constructor(private readonly options: TemplateRunnerOptions = {}) {
    this.budgets = completeBudgets(options.budgets);
  }

  get currentBudgets(): TemplateBudgets {
    return this.budgets;
  }

  setBudgets(budgets: Partial<TemplateBudgets>): void {
    this.budgets = completeBudgets(budgets);
  }

  async run(request: TemplateRunRequest): Promise<DryRunResult> {
    if (request.signal?.aborted) {
      throw new TemplateRunCancelled();
    }
    const budgets = this.budgets;
    const worker = this.takeWorker(budgets.memoryMb);
    const activity = createActivityBoard();
    const runId = this.nextRunId++;
    const graceMs = this.options.graceMs ?? 2000;
    return new Promise<DryRunResult>((resolve, reject) => {
      let settled = false;
      const doing = (): string => readActivity(activity) ?? 'starting';
      const finish = (keepWorker: boolean, settle: () => void): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(backstop);
        request.signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.busy.delete(worker);
        if (keepWorker) {
          this.release(worker, budgets.memoryMb);
        } else {
          void worker.terminate();
        }
        settle();
      };
      const backstop = setTimeout(() => finish(false, () => reject(timeBudgetError(budgets.timeSeconds, doing()))), budgets.timeSeconds * 1000 + graceMs);
      const onAbort = (): void => finish(false, () => reject(new TemplateRunCancelled()));
      const onMessage = (message: WorkerToRunner): void => {
        if (message.type === 'lookup') {
          Promise.resolve(request.lookupEntity?.(message.ref))
            .catch(() => undefined)
            .then((entity) => {
              if (!settled) {
                worker.postMessage({ type: 'lookupAnswer', lookupId: message.lookupId, entity: entity ? JSON.stringify(entity) : null });
              }
            })
            .catch(() => undefined);
        } else if (message.runId === runId) {
          finish(true, () => (message.type === 'done' ? resolve(message.result) : reject(deserialize(message.error))));
        }
      };
      const onError = (error: Error): void => {
        const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        finish(false, () => reject(outOfMemory ? memoryBudgetError(budgets.memoryMb, doing()) : new Error(`the template worker failed while ${doing()}: ${error.message}`)));
      };
      const onExit = (code: number): void => finish(false, () => reject(new Error(`the template worker stopped (exit code ${code}) while ${doing()}`)));
      request.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const message: RunRequest = {
        type: 'run',
        runId,
        templateFile: request.templateFile,
        values: request.values,
        secrets: request.secrets,
        userRef: request.userRef,
        lookup: request.lookupEntity !== undefined,
        budgets,
        realmScript: this.options.realmScript,
        activity,
      };
      try {
        worker.postMessage(message);
      } catch (error) {
        finish(false, () => reject(error instanceof Error ? error : new Error(String(error))));
      }
    });
  }

  /** Stops every worker; runs in flight end with an error. */
  dispose(): void {
    this.disposed = true;
    this.dropIdle();
    for (const worker of this.busy) {
      void worker.terminate();
    }
    this.busy.clear();
  }

  private workerScript(): string {
    return this.options.workerScript ?? path.join(__dirname, 'templateWorker.js');
  }

  private takeWorker(memoryMb: number): Worker {
    if (this.disposed) {
      throw new Error('the template runner was disposed');
    }
    let worker: Worker;
    if (this.idle && this.idle.memoryMb === memoryMb) {
      clearTimeout(this.idle.timer);
      worker = this.idle.worker;
      this.idle = undefined;
    } else {
      this.dropIdle();
      const script = this.workerScript();
      if (!existsSync(script)) {
        throw new Error(`the template worker ${script} is missing; rebuild Greenroom`);
      }
      worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, env: {}, stdout: false, stderr: false });
    }
    worker.ref();
    this.busy.add(worker);
    return worker;
  }

  private release(worker: Worker, memoryMb: number): void {
    if (this.disposed || this.idle) {
      void worker.terminate();
      return;
    }
    // An idle worker must not keep a process (the CLI, a test run) alive.
    worker.unref();
    const timer = setTimeout(() => this.dropIdle(), this.options.idleMs ?? 60_000);
    timer.unref();
    this.idle = { worker, memoryMb, timer };
  }

  private dropIdle(): void {
    if (this.idle) {
      clearTimeout(this.idle.timer);
      void this.idle.worker.terminate();
      this.idle = undefined;
    }
  }
}
