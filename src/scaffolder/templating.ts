import * as nunjucks from 'nunjucks';
import { SCAFFOLDER_FILTERS } from './filters';
import { hardenNunjucks } from './nunjucksHardening';
import { renderingError, type TextSource } from './renderingErrors';

export type { TextSource } from './renderingErrors';

export interface RenderOptions {
  readonly trimBlocks?: boolean;
  readonly lstripBlocks?: boolean;
  /** `fetch:template`'s cookiecutterCompat: `{{ }}` delimiters and a `jsonify` filter. */
  readonly cookiecutterCompat?: boolean;
}

const environments = new Map<string, nunjucks.Environment>();

/**
 * One environment per option set, configured as Backstage's SecureTemplater: no loader (templates
 * are strings; nothing is read from disk), no autoescape, `${{ }}` for expressions, undefined
 * renders as empty. `dev` keeps nunjucks' error objects, which carry the line and column.
 */
function environmentFor(options: RenderOptions): nunjucks.Environment {
  const key = `${options.trimBlocks === true}:${options.lstripBlocks === true}:${options.cookiecutterCompat === true}`;
  let environment = environments.get(key);
  if (!environment) {
    hardenNunjucks();
    environment = new nunjucks.Environment(null, {
      autoescape: false,
      throwOnUndefined: false,
      dev: true,
      trimBlocks: options.trimBlocks === true,
      lstripBlocks: options.lstripBlocks === true,
      tags: options.cookiecutterCompat ? { variableStart: '{{', variableEnd: '}}' } : { variableStart: '${{', variableEnd: '}}' },
    });
    for (const [name, filter] of Object.entries(SCAFFOLDER_FILTERS)) {
      environment.addFilter(name, filter);
    }
    if (options.cookiecutterCompat) {
      environment.addFilter('jsonify', environment.getFilter('dump'));
    }
    environments.set(key, environment);
  }
  return environment;
}

/** Renders template text; errors name `source` and the line. `context` must be plain JSON data. */
export function renderText(text: string, context: object, source: TextSource, options: RenderOptions = {}): string {
  // Text without a tag renders as itself; skipping nunjucks matters for skeletons of thousands of files.
  if (!text.includes('{{') && !text.includes('{%') && !text.includes('{#')) {
    return text;
  }
  try {
    return new nunjucks.Template(text, environmentFor(options), source.file).render(context);
  } catch (error) {
    throw renderingError(error, text, source);
  }
}

interface ParsedNode {
  readonly children?: readonly ParsedNode[];
}

const parser = (nunjucks as unknown as { parser: { parse(source: string, extensions: unknown[], options: object): ParsedNode } }).parser;
const nodes = (nunjucks as unknown as { nodes: { Output: new () => ParsedNode; TemplateData: new () => ParsedNode } }).nodes;

/** The expression of a string that is exactly one `${{ expression }}`, as Backstage detects it. */
function singleExpression(value: string): string | undefined {
  if (!value.includes('${{')) {
    return undefined;
  }
  let root: ParsedNode;
  try {
    root = parser.parse(value, [], { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  } catch {
    return undefined;
  }
  const only = root.children?.length === 1 ? root.children[0] : undefined;
  const inner = only instanceof nodes.Output && only.children?.length === 1 ? only.children[0] : undefined;
  if (!inner || inner instanceof nodes.TemplateData) {
    return undefined;
  }
  const expression = value.slice(value.indexOf('${{') + 3, value.lastIndexOf('}}')).trim();
  return expression.replace(/^-/, '').replace(/-$/, '');
}

/**
 * Renders one string of a step's input (or `if`, `each`, `output`). A string that is exactly
 * one `${{ expression }}` keeps the expression's JSON type (boolean, number, array, object);
 * anything else becomes a string; an empty result is undefined, as in Backstage.
 */
export function renderTemplateString(value: string, context: object, source: TextSource): unknown {
  const expression = singleExpression(value);
  if (expression !== undefined) {
    try {
      const dumped = renderText(`\${{ (${expression}) | dump }}`, context, source);
      return dumped === '' ? undefined : (JSON.parse(dumped) as unknown);
    } catch {
      // Fall back to plain rendering, which reports a real error at the right column.
    }
  }
  const rendered = renderText(value, context, source);
  return rendered === '' ? undefined : rendered;
}

export type FieldPathSegment = string | number;

/** Renders every string below `value` (keys stay as written); `locate` places errors in the template file. */
export function renderDeep(value: unknown, context: object, locate: (path: readonly FieldPathSegment[]) => TextSource, path: readonly FieldPathSegment[] = []): unknown {
  if (typeof value === 'string') {
    return renderTemplateString(value, context, locate(path));
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => renderDeep(item, context, locate, [...path, index]));
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const rendered = renderDeep(item, context, locate, [...path, key]);
      if (rendered !== undefined) {
        result[key] = rendered;
      }
    }
    return result;
  }
  return value;
}

/** Backstage's `if`: false for false, undefined, null, "", 0 and []. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** A JSON copy: what Backstage hands its isolate, so templates never see host objects. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
