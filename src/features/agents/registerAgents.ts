import * as vscode from 'vscode';
import { AgentContext } from '../../agents';
import { nodeCatalogFileSystem } from '../../catalog';
import { nodeTemplateFileSystem } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import type { Settings } from '../../services/settings';
import { RegistryTokens } from '../../services/registryTokens';
import { registerChatParticipant } from './chatParticipant';
import { registerLanguageModelTools } from './registerLanguageModelTools';
import { registerMcpServerDefinitions } from './mcpServerDefinitions';

function folderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => folder.uri.fsPath);
}

/**
 * Greenroom for coding agents in the editor, each part only where this VS Code has the API:
 * language-model tools (1.95+), the `@greenroom` chat participant (1.90+), MCP server
 * definitions for other MCP-aware tools and registries' Backstage actions (1.101+).
 */
export function registerAgents(
  extension: vscode.ExtensionContext,
  catalog: CatalogService,
  settings: Settings,
): vscode.Disposable {
  let agentContext: AgentContext | undefined;
  const contextNow = (): AgentContext => {
    agentContext ??= new AgentContext({
      index: catalog.index,
      roots: folderPaths(),
      fs: nodeCatalogFileSystem,
      templateFs: nodeTemplateFileSystem,
    });
    return agentContext;
  };
  const ready = async (): Promise<AgentContext> => {
    await catalog.whenIndexed();
    return contextNow();
  };
  const definitionsChanged = new vscode.EventEmitter<void>();
  const tokens = new RegistryTokens(extension.secrets, extension.globalState);
  return vscode.Disposable.from(
    definitionsChanged,
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      agentContext?.dispose();
      agentContext = undefined;
      definitionsChanged.fire();
    }),
    // Docs pages and CODEOWNERS are not catalog files: any saved file may change an answer.
    vscode.workspace.onDidSaveTextDocument(() => agentContext?.invalidate()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => definitionsChanged.fire()),
    settings.onDidChange((change) => {
      if (change.affects(['registries'])) {
        definitionsChanged.fire();
      }
    }),
    registerLanguageModelTools(ready),
    registerChatParticipant(extension.extensionUri, ready),
    registerMcpServerDefinitions({
      cliScript: vscode.Uri.joinPath(extension.extensionUri, 'dist', 'cli.js').fsPath,
      workspaceFolders: folderPaths,
      registries: () => settings.current.registries.registries,
      tokenFor: (registry) => tokens.get(registry),
      onDidChange: definitionsChanged.event,
    }),
    { dispose: () => agentContext?.dispose() },
  );
}
