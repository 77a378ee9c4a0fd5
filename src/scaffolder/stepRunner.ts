import type { FieldPath } from '../catalog/fieldRanges';
import { StepSkipped, type CatalogRegistration, type EntityLookup, type StepInfo } from './actions/actionContext';
import { LOCAL_ACTIONS } from './actions/builtinActions';
import { skippedAction } from './actions/remoteActions';
import { isPlainObject } from './parameterPages';
import { ScaffolderError } from './scaffolderErrors';
import type { TemplateDefinition, TemplateStepDefinition } from './templateDefinition';
import type { TemplateFolder } from './templateFolder';
import { isList } from '../shared/isList';
import { isTruthy, jsonCopy, type FieldPathSegment, type Templating, type TextSource } from './templating';
import type { Workspace } from './workspace';

export interface StepSummary {
  readonly id: string;
  readonly name: string;
  readonly action: string;
  readonly status: 'completed' | 'skipped';
}

export interface SkippedStep {
  readonly step: string;
  readonly action: string;
  readonly reason: string;
}

/** What `${{ }}` in steps and output can read, as in Backstage's NunjucksWorkflowRunner. */
export interface TaskContext {
  readonly parameters: Record<string, unknown>;
  readonly steps: Record<string, { output: Record<string, unknown> }>;
  readonly user: { readonly ref: string };
  readonly secrets: Readonly<Record<string, string>>;
  readonly context: { readonly task: { readonly id: string } };
}

export interface RunState {
  readonly template: TemplateDefinition;
  readonly context: TaskContext;
  readonly workspace: Workspace;
  readonly folder: TemplateFolder;
  readonly templating: Templating;
  readonly registrations: CatalogRegistration[];
  readonly lookupEntity: EntityLookup | undefined;
  readonly summaries: StepSummary[];
  readonly skipped: SkippedStep[];
  log(message: string): void;
}

/** Where a value of template.yaml is, for rendering errors: the scalar's first line, or its closest parent. */
export function sourceAt(template: TemplateDefinition, fieldPath: FieldPath): TextSource {
  const position = template.positionOf(fieldPath);
  if (position) {
    return { file: template.file, line: position.line, column: position.column };
  }
  const range = template.fields.closest(fieldPath)?.valueRange;
  return range ? { file: template.file, line: range.start.line + 1 } : { file: template.file };
}

function stepPath(step: TemplateStepDefinition, ...rest: FieldPathSegment[]): FieldPath {
  return ['spec', 'steps', step.index, ...rest];
}

function render(state: RunState, step: TemplateStepDefinition, value: unknown, context: object, key: string): unknown {
  return state.templating.renderDeep(value, context, (path) => sourceAt(state.template, stepPath(step, key, ...path)));
}

/** Runs one step: `if`, `each`, then a local action, or a skip with placeholder outputs. */
export async function runStep(state: RunState, step: TemplateStepDefinition): Promise<void> {
  const info: StepInfo = { id: step.id, name: step.name, action: step.action };
  const summary = (status: StepSummary['status']): void => {
    state.summaries.push({ ...info, status });
  };
  try {
    state.templating.enterStep(step.id);
    state.templating.checkTime(`starting step ${JSON.stringify(step.id)}`);
    state.log(`Beginning step ${step.name}`);
    if (
      step.if === false ||
      (typeof step.if === 'string' &&
        step.each === undefined &&
        !isTruthy(render(state, step, step.if, state.context, 'if')))
    ) {
      state.log(`Skipping step ${step.id} because its if condition was false`);
      summary('skipped');
      return;
    }
    const action = LOCAL_ACTIONS.get(step.action);
    if (!action || (step.action === 'catalog:fetch' && !state.lookupEntity)) {
      const input = render(state, step, step.input, state.context, 'input');
      const skipped = skippedAction(step.action, isPlainObject(input) ? input : {}, state.lookupEntity !== undefined);
      state.log(`Skipping: ${skipped.reason}`);
      state.skipped.push({ step: step.id, action: step.action, reason: skipped.reason });
      state.context.steps[step.id] = { output: skipped.output };
      summary('skipped');
      return;
    }
    const each = step.each === undefined ? undefined : render(state, step, step.each, state.context, 'each');
    if (step.each !== undefined && !each) {
      throw new ScaffolderError('input', `each ${JSON.stringify(step.each)} cannot be resolved to a value`);
    }
    const iterations: Record<string, unknown>[] =
      each === undefined
        ? [{}]
        : Object.entries(each as Record<string, unknown>).map(([key, value]) => ({ each: { key, value } }));
    const output: Record<string, unknown> = {};
    for (const iteration of iterations) {
      const context = { ...state.context, ...iteration };
      if (
        step.each !== undefined &&
        typeof step.if === 'string' &&
        !isTruthy(render(state, step, step.if, context, 'if'))
      ) {
        state.log(`Skipping step each: ${JSON.stringify(iteration['each'])}`);
        continue;
      }
      const input = render(state, step, step.input, context, 'input');
      await action({
        step: info,
        input: isPlainObject(input) ? input : {},
        workspace: state.workspace,
        templateFolder: state.folder,
        templating: state.templating,
        registrations: state.registrations,
        lookupEntity: state.lookupEntity,
        log: (message) => state.log(message),
        output: (name, value) => {
          const copy = jsonCopy(value);
          if (step.each === undefined) {
            output[name] = copy;
          } else {
            const earlier = output[name];
            output[name] = [...(isList(earlier) ? earlier : []), copy];
          }
        },
      });
    }
    state.context.steps[step.id] = { output };
    state.log(`Finished step ${step.name}`);
    summary('completed');
  } catch (error) {
    if (error instanceof StepSkipped) {
      state.log(`Skipping: ${error.reason}`);
      state.skipped.push({ step: step.id, action: step.action, reason: error.reason });
      state.context.steps[step.id] = { output: {} };
      summary('skipped');
      return;
    }
    if (error instanceof ScaffolderError) {
      throw error.inStep(info);
    }
    throw new ScaffolderError('input', error instanceof Error ? error.message : String(error), { step: info });
  }
}
