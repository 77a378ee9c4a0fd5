import * as path from 'node:path';
import type { CatalogFileSystem } from '../../catalog/catalogFileSystem';
import { isInsideFolder } from '../../catalog/catalogFileSystem';
import { renderMarkdown, summarizeOpenApi, type OpenApiSummary, type OperationSummary } from '../../docs';
import type { EntityView, GreenroomPlugin, TabRenderContext } from '../pluginTypes';

export interface ApiDefinitionPluginOptions {
  readonly fs: CatalogFileSystem;
  workspaceRootOf(file: string): string | undefined;
}

const MAX_DEFINITION_BYTES = 10 * 1024 * 1024;
/** Keyed by the `spec.type` a file wrote: a Map, so `constructor` finds nothing. */
const SOURCE_LANGUAGE: ReadonlyMap<string, string> = new Map([
  ['graphql', 'graphql'],
  ['grpc', 'protobuf'],
  ['asyncapi', 'yaml'],
  ['openapi', 'yaml'],
]);

/** The definition text: inline, or a `$text` substitution read relative to the descriptor, inside the workspace. */
async function definitionText(
  entity: EntityView,
  options: ApiDefinitionPluginOptions,
): Promise<{ text: string } | { problem: string }> {
  const definition = (entity.entity.spec as Record<string, unknown> | undefined)?.['definition'];
  if (typeof definition === 'string') {
    return { text: definition };
  }
  const target =
    definition && typeof definition === 'object'
      ? ((definition as Record<string, unknown>)['$text'] ??
        (definition as Record<string, unknown>)['$yaml'] ??
        (definition as Record<string, unknown>)['$json'])
      : undefined;
  if (typeof target !== 'string') {
    return { problem: 'spec.definition is neither text nor a $text substitution' };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return { problem: `the definition lives at ${target}; only files next to the descriptor are read` };
  }
  const root = entity.file ? options.workspaceRootOf(entity.file) : undefined;
  if (!entity.file || !root) {
    return { problem: 'the definition file is only read for entities in the workspace' };
  }
  const file = path.resolve(path.dirname(entity.file), target);
  const real = await options.fs.realPath(file);
  if (!isInsideFolder(root, file) || !real || !isInsideFolder((await options.fs.realPath(root)) ?? root, real)) {
    return { problem: `${target} is outside the workspace folder or missing; not read` };
  }
  const stat = await options.fs.stat(real);
  if (!stat?.isFile || stat.size > MAX_DEFINITION_BYTES) {
    return { problem: `${target} is not a readable file under ${MAX_DEFINITION_BYTES / 1024 / 1024} MB` };
  }
  return { text: new TextDecoder().decode(await options.fs.readFile(real)) };
}

function operationHtml(operation: OperationSummary, context: TabRenderContext): string {
  const parameters =
    operation.parameters.length > 0
      ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th></tr></thead><tbody>${operation.parameters
          .map(
            (parameter) =>
              `<tr><td><code>${context.escape(parameter.name)}</code></td><td>${context.escape(parameter.in)}</td><td>${context.escape(parameter.type)}</td><td>${parameter.required ? 'yes' : ''}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
  const body = operation.requestBody
    ? `<p><strong>Body</strong> ${context.escape(operation.requestBody.contentTypes.join(', '))}: <code>${context.escape(operation.requestBody.schemaSummary)}</code></p>`
    : '';
  const responses = operation.responses
    .map(
      (response) =>
        `<li><code>${context.escape(response.status)}</code> ${context.escape(response.description)}${response.schemaSummary ? ` — <code>${context.escape(response.schemaSummary)}</code>` : ''}</li>`,
    )
    .join('');
  return `<details class="operation"${operation.deprecated ? ' title="deprecated"' : ''}><summary><span class="method ${context.escape(operation.method.toLowerCase())}">${context.escape(operation.method)}</span><span class="path">${context.escape(operation.path)}</span> ${context.escape(operation.summary ?? '')}</summary>
${operation.description ? `<p>${context.escape(operation.description)}</p>` : ''}${parameters}${body}${responses ? `<p><strong>Responses</strong></p><ul>${responses}</ul>` : ''}</details>`;
}

function openApiHtml(summary: OpenApiSummary, context: TabRenderContext): string {
  const schemas = summary.schemas
    .map(
      (schema) =>
        `<details class="operation"><summary><code>${context.escape(schema.name)}</code> ${context.escape(schema.type)}</summary><ul>${schema.properties
          .map(
            (property) =>
              `<li><code>${context.escape(property.name)}</code>: ${context.escape(property.type)}${property.required ? ' (required)' : ''}${property.description ? ` — ${context.escape(property.description)}` : ''}</li>`,
          )
          .join('')}</ul></details>`,
    )
    .join('');
  return `<h2>${context.escape(summary.title)} <span class="chip">${context.escape(summary.version)}</span> <span class="relation-type">OpenAPI ${context.escape(summary.specVersion ?? '')}</span></h2>
${summary.description ? `<p>${context.escape(summary.description)}</p>` : ''}${summary.servers.length > 0 ? `<p><strong>Servers</strong> ${summary.servers.map((server) => `<code>${context.escape(server)}</code>`).join(' ')}</p>` : ''}
<h3>Operations (${summary.operations.length})</h3>${summary.operations.map((operation) => operationHtml(operation, context)).join('')}
${schemas ? `<h3>Schemas (${summary.schemas.length})</h3>${schemas}` : ''}${summary.problems.length > 0 ? `<p class="notice">${summary.problems.map((problem) => context.escape(problem)).join('<br>')}</p>` : ''}`;
}

/** Highlighted source through the docs renderer, so it gets the same sanitizing. */
function sourceHtml(text: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  return `<div class="docs-source">${renderMarkdown(`${fence}${language}\n${text}\n${fence}`).html}</div>`;
}

/** The Definition tab of `kind: API`: OpenAPI as operations and schemas, other types as highlighted source. */
export function createApiDefinitionPlugin(options: ApiDefinitionPluginOptions): GreenroomPlugin {
  return {
    id: 'greenroom.api',
    displayName: 'API definitions',
    entityTabs: [
      {
        id: 'definition',
        title: 'Definition',
        order: 5,
        appliesTo: (entity) => entity.kind.toLowerCase() === 'api',
        render: async (entity, context) => {
          const loaded = await definitionText(entity, options);
          if ('problem' in loaded) {
            return `<p class="notice">${context.escape(loaded.problem)}</p>`;
          }
          const declaredType = (entity.entity.spec as Record<string, unknown> | undefined)?.['type'];
          const type = typeof declaredType === 'string' ? declaredType.toLowerCase() : '';
          if (type === 'openapi') {
            const summary = summarizeOpenApi(loaded.text);
            if (summary.specVersion !== undefined) {
              const showSource = context.state === 'source';
              const toggle = showSource
                ? context.stateLink('', 'Show operations')
                : context.stateLink('source', 'Show source');
              return `<p>${toggle}</p>${showSource ? sourceHtml(loaded.text, 'yaml') : openApiHtml(summary, context)}`;
            }
          }
          return `<p class="relation-type">${context.escape(type || 'definition')}</p>${sourceHtml(loaded.text, SOURCE_LANGUAGE.get(type) ?? '')}`;
        },
      },
    ],
  };
}
