import { applyDefaults, visiblePages } from './parameters';
import type { FieldError } from './scaffolderErrors';
import { activeSchema } from './schemaConditions';
import { validateAgainstSchema } from './schemaValidation';
import type { TemplateDefinition } from './templateDefinition';

export interface ValuesValidation {
  readonly valid: boolean;
  readonly errors: FieldError[];
  /** The values with defaults applied: what a run would use. */
  readonly values: Record<string, unknown>;
}

export interface ValidateOptions {
  /** Validate one page only (a form checks each page before "Next"). */
  readonly page?: number;
}

/** rjsf turns an emptied input into undefined, so an empty string counts as not filled in. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Checks values against the template's pages the way the form would (required, type, enum,
 * const, pattern, lengths, bounds, items, conditionals), one message per problem, naming the
 * field by its title.
 */
export function validateValues(
  template: TemplateDefinition,
  values: Readonly<Record<string, unknown>>,
  options: ValidateOptions = {},
): ValuesValidation {
  const withDefaults = applyDefaults(template, values);
  const errors: FieldError[] = [];
  for (const page of visiblePages(template)) {
    if (options.page !== undefined && page.index !== options.page) {
      continue;
    }
    const active = activeSchema(page.schema, withDefaults);
    const titleOf = (name: string): string => {
      const title = active.properties.get(name)?.schema['title'];
      return typeof title === 'string' && title.length > 0 ? title : name;
    };
    for (const name of active.required) {
      if (isMissing(withDefaults[name])) {
        errors.push({ page: page.index, field: name, message: `${titleOf(name)} is required` });
      }
    }
    for (const [name, property] of active.properties) {
      const value = withDefaults[name];
      if (isMissing(value)) {
        continue;
      }
      for (const violation of validateAgainstSchema(value, property.schema)) {
        const field = [name, ...violation.path].join('.');
        const label = violation.path.length === 0 ? titleOf(name) : `${titleOf(name)} › ${violation.path.join('.')}`;
        errors.push({ page: page.index, field, message: `${label} ${violation.message}` });
      }
    }
  }
  return { valid: errors.length === 0, errors, values: withDefaults };
}
