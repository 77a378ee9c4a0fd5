import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { EntityLookup } from '../actions/actionContext';
import type { DryRunResult } from '../dryRun';
import { ScaffolderError } from '../scaffolderErrors';
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
  /** How long a new worker may take to load before the run fails. */
  readonly startupMs?: number;
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
  /** Aborting stops the run at once (its worker is killed). */
  readonly signal?: AbortSignal;
}

/** The run was cancelled (a newer preview, the user's cancel); not an error to show. */
export class TemplateRunCancelled extends Error {
  constructor() {
    super('the template run was cancelled');
    this.name = 'TemplateRunCancelled';
  }
}

/** A worker process and the tail of what it wrote to stderr (V8 says "heap out of memory" there). */
interface WorkerProcess {
  readonly child: ChildProcess;
  readonly memoryMb: number;
  stderrTail: string;
}

interface IdleWorker {
  readonly worker: WorkerProcess;
  readonly timer: NodeJS.Timeout;
}

function deserialize(error: SerializedError): Error {
  if (error.kind === undefined) {
    return new Error(error.detail);
  }
  return new ScaffolderError(error.kind, error.detail, {
    ...(error.location ? { location: error.location } : {}),
    ...(error.step ? { step: error.step } : {}),
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
  });
}

interface Referable {
  ref?(): void;
  unref?(): void;
}

function setReferenced(child: ChildProcess, referenced: boolean): void {
  for (const handle of [child, child.channel as Referable | null | undefined, child.stderr as Referable | null]) {
    if (referenced) {
      handle?.ref?.();
    } else {
      handle?.unref?.();
    }
  }
}

const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/;

/**
 * Runs templates (dryRun: all steps, all files) in a child process: its V8 heap limit is the
 * memory budget, the run's time budget is enforced inside (each render's limit is the time left)
 * and, as a backstop, from here (the process is killed a grace period later), and cancelling
 * kills it. A worker thread would be cheaper, but V8 aborts the whole process, not the thread,
 * when one allocation overshoots a thread's heap limit (measured: `range(1000000000)` with a
 * 96 MB limit), so only a process boundary keeps the editor alive. This side only sends the
 * request, answers `catalog:fetch` lookups and receives plain data. A process that finished
 * cleanly is kept warm for the next run; each run still gets a fresh template realm.
 */
export class TemplateRunner {
  private budgets: TemplateBudgets;
  private idle: IdleWorker | undefined;
  private readonly busy = new Set<WorkerProcess>();
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
    const { child } = worker;
    const runId = this.nextRunId++;
    const graceMs = this.options.graceMs ?? 2000;
    const startupMs = this.options.startupMs ?? 30_000;
    return new Promise<DryRunResult>((resolve, reject) => {
      let settled = false;
      let activity = 'starting';
      const finish = (keepWorker: boolean, settle: () => void): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(backstop);
        request.signal?.removeEventListener('abort', onAbort);
        child.off('message', onMessage);
        child.off('error', onError);
        child.off('exit', onExit);
        this.busy.delete(worker);
        if (keepWorker) {
          this.release(worker);
        } else {
          child.kill('SIGKILL');
        }
        settle();
      };
      const stopForTime = (): void => finish(false, () => reject(timeBudgetError(budgets.timeSeconds, activity)));
      // Until the worker says it started, the limit is its loading time; then the budget plus grace.
      let backstop = setTimeout(
        () => finish(false, () => reject(new Error(`the template worker did not start within ${startupMs} ms`))),
        startupMs,
      );
      const onAbort = (): void => finish(false, () => reject(new TemplateRunCancelled()));
      const onMessage = (message: WorkerToRunner): void => {
        switch (message.type) {
          case 'started':
            clearTimeout(backstop);
            backstop = setTimeout(stopForTime, budgets.timeSeconds * 1000 + graceMs);
            return;
          case 'activity':
            activity = message.activity;
            return;
          case 'lookup':
            Promise.resolve(request.lookupEntity?.(message.ref))
              .catch(() => undefined)
              .then((entity) => {
                if (!settled) {
                  child.send({
                    type: 'lookupAnswer',
                    lookupId: message.lookupId,
                    entity: entity ? JSON.stringify(entity) : null,
                  });
                }
              })
              .catch(() => undefined);
            return;
          default:
            if (message.runId === runId) {
              finish(true, () =>
                message.type === 'done' ? resolve(message.result) : reject(deserialize(message.error)),
              );
            }
        }
      };
      const onError = (error: Error): void =>
        finish(false, () => reject(new Error(`the template worker failed while ${activity}: ${error.message}`)));
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        // stderr may still be draining; V8's out-of-memory report is short and comes first.
        setImmediate(() =>
          finish(false, () =>
            reject(
              OUT_OF_MEMORY.test(worker.stderrTail)
                ? memoryBudgetError(budgets.memoryMb, activity)
                : new Error(`the template worker stopped (${signal ?? `exit code ${code}`}) while ${activity}`),
            ),
          ),
        );
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('message', onMessage);
      child.on('error', onError);
      child.on('exit', onExit);
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
      };
      child.send(message, (error) => {
        if (error) {
          finish(false, () => reject(error));
        }
      });
    });
  }

  /** Stops every worker; runs in flight end with an error. */
  dispose(): void {
    this.disposed = true;
    this.dropIdle();
    for (const worker of this.busy) {
      worker.child.kill('SIGKILL');
    }
    this.busy.clear();
  }

  private workerScript(): string {
    return this.options.workerScript ?? path.join(__dirname, 'templateWorker.js');
  }

  private takeWorker(memoryMb: number): WorkerProcess {
    if (this.disposed) {
      throw new Error('the template runner was disposed');
    }
    let worker: WorkerProcess;
    if (
      this.idle &&
      this.idle.worker.memoryMb === memoryMb &&
      this.idle.worker.child.exitCode === null &&
      this.idle.worker.child.connected
    ) {
      clearTimeout(this.idle.timer);
      worker = this.idle.worker;
      this.idle = undefined;
    } else {
      this.dropIdle();
      worker = this.spawn(memoryMb);
    }
    setReferenced(worker.child, true);
    this.busy.add(worker);
    return worker;
  }

  private spawn(memoryMb: number): WorkerProcess {
    const script = this.workerScript();
    if (!existsSync(script)) {
      throw new Error(`the template worker ${script} is missing; rebuild Greenroom`);
    }
    // process.execPath is node for the CLI and Electron in the editor, which runs it as node with
    // ELECTRON_RUN_AS_NODE. Nothing of this process's environment is passed on.
    const child = fork(script, [], {
      execArgv: [`--max-old-space-size=${memoryMb}`],
      env: { ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const worker: WorkerProcess = { child, memoryMb, stderrTail: '' };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      worker.stderrTail = (worker.stderrTail + chunk).slice(-4096);
    });
    // Errors of a run are handled by its listeners; this keeps a late one from going unhandled.
    child.on('error', () => undefined);
    return worker;
  }

  private release(worker: WorkerProcess): void {
    if (this.disposed || this.idle) {
      worker.child.kill('SIGKILL');
      return;
    }
    // An idle worker must not keep a process (the CLI, a test run) alive.
    setReferenced(worker.child, false);
    const timer = setTimeout(() => this.dropIdle(), this.options.idleMs ?? 60_000);
    timer.unref();
    this.idle = { worker, timer };
  }

  private dropIdle(): void {
    if (this.idle) {
      clearTimeout(this.idle.timer);
      this.idle.worker.child.kill('SIGKILL');
      this.idle = undefined;
    }
  }
}
