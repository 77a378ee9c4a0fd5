// The public face of the scaffolder core: load a Backstage software template, describe and
// validate its form, run it locally against an in-memory workspace, write the result.
export type { CatalogRegistration, EntityLookup } from './actions/actionContext';
export {
  defaultUserRef,
  dryRun,
  type DryRunFile,
  type DryRunOptions,
  type DryRunResult,
  type OutputLink,
  type OutputText,
  type TemplateOutput,
} from './dryRun';
export { parseEntityRefFilter, parseRepoUrl, pick, projectSlug, type RepoSpec } from './filters';
export { normalizeRepoUrl, repoUrlRules, type RepoUrlAnswer, type RepoUrlRules } from './repoUrl';
export { catalogFiltersOf, entityDisplayName, matchesCatalogFilters, type CatalogFilter } from './catalogFilter';
export { resultSubfolder } from './targetFolder';
export { nodeResultWriter } from './nodeResultWriter';
export { applyDefaults, describeParameters, type ParameterField } from './parameters';
export {
  formatLocation,
  ScaffolderError,
  type ErrorLocation,
  type ErrorStep,
  type FieldError,
  type ScaffolderErrorKind,
} from './scaffolderErrors';
export type { SkippedStep, StepSummary } from './stepRunner';
export type {
  JsonSchema,
  ParameterPage,
  TemplateDefinition,
  TemplateProblem,
  TemplateStepDefinition,
} from './templateDefinition';
export { nodeTemplateFileSystem, type TemplateFileSystem } from './templateFileSystem';
export { formatTemplateProblem, loadTemplate, TEMPLATE_API_VERSION, type LoadTemplateResult } from './templateLoader';
export { completeBudgets, DEFAULT_TEMPLATE_BUDGETS, type TemplateBudgets } from './sandbox/templateBudgets';
export {
  TemplateRunCancelled,
  TemplateRunner,
  type TemplateRunnerOptions,
  type TemplateRunRequest,
} from './sandbox/templateRunner';
export { renderTemplateString, renderText, type RenderOptions, type TextSource } from './templating';
export { validateValues, type ValidateOptions, type ValuesValidation } from './validateValues';
export { unsafePathReason } from './workspacePaths';
export { writeResult, type ResultWriter, type WritableFile, type WriteOptions, type WriteSummary } from './writeResult';
