import type { AgentContext } from './agentContext';

/** A JSON Schema object, as MCP tools/list and `contributes.languageModelTools` carry it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** MCP tool annotations: hints a client shows or uses to decide whether to ask before a call. */
export interface ToolAnnotations {
  readonly title: string;
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  /** True when the tool reaches beyond the indexed workspace (none of ours do). */
  readonly openWorldHint: boolean;
}

/** A tool's answer: a JSON object matching its output schema. */
export type ToolOutput = Record<string, unknown>;

/**
 * One tool of the set shared by every transport (MCP server, language-model tools, chat
 * participant). `run` gets the raw, untrusted arguments and validates them itself.
 */
export interface AgentTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  readonly annotations: ToolAnnotations;
  /** Tools that answer from the index return at once; those that read files return a promise. */
  run(input: unknown, context: AgentContext): ToolOutput | Promise<ToolOutput>;
}

/** The caller's fault (bad arguments, unknown ref): reported to the model as a tool error, never thrown further. */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

export const READ_ONLY: Omit<ToolAnnotations, 'title'> = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
