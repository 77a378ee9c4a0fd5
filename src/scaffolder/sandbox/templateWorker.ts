// The child process template runs happen in (dist/templateWorker.js; beside templateRunner.js in
// the compiled tests). Its heap limit is the memory budget; running out of it ends this process
// only. It keeps the extension host's thread free and can be killed at any point without harm.
import type { Entity } from '@backstage/catalog-model';
import { stat } from 'node:fs/promises';
import { dryRun } from '../dryRun';
import type { TemplateDefinition } from '../templateDefinition';
import { ScaffolderError } from '../scaffolderErrors';
import { nodeTemplateFileSystem } from '../templateFileSystem';
import { formatTemplateProblem, loadTemplate } from '../templateLoader';
import { TemplateRealm } from './templateRealm';
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

/** The last template loaded, reused while its file is unchanged (a preview runs the same template again and again). */
let cached: { readonly file: string; readonly stamp: string; readonly template: TemplateDefinition } | undefined;

async function load(file: string): Promise<TemplateDefinition> {
  const stats = await stat(file).catch(() => undefined);
  const stamp = stats ? `${stats.mtimeMs}:${stats.size}` : '';
  if (cached && cached.file === file && cached.stamp === stamp && stamp !== '') {
    return cached.template;
  }
  const loaded = await loadTemplate(nodeTemplateFileSystem, file);
  const errors = loaded.problems.filter((problem) => problem.severity === 'error');
  if (!loaded.template || errors.length > 0) {
    throw new ScaffolderError(
      'input',
      `the template cannot be used: ${errors.map(formatTemplateProblem).join('; ') || file}`,
      { location: { file } },
    );
  }
  cached = { file, stamp, template: loaded.template };
  return loaded.template;
}

/** Between runs: the next run's realm is made now, off its critical path. */
function prepareNextRealm(realmScript: string | undefined): void {
  setImmediate(() => {
    try {
      TemplateRealm.prepareSpare(realmScript);
    } catch {
      // The next run makes its own and reports what is wrong.
    }
  });
}

function serialize(error: unknown): SerializedError {
  if (error instanceof ScaffolderError) {
    return {
      kind: error.kind,
      detail: error.detail,
      ...(error.location ? { location: error.location } : {}),
      ...(error.step ? { step: error.step } : {}),
      fieldErrors: error.fieldErrors,
    };
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
    const template = await load(request.templateFile);
    const result = await dryRun(nodeTemplateFileSystem, template, request.values, {
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
  prepareNextRealm(request.realmScript);
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
prepareNextRealm(undefined);
