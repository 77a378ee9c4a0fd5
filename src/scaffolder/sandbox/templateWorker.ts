// The child process template runs happen in (dist/templateWorker.js; beside templateRunner.js in
// the compiled tests). Its heap limit is the memory budget; running out of it ends this process
// only. It keeps the extension host's thread free and can be killed at any point without harm.
import type { Entity } from '@backstage/catalog-model';
import { dryRun } from '../dryRun';
import { ScaffolderError } from '../scaffolderErrors';
import { nodeTemplateFileSystem } from '../templateFileSystem';
import { formatTemplateProblem, loadTemplate } from '../templateLoader';
import type { RunRequest, RunnerToWorker, SerializedError, WorkerToRunner } from './templateWorkerProtocol';

const lookups = new Map<number, (entity: Entity | undefined) => void>();
let nextLookup = 0;

function post(message: WorkerToRunner): void {
  process.send?.(message);
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

async function run(request: RunRequest): Promise<void> {
  post({ type: 'started', runId: request.runId });
  let last = '';
  const report = (activity: string): void => {
    if (activity !== last) {
      last = activity;
      post({ type: 'activity', runId: request.runId, activity });
    }
  };
  try {
    report('loading the template');
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
      onActivity: report,
    });
    report('handing over the result');
    post({ type: 'done', runId: request.runId, result });
  } catch (error) {
    post({ type: 'failed', runId: request.runId, error: serialize(error) });
  }
}

process.on('message', (message: RunnerToWorker) => {
  if (message.type === 'lookupAnswer') {
    const resolve = lookups.get(message.lookupId);
    lookups.delete(message.lookupId);
    resolve?.(message.entity === null ? undefined : (JSON.parse(message.entity) as Entity));
  } else if (message.type === 'run') {
    void run(message);
  }
});
// The host going away ends the run.
process.on('disconnect', () => process.exit(0));
