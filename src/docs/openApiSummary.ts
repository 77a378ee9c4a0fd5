import { parseDocument } from 'yaml';
import { asArray, asObject, asString, describeSchema, own, RefResolver, type JsonObject } from './openApiRefs';

export interface ParameterSummary {
  readonly name: string;
  /** path, query, header, cookie (Swagger 2 also formData). */
  readonly in: string;
  readonly required: boolean;
  readonly type: string;
  readonly description: string | undefined;
}

export interface RequestBodySummary {
  readonly contentTypes: readonly string[];
  readonly schemaSummary: string;
  readonly required: boolean;
}

export interface ResponseSummary {
  readonly status: string;
  readonly description: string;
  readonly schemaSummary: string | undefined;
}

export interface OperationSummary {
  /** Upper case: GET, POST, … */
  readonly method: string;
  readonly path: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly operationId: string | undefined;
  readonly deprecated: boolean;
  readonly parameters: readonly ParameterSummary[];
  readonly requestBody?: RequestBodySummary;
  readonly responses: readonly ResponseSummary[];
  readonly tags: readonly string[];
}

export interface SchemaPropertySummary {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string | undefined;
}

export interface SchemaSummary {
  readonly name: string;
  readonly type: string;
  readonly description: string | undefined;
  readonly properties: readonly SchemaPropertySummary[];
}

