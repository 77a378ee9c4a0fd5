import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import {
  AGENT_TOOLS,
  callAgentTool,
  docsResources,
  entityResources,
  readDocsResource,
  readEntityDescriptor,
  type AgentContext,
} from '../agents';

export interface McpServerOptions {
  readonly version: string;
  /** Resolves once the first index is built; calls wait for it, so the handshake does not. */
  readonly ready: Promise<AgentContext>;
  readonly log: (message: string) => void;
}

const INSTRUCTIONS =
  'Greenroom serves the Backstage software catalog of this workspace as it is on disk now (plus configured registries). ' +
  'Use who-owns for "who owns this file", entity-relations for "what breaks if I change this", validate-entity before writing a catalog-info.yaml, ' +
  'dry-run-template to preview a scaffold, query-catalog-entities / get-catalog-entity for anything else in the catalog.';

function variable(value: string | string[] | undefined): string {
  return decodeURIComponent(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}

function toolDescriptor(tool: (typeof AGENT_TOOLS)[number]): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    outputSchema: tool.outputSchema as NonNullable<Tool['outputSchema']>,
    annotations: { ...tool.annotations },
  };
}

/**
 * Greenroom's tools and resources over MCP. Tools are served with the low-level handlers so
 * their JSON Schemas (shared with VS Code's language-model tools) go out as they are, without
 * a zod copy; resources use McpServer's templates.
 */
export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'greenroom', title: 'Greenroom', version: options.version },
    { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS },
  );
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: AGENT_TOOLS.map(toolDescriptor) }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const context = await options.ready;
    const result = await callAgentTool(request.params.name, request.params.arguments ?? {}, context);
    if (!result.ok) {
      if (result.internal) {
        options.log(`tool ${request.params.name}: ${result.message}`);
      }
      return { content: [{ type: 'text', text: result.message }], isError: true };
    }
    return { content: [{ type: 'text', text: JSON.stringify(result.output) }], structuredContent: result.output };
  });

  server.registerResource(
    'entity',
    new ResourceTemplate('greenroom://entity/{kind}/{namespace}/{name}', {
      list: async () => ({ resources: entityResources(await options.ready) }),
    }),
    {
      title: 'Catalog entity descriptor',
      description: 'The catalog-info.yaml document of an entity',
      mimeType: 'application/yaml',
    },
    async (uri, variables) => {
      const ref = `${variable(variables['kind'])}:${variable(variables['namespace'])}/${variable(variables['name'])}`;
      const text = await readEntityDescriptor(await options.ready, ref);
      if (!text) {
        throw new Error(`${ref} is not in the catalog`);
      }
      return { contents: [{ uri: uri.href, mimeType: text.mimeType, text: text.text }] };
    },
  );
  server.registerResource(
    'techdocs',
    new ResourceTemplate('greenroom://docs/{kind}/{namespace}/{name}/{page}', {
      list: async () => ({ resources: await docsResources(await options.ready) }),
    }),
    { title: 'TechDocs page', description: "A markdown page of an entity's TechDocs", mimeType: 'text/markdown' },
    async (uri, variables) => {
      const ref = `${variable(variables['kind'])}:${variable(variables['namespace'])}/${variable(variables['name'])}`;
      const text = await readDocsResource(await options.ready, ref, variable(variables['page']));
      if (!text) {
        throw new Error(`no docs page ${variable(variables['page'])} for ${ref}`);
      }
      return { contents: [{ uri: uri.href, mimeType: text.mimeType, text: text.text }] };
    },
  );
  return server;
}
