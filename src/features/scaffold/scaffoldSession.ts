import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  describeParameters,
  loadTemplate,
  nodeResultWriter,
  nodeTemplateFileSystem,
  normalizeRepoUrl,
  repoUrlRules,
  resultSubfolder,
  validateValues,
  writeResult,
  type DryRunResult,
  type FieldError,
  type ParameterField,
  type TemplateDefinition,
  type TemplateRunner,
  type ValuesValidation,
} from '../../scaffolder';
import { formatTemplateProblem } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import { vscodeResultWriter } from './vscodeResultWriter';

/** What to do when files of the result already exist: never overwrite without being told to. */
export type ConflictChoice = 'newFolder' | 'overwrite' | undefined;

export interface CreatedProject {
  readonly targetDir: string;
  readonly written: string[];
  /** The catalog file to open: what catalog:register pointed at, else the first catalog-info. */
  readonly catalogFile: string | undefined;
  readonly result: DryRunResult;
}

/** One template being filled in: the same logic behind the palette flow and the form panel. */
export class ScaffoldSession {
  private constructor(
    readonly template: TemplateDefinition,
    private readonly catalog: CatalogService,
    private readonly runner: TemplateRunner,
  ) {}

  /** Loads a template; its problems (file:line) become the error message. */
  static async open(file: string, catalog: CatalogService, runner: TemplateRunner): Promise<ScaffoldSession> {
    const loaded = await loadTemplate(nodeTemplateFileSystem, file);
    const errors = loaded.problems.filter((problem) => problem.severity === 'error');
    if (!loaded.template || errors.length > 0) {
      throw new Error(
        vscode.l10n.t('The template cannot be used: {0}', errors.map(formatTemplateProblem).join('; ') || file),
      );
    }
    return new ScaffoldSession(loaded.template, catalog, runner);
  }

  fields(values: Record<string, unknown>): ParameterField[] {
    return describeParameters(this.template, values).filter((field) => !field.hidden);
  }

  validate(values: Record<string, unknown>, page?: number): ValuesValidation {
    const normalized = this.normalize(values);
    const validation = validateValues(this.template, normalized.values, page === undefined ? {} : { page });
    const pickerErrors = normalized.errors.filter((error) => page === undefined || error.page === page);
    return pickerErrors.length === 0
      ? validation
      : { ...validation, valid: false, errors: [...pickerErrors, ...validation.errors] };
  }

  /**
   * The values as Backstage's field extensions would hand them over: RepoUrlPicker answers in
   * any common form become `host?owner=o&repo=r`; those that cannot are errors of their field.
   */
  normalize(values: Record<string, unknown>): { values: Record<string, unknown>; errors: FieldError[] } {
    const result: Record<string, unknown> = { ...values };
    const errors: FieldError[] = [];
    for (const field of describeParameters(this.template, values)) {
      const value = values[field.name];
      if (field.field !== 'RepoUrlPicker' || typeof value !== 'string' || value.trim() === '') {
        continue;
      }
      const answer = normalizeRepoUrl(value, repoUrlRules(field.options));
      if ('value' in answer) {
        result[field.name] = answer.value;
      } else {
        errors.push({ page: field.page, field: field.name, message: `${field.title}: ${answer.error}` });
      }
    }
    return { values: result, errors };
  }

  /** Where a result goes below the folder the user chose: a folder of its own (see resultSubfolder). */
  destination(result: DryRunResult, values: Record<string, unknown>, chosenDir: string): string {
    const subfolder = resultSubfolder(result.files, values, path.basename(path.dirname(this.template.file)));
    return subfolder ? path.join(chosenDir, subfolder) : chosenDir;
  }

  /** The result's files that already exist at their destination, for the preview to mark. */
  async existingFiles(result: DryRunResult, values: Record<string, unknown>, chosenDir: string): Promise<Set<string>> {
    const destination = this.destination(result, values, chosenDir);
    const existing = new Set<string>();
    for (const file of result.files) {
      if (await nodeResultWriter.exists(path.join(destination, ...file.path.split('/')))) {
        existing.add(file.path);
      }
    }
    return existing;
  }

  /**
   * The dry run: every file with its content and the step log, nothing written. It runs in the
   * runner's worker thread within the template budgets; aborting `signal` stops it at once
   * (TemplateRunCancelled).
   */
  async preview(values: Record<string, unknown>, signal?: AbortSignal): Promise<DryRunResult> {
    const { values: withDefaults } = validateValues(this.template, this.normalize(values).values);
    return this.runner.run({
      templateFile: this.template.file,
      values: withDefaults,
      lookupEntity: (ref) => this.catalog.index.get(ref)?.entity,
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * Writes the result below `chosenDir` (into a folder of its own, see `destination`). Existing
   * files are never overwritten unless `onConflict` says so; it may instead pick a new folder
   * beside it, or nothing is written.
   */
  async create(
    values: Record<string, unknown>,
    chosenDir: string,
    onConflict: (conflicts: readonly string[], targetDir: string) => Promise<ConflictChoice>,
    signal?: AbortSignal,
  ): Promise<CreatedProject | undefined> {
    const result = await this.preview(values, signal);
    let targetDir = this.destination(result, values, chosenDir);
    let summary = await writeResult(result, targetDir, vscodeResultWriter, { overwrite: false });
    if (summary.conflicts.length > 0) {
      const choice = await onConflict(summary.conflicts, targetDir);
      if (choice === undefined) {
        return undefined;
      }
      if (choice === 'newFolder') {
        targetDir = await freeFolderBeside(
          targetDir === chosenDir ? path.join(chosenDir, path.basename(path.dirname(this.template.file))) : targetDir,
        );
      }
      summary = await writeResult(result, targetDir, vscodeResultWriter, { overwrite: choice === 'overwrite' });
      if (summary.written.length === 0 && summary.conflicts.length > 0) {
        return undefined;
      }
    }
    const registered = result.catalogRegistrations[0]?.path;
    const fallback = summary.written.find((file) => /(^|\/)catalog-info\.ya?ml$/.test(file));
    const relative = registered ?? fallback;
    for (const file of summary.written.filter((candidate) => /\.ya?ml$/.test(candidate))) {
      // The watcher will see them too; indexing now makes the new entity show at once.
      await this.catalog.updateFile(path.join(targetDir, file));
    }
    return {
      targetDir,
      written: summary.written,
      catalogFile: relative ? path.join(targetDir, relative) : undefined,
      result,
    };
  }
}

/** `folder`, or `folder-2`, `folder-3`, … : the first that does not exist yet. */
async function freeFolderBeside(folder: string): Promise<string> {
  for (let suffix = 1; suffix < 1000; suffix++) {
    const candidate = suffix === 1 ? folder : `${folder}-${suffix}`;
    if (!(await nodeResultWriter.exists(candidate))) {
      return candidate;
    }
  }
  throw new Error(vscode.l10n.t('No free folder name beside {0}', folder));
}
