import * as vscode from 'vscode';
import { AGENT_TOOLS, callAgentTool, type AgentContext } from '../../agents';
import { invocationMessage } from './invocationMessages';
import { LANGUAGE_MODEL_TOOL_NAMES } from './languageModelToolNames';

/** Whether this VS Code has language-model tools (1.95+; stable API). */
export function hasLanguageModelTools(): boolean {
  return typeof vscode.lm?.registerTool === 'function';
}

/**
 * The agent tools as VS Code language-model tools (agent mode, `#whoOwns` references). Errors are
 * thrown with a message meant for the model, as the API asks.
 */
export function registerLanguageModelTools(context: () => Promise<AgentContext>): vscode.Disposable {
  if (!hasLanguageModelTools()) {
    return new vscode.Disposable(() => undefined);
  }
  const registrations = AGENT_TOOLS.map((tool) => {
    const names = LANGUAGE_MODEL_TOOL_NAMES.get(tool.name);
    if (!names) {
      throw new Error(`no VS Code name for tool ${tool.name}`);
    }
    return vscode.lm.registerTool<object>(names.name, {
      prepareInvocation: (options) => ({ invocationMessage: invocationMessage(tool.name, options.input) }),
      invoke: async (options, token) => {
        const agentContext = await context();
        if (token.isCancellationRequested) {
          throw new vscode.CancellationError();
        }
        const result = await callAgentTool(tool.name, options.input, agentContext);
        if (!result.ok) {
          throw new Error(result.message);
        }
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(result.output))]);
      },
    });
  });
  return vscode.Disposable.from(...registrations);
}
