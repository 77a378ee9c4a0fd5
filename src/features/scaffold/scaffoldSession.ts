import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeParameters, loadTemplate, nodeTemplateFileSystem, validateValues, writeResult, type DryRunResult, type ParameterField, type TemplateDefinition, type TemplateRunner, type ValuesValidation } from '../../scaffolder';
import { formatTemplateProblem } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import { vscodeResultWriter } from './vscodeResultWriter';

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
      throw new Error(vscode.l10n.t('The template cannot be used: {0}', errors.map(formatTemplateProblem).join('; ') || file));
    }
    return new ScaffoldSession(loaded.template, catalog, runner);
  }

  fields(values: Record<string, unknown>): ParameterField[] {
    return describeParameters(this.template, values).filter((field) => !field.hidden);
  }

  validate(values: Record<string, unknown>, page?: number): ValuesValidation {
    return validateValues(this.template, values, page === undefined ? {} : { page });
  }

  /**
   * The dry run: every file with its content and the step log, nothing written. It runs in the
   * runner's worker thread within the template budgets; aborting `signal` stops it at once
   * (TemplateRunCancelled).
   */
  async preview(values: Record<string, unknown>, signal?: AbortSignal): Promise<DryRunResult> {
    const { values: withDefaults } = this.validate(values);
    return this.runner.run({
      templateFile: this.template.file,
      values: withDefaults,
      lookupEntity: (ref) => this.catalog.index.get(ref)?.entity,
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * Writes the result into `targetDir`. Existing files are never overwritten without
   * `confirmOverwrite` saying yes; nothing is written when it says no.
   */
  async create(values: Record<string, unknown>, targetDir: string, confirmOverwrite: (conflicts: readonly string[]) => Promise<boolean>, signal?: AbortSignal): Promise<CreatedProject | undefined> {
    const result = await this.preview(values, signal);
    let summary = await writeResult(result, targetDir, vscodeResultWriter, { overwrite: false });
    if (summary.conflicts.length > 0) {
      if (!(await confirmOverwrite(summary.conflicts))) {
        return undefined;
      }
      summary = await writeResult(result, targetDir, vscodeResultWriter, { overwrite: true });
    }
    const registered = result.catalogRegistrations[0]?.path;
    const fallback = summary.written.find((file) => /(^|\/)catalog-info\.ya?ml$/.test(file));
    const relative = registered ?? fallback;
    for (const file of summary.written.filter((candidate) => /\.ya?ml$/.test(candidate))) {
      // The watcher will see them too; indexing now makes the new entity show at once.
      await this.catalog.updateFile(path.join(targetDir, file));
    }
    return { targetDir, written: summary.written, catalogFile: relative ? path.join(targetDir, relative) : undefined, result };
  }
}
