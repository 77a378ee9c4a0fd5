import * as nunjucks from 'nunjucks';
import { SCAFFOLDER_FILTERS } from './realmFilters';
import { nunjucksOptions, type RealmRenderOptions } from './realmProtocol';

// Runs inside the template realm only (see templateRealm.ts): whatever a template reaches from
// here, it reaches the realm's own objects, never the host's.

interface NunjucksRuntime {
  memberLookup(target: unknown, key: unknown): unknown;
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
}

/**
 * Defence in depth, not the boundary: member lookups compare the key as JavaScript will use it
 * (`[["constructor"]]` becomes "constructor"), and names inherited from `Object.prototype` are no
 * template variables. Were this bypassed, the caller would still only reach the realm's Function.
 */
const CLIMBING_KEYS = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
]);

function guardLookups(): void {
  const runtime = (nunjucks as unknown as { runtime: NunjucksRuntime }).runtime;
  const memberLookup = runtime.memberLookup.bind(runtime);
  const contextOrFrameLookup = runtime.contextOrFrameLookup.bind(runtime);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an object key is looked up by its string form, as JavaScript's `target[key]` does
  const keyOf = (key: unknown): unknown => (typeof key === 'object' && key !== null ? String(key) : key);
  runtime.memberLookup = (target, key) => {
    const property = keyOf(key);
    return typeof property === 'string' && CLIMBING_KEYS.has(property) ? undefined : memberLookup(target, property);
  };
  runtime.contextOrFrameLookup = (context, frame, name) => {
    if (CLIMBING_KEYS.has(name)) {
      return undefined;
    }
    const value = contextOrFrameLookup(context, frame, name);
    const inherited =
      Object.prototype.hasOwnProperty.call(Object.prototype, name) &&
      value === (Object.prototype as Record<string, unknown>)[name];
    return inherited ? undefined : value;
  };
}

guardLookups();

const environments = new Map<string, nunjucks.Environment>();

/**
 * One environment per option set, configured as Backstage's SecureTemplater: no loader (templates
 * are strings; nothing is read), no autoescape, `${{ }}` for expressions, undefined renders as
 * empty. `dev` keeps nunjucks' error objects, which carry the line and column.
 */
function environmentFor(options: RealmRenderOptions): nunjucks.Environment {
  const key = `${options.trimBlocks === true}:${options.lstripBlocks === true}:${options.cookiecutterCompat === true}`;
  let environment = environments.get(key);
  if (!environment) {
    environment = new nunjucks.Environment([], nunjucksOptions(options));
    for (const [name, filter] of SCAFFOLDER_FILTERS) {
      environment.addFilter(name, filter);
    }
    if (options.cookiecutterCompat) {
      environment.addFilter('jsonify', environment.getFilter('dump'));
    }
    environments.set(key, environment);
  }
  return environment;
}

/** Text without a tag renders as itself; skipping nunjucks matters for skeletons of thousands of files. */
export function hasTags(text: string): boolean {
  return text.includes('{{') || text.includes('{%') || text.includes('{#');
}

/**
 * `name` is the template's file: nunjucks resolves relative `include`s against it (and finds
 * nothing). `code` is the template already compiled to JavaScript by the host (see templating.ts):
 * it runs here, with this realm's Function, so only the lexing and parsing moved out.
 */
export function renderText(
  text: string,
  context: object,
  options: RealmRenderOptions,
  name = 'template',
  code?: string,
): string {
  if (code !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the host compiled this template; it runs with this sandboxed realm's Function, by design
    const compiled = (new Function(code) as () => object)();
    return new nunjucks.Template(
      { type: 'code', obj: compiled } as unknown as string,
      environmentFor(options),
      name,
    ).render(context);
  }
  return hasTags(text) ? new nunjucks.Template(text, environmentFor(options), name).render(context) : text;
}

interface ParsedNode {
  readonly children?: readonly ParsedNode[];
}

const parser = (
  nunjucks as unknown as { parser: { parse(source: string, extensions: unknown[], options: object): ParsedNode } }
).parser;
const nodes = (nunjucks as unknown as { nodes: { Output: new () => ParsedNode; TemplateData: new () => ParsedNode } })
  .nodes;

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
export function renderTemplateString(value: string, context: object): unknown {
  const expression = singleExpression(value);
  if (expression !== undefined) {
    try {
      const dumped = renderText(`\${{ (${expression}) | dump }}`, context, {});
      return dumped === '' ? undefined : (JSON.parse(dumped) as unknown);
    } catch {
      // Fall back to plain rendering, which reports a real error at the right column.
    }
  }
  const rendered = renderText(value, context, {});
  return rendered === '' ? undefined : rendered;
}

/** A failure below a JSON value, with the path of the string that failed. */
export class DeepRenderFailure {
  constructor(
    readonly path: readonly (string | number)[],
    readonly error: unknown,
  ) {}
}

/** Renders every string below `value` (keys stay as written); undefined array items become null, as JSON has them. */
export function renderDeep(value: unknown, context: object, path: (string | number)[] = []): unknown {
  if (typeof value === 'string') {
    try {
      return renderTemplateString(value, context);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a wrapper that says where rendering failed; realmEntry unwraps it and reports the error inside
      throw new DeepRenderFailure([...path], error);
    }
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => renderDeep(item, context, [...path, index]));
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const rendered = renderDeep(item, context, [...path, key]);
      if (rendered !== undefined) {
        result[key] = rendered;
      }
    }
    return result;
  }
  return value;
}
