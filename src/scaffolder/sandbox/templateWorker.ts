// The worker thread template runs happen in (dist/templateWorker.js; beside templateRunner.js in
// the compiled tests). It has a heap limit of its own (the memory budget), keeps the extension
// host's thread free, and can be terminated at any point without harm to the host.
import type { Entity } from '@backstage/catalog-model';
import { parentPort } from 'node:worker_threads';
import { dryRun, type DryRunResult } from '../dryRun';
import { ScaffolderError } from '../scaffolderErrors';
import { nodeTemplateFileSystem } from '../templateFileSystem';
import { formatTemplateProblem, loadTemplate } from '../templateLoader';
import { writeActivity } from './activityBoard';
import type { RunRequest, RunnerToWorker, SerializedError, WorkerToRunner } from './templateWorkerProtocol';

const port = parentPort;
const lookups = new Map<number, (entity: Entity | undefined) => void>();
let nextLookup = 0;

function post(message: WorkerToRunner, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function lookupEntity(ref: string): Promise<Entity | undefined> {
  const lookupId = nextLookup++;
  return new Promise((resolve) => {
    lookups.set(lookupId, resolve);
    post({ type: 'lookup', lookupId, ref });
  });
}

function serialize(error: unknown): SerializedError {
  if (error instanceof ScaffolderError) {
    return { kind: error.kind, detail: error.detail, ...(error.location ? { location: error.location } : {}), ...(error.step ? { step: error.step } : {}), fieldErrors: error.fieldErrors };
  }
  return { kind: undefined, detail: error instanceof Error ? error.message : String(error) };
}

/** The files' buffers, each once and only when the file owns all of it (read buffers may share a pool). */
function transferable(result: DryRunResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { bytes } of result.files) {
    if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
      buffers.add(bytes.buffer);
    }
  }
  return [...buffers];
}

async function run(request: RunRequest): Promise<void> {
  try {
    writeActivity(request.activity, 'loading the template');
    const loaded = await loadTemplate(nodeTemplateFileSystem, request.templateFile);
    const errors = loaded.problems.filter((problem) => problem.severity === 'error');
    if (!loaded.template || errors.length > 0) {
      throw new ScaffolderError('input', `the template cannot be used: ${errors.map(formatTemplateProblem).join('; ') || request.templateFile}`, { location: { file: request.templateFile } });
    }
    const result = await dryRun(nodeTemplateFileSystem, loaded.template, request.values, {
      ...(request.secrets ? { secrets: request.secrets } : {}),
      ...(request.userRef ? { userRef: request.userRef } : {}),
      ...(request.lookup ? { lookupEntity } : {}),
      budgets: request.budgets,
      ...(request.realmScript ? { realmScript: request.realmScript } : {}),
      onActivity: (activity) => writeActivity(request.activity, activity),
    });
    writeActivity(request.activity, 'handing over the result');
    post({ type: 'done', runId: request.runId, result }, transferable(result));
  } catch (error) {
    post({ type: 'failed', runId: request.runId, error: serialize(error) });
  }
}

port?.on('message', (message: RunnerToWorker) => {
  if (message.type === 'lookupAnswer') {
    const resolve = lookups.get(message.lookupId);
    lookups.delete(message.lookupId);
    resolve?.(message.entity === null ? undefined : (JSON.parse(message.entity) as Entity));
  } else if (message.type === 'run') {
    void run(message);
  }
});