export interface OpenApiSummary {
  /** `3.0.3`, `2.0`, … undefined when the text is not an OpenAPI definition. */
  readonly specVersion: string | undefined;
  readonly title: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly servers: readonly string[];
  readonly operations: readonly OperationSummary[];
  readonly schemas: readonly SchemaSummary[];
  readonly problems: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const MAX_TEXT_LENGTH = 20 * 1024 * 1024;
const MAX_OPERATIONS = 5000;
const MAX_SCHEMAS = 5000;
const MAX_ALIASES = 100;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseDefinition(text: string, problems: string[]): JsonObject | undefined {
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) {
    problems.push('the definition is too large to summarise');
    return undefined;
  }
  let value: unknown;
  try {
    // JSON is YAML too, but the JSON parser is much faster on the large generated definitions.
    value = /^\s*\{/.test(text) ? parseJson(text) : undefined;
    if (value === undefined) {
      const document = parseDocument(text, { logLevel: 'silent', uniqueKeys: false, prettyErrors: false });
      problems.push(...document.errors.map((error) => `YAML: ${error.message}`));
      value = document.toJS({ maxAliasCount: MAX_ALIASES });
    }
  } catch (error) {
    problems.push(`not readable as YAML or JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const root = asObject(value);
  if (!root) {
    problems.push('not an OpenAPI definition: expected a mapping at the top');
  }
  return root;
}

class Summariser {
  readonly problems: string[];
  private readonly refs: RefResolver;
  private readonly swagger2: boolean;

  constructor(
    private readonly root: JsonObject,
    problems: string[],
  ) {
    this.problems = problems;
    this.refs = new RefResolver(root, problems);
    this.swagger2 = asString(own(root, 'swagger')) !== undefined;
  }

  servers(): string[] {
    if (!this.swagger2) {
      return asArray(own(this.root, 'servers')).flatMap((server) => asString(own(asObject(server), 'url')) ?? []);
    }
    const host = asString(own(this.root, 'host'));
    const basePath = asString(own(this.root, 'basePath')) ?? '';
    if (!host) {
      return basePath ? [basePath] : [];
    }
    const schemes = asArray(own(this.root, 'schemes')).flatMap((scheme) => asString(scheme) ?? []);
    return (schemes.length > 0 ? schemes : ['https']).map((scheme) => `${scheme}://${host}${basePath}`);
  }

  operations(): OperationSummary[] {
    const operations: OperationSummary[] = [];
    for (const [pathName, rawItem] of Object.entries(asObject(own(this.root, 'paths')) ?? {})) {
      const pathItem = this.refs.resolve(rawItem);
      const shared = asArray(own(pathItem, 'parameters'));
      for (const method of METHODS) {
        const operation = asObject(own(pathItem, method));
        if (!operation) {
          continue;
        }
        if (operations.length >= MAX_OPERATIONS) {
          this.problems.push(`more than ${MAX_OPERATIONS} operations; the rest are left out`);
          return operations;
        }
        operations.push(this.operation(method, pathName, operation, shared));
      }
    }
    return operations;
  }

  private operation(
    method: string,
    pathName: string,
    operation: JsonObject,
    shared: readonly unknown[],
  ): OperationSummary {
    // Operation parameters override path-level ones with the same name and location.
    const byKey = new Map<string, JsonObject>();
    for (const raw of [...shared, ...asArray(own(operation, 'parameters'))]) {
      const parameter = this.refs.resolve(raw);
      const name = asString(own(parameter, 'name'));
      if (parameter && name !== undefined) {
        byKey.set(`${asString(own(parameter, 'in')) ?? ''}:${name}`, parameter);
      }
    }
    const body = [...byKey.values()].find((parameter) => own(parameter, 'in') === 'body');
    const requestBody = this.swagger2
      ? body
        ? this.swaggerBody(operation, body)
        : undefined
      : this.requestBody(own(operation, 'requestBody'));
    const summary: OperationSummary = {
      method: method.toUpperCase(),
      path: pathName,
      summary: asString(own(operation, 'summary')),
      description: asString(own(operation, 'description')),
      operationId: asString(own(operation, 'operationId')),
      deprecated: own(operation, 'deprecated') === true,
      parameters: [...byKey.values()]
        .filter((parameter) => parameter !== body)
        .map((parameter) => this.parameter(parameter)),
      responses: Object.entries(asObject(own(operation, 'responses')) ?? {}).map(([status, response]) =>
        this.response(status, response),
      ),
      tags: asArray(own(operation, 'tags')).flatMap((tag) => asString(tag) ?? []),
    };
    return requestBody ? { ...summary, requestBody } : summary;
  }

  private parameter(parameter: JsonObject): ParameterSummary {
    const location = asString(own(parameter, 'in')) ?? 'query';
    // OpenAPI 3 puts the type in `schema` (or `content`); Swagger 2 on the parameter itself.
    const content = asObject(own(parameter, 'content'));
    const schema =
      own(parameter, 'schema') ??
      (content ? own(asObject(Object.values(content)[0]), 'schema') : undefined) ??
      (this.swagger2 ? parameter : undefined);
    return {
      name: asString(own(parameter, 'name')) ?? '',
      in: location,
      required: own(parameter, 'required') === true || location === 'path',
      type: describeSchema(schema),
      description: asString(own(parameter, 'description')),
    };
  }

  private requestBody(raw: unknown): RequestBodySummary | undefined {
    const body = this.refs.resolve(raw);
    if (!body) {
      return undefined;
    }
    const content = asObject(own(body, 'content')) ?? {};
    const contentTypes = Object.keys(content);
    const first = asObject(own(content, contentTypes[0] ?? ''));
    return {
      contentTypes,
      schemaSummary: first && own(first, 'schema') !== undefined ? describeSchema(own(first, 'schema')) : '',
      required: own(body, 'required') === true,
    };
  }

  private swaggerBody(operation: JsonObject, body: JsonObject): RequestBodySummary {
    const consumes = asArray(own(operation, 'consumes') ?? own(this.root, 'consumes')).flatMap(
      (type) => asString(type) ?? [],
    );
    return {
      contentTypes: consumes.length > 0 ? consumes : ['application/json'],
      schemaSummary: describeSchema(own(body, 'schema')),
      required: own(body, 'required') === true,
    };
  }

  private response(status: string, raw: unknown): ResponseSummary {
    const response = this.refs.resolve(raw);
    const content = asObject(own(response, 'content'));
    const schema = this.swagger2
      ? own(response, 'schema')
      : content
        ? own(asObject(Object.values(content)[0]), 'schema')
        : undefined;
    return {
      status,
      description: asString(own(response, 'description')) ?? '',
      schemaSummary: schema === undefined ? undefined : describeSchema(schema),
    };
  }

  schemas(): SchemaSummary[] {
    const definitions =
      asObject(
        this.swagger2 ? own(this.root, 'definitions') : own(asObject(own(this.root, 'components')), 'schemas'),
      ) ?? {};
    return Object.entries(definitions)
      .slice(0, MAX_SCHEMAS)
      .map(([name, schema]) => {
        const resolved = this.refs.resolve(schema);
        return {
          name,
          type: describeSchema(resolved ?? schema),
          description: asString(own(resolved, 'description')),
          properties: this.properties(schema),
        };
      });
  }

  /** Own properties plus those `allOf` members bring in, each referenced schema visited once. */
  private properties(schema: unknown, visited = new Set<JsonObject>()): SchemaPropertySummary[] {
    const resolved = this.refs.resolve(schema);
    if (!resolved || visited.has(resolved)) {
      return [];
    }
    visited.add(resolved);
    const required = new Set(asArray(own(resolved, 'required')).flatMap((name) => asString(name) ?? []));
    const properties = asArray(own(resolved, 'allOf')).flatMap((member) => this.properties(member, visited));
    for (const [name, property] of Object.entries(asObject(own(resolved, 'properties')) ?? {})) {
      const description = asString(own(asObject(property), 'description'));
      properties.push({ name, type: describeSchema(property), required: required.has(name), description });
    }
    return properties;
  }
}

/**
 * A display summary of an OpenAPI 3.x or Swagger 2.0 definition (YAML or JSON): operations with
 * parameters, bodies and responses, and the named schemas. Local `$ref`s are followed (cycles
 * stop); anything malformed becomes a problem, never an exception.
 */
export function summarizeOpenApi(text: string): OpenApiSummary {
  const problems: string[] = [];
  const root = parseDefinition(text, problems);
  const empty: OpenApiSummary = {
    specVersion: undefined,
    title: 'Untitled API',
    version: '',
    description: undefined,
    servers: [],
    operations: [],
    schemas: [],
    problems,
  };
  if (!root) {
    return empty;
  }
  const specVersion = asString(own(root, 'openapi')) ?? asString(own(root, 'swagger'));
  if (specVersion === undefined) {
    problems.push('not an OpenAPI definition: no `openapi` or `swagger` field');
  } else if (!/^(2\.0|3\.[01])(\.|$)/.test(specVersion)) {
    problems.push(
      `OpenAPI version ${specVersion} is not one this summary knows (2.0, 3.0, 3.1); shown as far as it reads`,
    );
  }
  try {
    const summariser = new Summariser(root, problems);
    const info = asObject(own(root, 'info'));
    return {
      specVersion,
      title: asString(own(info, 'title')) ?? 'Untitled API',
      version: asString(own(info, 'version')) ?? '',
      description: asString(own(info, 'description')),
      servers: summariser.servers(),
      operations: summariser.operations(),
      schemas: summariser.schemas(),
      problems,
    };
  } catch (error) {
    // A shape no guard above foresaw: report it rather than break the panel.
    problems.push(`could not summarise the definition: ${error instanceof Error ? error.message : String(error)}`);
    return { ...empty, specVersion };
  }
}
