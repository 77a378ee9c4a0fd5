import type { AgentContext } from './agentContext';
import { dryRunTemplateTool } from './tools/dryRunTemplate';
import { entityRelationsTool } from './tools/entityRelations';
import { getCatalogEntityTool } from './tools/getCatalogEntity';
import { listTemplatesTool } from './tools/listTemplates';
import { queryCatalogEntitiesTool } from './tools/queryCatalogEntities';
import { searchDocsTool } from './tools/searchDocs';
import { validateEntityTool } from './tools/validateEntity';
import { whoOwnsTool } from './tools/whoOwns';
import { ToolInputError, type AgentTool, type ToolOutput } from './toolTypes';

/** Every tool, in the order clients list them: Backstage's actions first, then Greenroom's own. */
export const AGENT_TOOLS: readonly AgentTool[] = [
  getCatalogEntityTool,
  queryCatalogEntitiesTool,
  validateEntityTool,
  dryRunTemplateTool,
  whoOwnsTool,
  entityRelationsTool,
  searchDocsTool,
  listTemplatesTool,
];

const TOOLS_BY_NAME: ReadonlyMap<string, AgentTool> = new Map(AGENT_TOOLS.map((tool) => [tool.name, tool]));

export function findAgentTool(name: string): AgentTool | undefined {
  return TOOLS_BY_NAME.get(name);
}

export type ToolCallResult =
  | { readonly ok: true; readonly output: ToolOutput }
  | { readonly ok: false; readonly message: string; readonly internal: boolean };

/**
 * Runs a tool by name; every failure becomes a result (an input error for the caller to fix, or
 * an internal one), so no transport has to guard against a throw.
 */
export async function callAgentTool(name: string, input: unknown, context: AgentContext): Promise<ToolCallResult> {
  const tool = TOOLS_BY_NAME.get(name);
  if (!tool) {
    return { ok: false, message: `Unknown tool ${JSON.stringify(name.slice(0, 100))}`, internal: false };
  }
  try {
    return { ok: true, output: await tool.run(input, context) };
  } catch (error) {
    if (error instanceof ToolInputError) {
      return { ok: false, message: error.message, internal: false };
    }
    return {
      ok: false,
      message: `${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      internal: true,
    };
  }
}
