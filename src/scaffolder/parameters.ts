import { isPlainObject } from './parameterPages';
import { activeSchema, FEATURE_FLAG_KEY, type ActiveProperty } from './schemaConditions';
import { asSchema, schemaProperties } from './schemaValidation';
import type { JsonSchema, ParameterPage, TemplateDefinition } from './templateDefinition';
import { isList } from '../shared/isList';

/** One form field, described for a UI (quick pick, webview form) without it reading JSON Schema. */
export interface ParameterField {
  readonly name: string;
  readonly page: number;
  readonly title: string;
  readonly description: string | undefined;
  readonly type: string | string[] | undefined;
  readonly enum: unknown[] | undefined;
  readonly enumNames: string[] | undefined;
  readonly default: unknown;
  readonly const: unknown;
  readonly required: boolean;
  readonly pattern: string | undefined;
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  /** For arrays: the schema of the items (enum, type, …). */
  readonly items: JsonSchema | undefined;
  /** `ui:widget` (textarea, password, radio, checkboxes, select, hidden, …). */
  readonly widget: string | undefined;
  /** `ui:field`: a Backstage field extension (OwnerPicker, EntityPicker, EntityNamePicker, RepoUrlPicker, Secret, …). */
  readonly field: string | undefined;
  /** `ui:options` as written (catalogFilter, allowedKinds, allowedHosts, rows, …). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly help: string | undefined;
  readonly placeholder: string | undefined;
  readonly autofocus: boolean;
  readonly readonly: boolean;
  readonly hidden: boolean;
  /** Masked in forms and logs: `ui:field: Secret` or `ui:widget: password`. */
  readonly secret: boolean;
  /** Shown only because a `dependencies` / `if`-`then` branch matches the current values. */
  readonly conditional: boolean;
  /** The property schema as written, for anything not described above. */
  readonly schema: JsonSchema;
}

function text(schema: JsonSchema, key: string): string | undefined {
  const value = schema[key];
  return typeof value === 'string' ? value : undefined;
}

function numeric(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

/** Pages a local run can show: feature-flagged pages need a Backstage frontend to be switched on. */
export function visiblePages(template: TemplateDefinition): ParameterPage[] {
  return template.pages.filter((page) => page.schema[FEATURE_FLAG_KEY] === undefined);
}

export function isSecretField(schema: JsonSchema): boolean {
  return schema['ui:field'] === 'Secret' || schema['ui:widget'] === 'password';
}

/** rjsf's `ui:order`: listed names first in that order, `*` standing for the rest in schema order. */
function ordered(properties: ActiveProperty[], order: unknown): ActiveProperty[] {
  if (!Array.isArray(order)) {
    return properties;
  }
  const names = order.filter((name): name is string => typeof name === 'string');
  const rank = (name: string): number => {
    const position = names.indexOf(name);
    const rest = names.indexOf('*');
    return position >= 0 ? position : rest >= 0 ? rest : names.length;
  };
  return properties
    .map((property, index) => ({ property, index }))
    .sort((a, b) => rank(a.property.name) - rank(b.property.name) || a.index - b.index)
    .map(({ property }) => property);
}

function describe(property: ActiveProperty, page: ParameterPage, required: boolean): ParameterField {
  const { schema } = property;
  const type = schema['type'];
  const options = asSchema(schema['ui:options']) ?? {};
  return {
    name: property.name,
    page: page.index,
    title: text(schema, 'title') ?? property.name,
    description: text(schema, 'description'),
    type:
      typeof type === 'string'
        ? type
        : Array.isArray(type)
          ? type.filter((item): item is string => typeof item === 'string')
          : undefined,
    enum: isList(schema['enum']) ? [...schema['enum']] : undefined,
    enumNames: Array.isArray(schema['enumNames']) ? schema['enumNames'].map(String) : undefined,
    default: schema['default'],
    const: schema['const'],
    required,
    pattern: text(schema, 'pattern'),
    minLength: numeric(schema, 'minLength'),
    maxLength: numeric(schema, 'maxLength'),
    minimum: numeric(schema, 'minimum'),
    maximum: numeric(schema, 'maximum'),
    items: asSchema(schema['items']),
    widget: text(schema, 'ui:widget'),
    field: text(schema, 'ui:field'),
    options,
    help: text(schema, 'ui:help'),
    placeholder: text(schema, 'ui:placeholder'),
    autofocus: schema['ui:autofocus'] === true,
    readonly: schema['ui:readonly'] === true || schema['readOnly'] === true,
    hidden: schema['ui:widget'] === 'hidden',
    secret: isSecretField(schema),
    conditional: property.conditional,
    schema,
  };
}

/**
 * The fields of every page in form order. Conditional fields (`dependencies`, `if`/`then`)
 * appear when `values` select them, so a UI re-describes after each change.
 */
export function describeParameters(
  template: TemplateDefinition,
  values: Readonly<Record<string, unknown>> = {},
): ParameterField[] {
  const current = applyDefaults(template, values);
  return visiblePages(template).flatMap((page) => {
    const active = activeSchema(page.schema, current);
    return ordered([...active.properties.values()], page.schema['ui:order']).map((property) =>
      describe(property, page, active.required.has(property.name)),
    );
  });
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Fills missing values of an object from its properties' defaults, nested objects included. */
function fillDefaults(target: Record<string, unknown>, properties: Iterable<[string, JsonSchema]>): void {
  for (const [name, schema] of properties) {
    if (target[name] === undefined && schema['default'] !== undefined) {
      target[name] = clone(schema['default']);
    }
    const nested = schemaProperties(schema);
    if (Object.keys(nested).length > 0 && (target[name] === undefined || isPlainObject(target[name]))) {
      const inner: Record<string, unknown> = isPlainObject(target[name]) ? { ...target[name] } : {};
      fillDefaults(inner, Object.entries(nested));
      if (Object.keys(inner).length > 0) {
        target[name] = inner;
      }
    }
  }
}

/**
 * The values with every missing field set to its `default`, as the form pre-fills them.
 * Runs twice so defaults of fields that a default itself reveals (`dependencies`) apply too.
 */
export function applyDefaults(
  template: TemplateDefinition,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...values };
  for (let pass = 0; pass < 2; pass++) {
    for (const page of visiblePages(template)) {
      const active = activeSchema(page.schema, result);
      fillDefaults(
        result,
        [...active.properties.values()].map((property) => [property.name, property.schema]),
      );
    }
  }
  return result;
}

/** Names of `ui:field: Secret` fields: their values travel as `secrets.<name>`, not parameters. */
export function secretFieldNames(template: TemplateDefinition): string[] {
  return visiblePages(template).flatMap((page) =>
    Object.entries(schemaProperties(page.schema))
      .filter(([, schema]) => schema['ui:field'] === 'Secret')
      .map(([name]) => name),
  );
}
