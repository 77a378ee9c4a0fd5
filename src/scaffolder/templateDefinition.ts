import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import type { FieldPath, FieldRanges } from '../catalog/fieldRanges';
import type { SourceRange } from '../catalog/sourceRange';

/** A JSON Schema (with rjsf `ui:*` keys inline), read defensively: templates are user input. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One page of the template's form (`spec.parameters` normalized to an array). */
export interface ParameterPage {
  readonly index: number;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly schema: JsonSchema;
}

/** One `spec.steps` entry with its id filled in (Backstage needs ids to reference outputs). */
export interface TemplateStepDefinition {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly action: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly if: unknown;
  readonly each: unknown;
}

export interface TemplateProblem {
  readonly file: string;
  /** Zero-based, like catalog problems (editors); `formatTemplateProblem` prints it one-based. */
  readonly range: SourceRange;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Where a value of `template.yaml` sits, one-based, for error messages. */
export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/** A loaded, validated `kind: Template` (scaffolder.backstage.io/v1beta3). */
export interface TemplateDefinition {
  /** Absolute path of the template file. */
  readonly file: string;
  /** Its folder: the base of relative `url`s and the limit they must stay in. */
  readonly folder: string;
  readonly entity: TemplateEntityV1beta3;
  readonly name: string;
  readonly title: string;
  readonly description: string | undefined;
  readonly pages: readonly ParameterPage[];
  readonly steps: readonly TemplateStepDefinition[];
  readonly output: unknown;
  /** Ranges of every field of the document, for problems and rendering errors. */
  readonly fields: FieldRanges;
  /**
   * Where the text of the scalar at `path` starts (a block scalar `|` starts on the line after
   * its indicator), so a nunjucks line inside it maps to a line of the file.
   */
  positionOf(path: FieldPath): YamlPosition | undefined;
}
