// The tool set shared by every agent transport: the MCP server (src/cli/mcpCommand.ts), the
// language-model tools and the chat participant (src/features/agents). No vscode import here.
export { AgentContext, type AgentContextOptions } from './agentContext';
export { AGENT_TOOLS, callAgentTool, findAgentTool, type ToolCallResult } from './agentTools';
export { backstageEntity, entityEssentials, type EntityEssentials } from './entityEssentials';
export { docsPageUri } from './tools/searchDocs';
export { ToolInputError, type AgentTool, type JsonSchema, type ToolAnnotations, type ToolOutput } from './toolTypes';
export {
  docsResources,
  entityResources,
  entityUri,
  readDocsResource,
  readEntityDescriptor,
  type AgentResource,
  type ResourceText,
} from './agentResources';
export {
  dependenciesAnswer,
  docsAnswer,
  formatMessage,
  ownerAnswer,
  validationAnswer,
  type EntityLink,
  type Localize,
} from './chatAnswers';
