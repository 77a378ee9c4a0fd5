import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RegistryConfig } from '../../registry/catalogApiClient';

/**
 * The MCP server definition API arrived in VS Code 1.101, after the @types/vscode (1.100) this
 * extension builds against; these are the parts used, looked up at run time.
 */
interface McpServerDefinition {
  readonly label: string;
}
interface McpHttpServerDefinition extends McpServerDefinition {
  headers: Record<string, string>;
}
interface McpApi {
  readonly McpStdioServerDefinition: new (
    label: string,
    command: string,
    args?: string[],
    env?: Record<string, string | number | null>,
    version?: string,
  ) => McpServerDefinition;
  readonly McpHttpServerDefinition: new (
    label: string,
    uri: vscode.Uri,
    headers?: Record<string, string>,
    version?: string,
  ) => McpHttpServerDefinition;
  registerMcpServerDefinitionProvider(
    id: string,
    provider: {
      readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
      provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<McpServerDefinition[]>;
      resolveMcpServerDefinition?(
        server: McpServerDefinition,
        token: vscode.CancellationToken,
      ): vscode.ProviderResult<McpServerDefinition>;
    },
  ): vscode.Disposable;
}

/** The provider id declared under `contributes.mcpServerDefinitionProviders`. */
export const MCP_PROVIDER_ID = 'greenroom.mcpServers';
/** Where Backstage's MCP actions backend serves, under a registry's base URL. */
export const BACKSTAGE_MCP_PATH = '/api/mcp-actions/v1';

/** The MCP API when this VS Code has it (1.101+), else undefined. */
export function mcpApi(): McpApi | undefined {
  // `?? {}`: an editor without the language-model API has no `vscode.lm` at all.
  const lm = (vscode.lm ?? {}) as unknown as Partial<McpApi>;
  const classes = vscode as unknown as Partial<McpApi>;
  return typeof lm.registerMcpServerDefinitionProvider === 'function' &&
    classes.McpStdioServerDefinition &&
    classes.McpHttpServerDefinition
    ? {
        McpStdioServerDefinition: classes.McpStdioServerDefinition,
        McpHttpServerDefinition: classes.McpHttpServerDefinition,
        registerMcpServerDefinitionProvider: lm.registerMcpServerDefinitionProvider.bind(vscode.lm),
      }
    : undefined;
}

export interface McpDefinitionSources {
  /** dist/cli.js of this extension. */
  readonly cliScript: string;
  readonly workspaceFolders: () => readonly string[];
  readonly registries: () => readonly RegistryConfig[];
  readonly tokenFor: (registry: string) => Thenable<string | undefined>;
  /** Fires when folders, registries or trust change. */
  readonly onDidChange: vscode.Event<void>;
}

function registryMcpUrl(registry: RegistryConfig): vscode.Uri | undefined {
  try {
    const base = new URL(registry.baseUrl);
    return /^https?:$/.test(base.protocol)
      ? vscode.Uri.parse(`${base.href.replace(/\/+$/, '')}${BACKSTAGE_MCP_PATH}`)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Offers Greenroom's own stdio server (VS Code's runtime runs dist/cli.js as node) for each
 * workspace folder, and an HTTP definition per configured registry whose token is added only
 * when VS Code starts it. Nothing is offered in an untrusted workspace.
 */
export function registerMcpServerDefinitions(sources: McpDefinitionSources): vscode.Disposable {
  const api = mcpApi();
  if (!api) {
    return new vscode.Disposable(() => undefined);
  }
  const registryByLabel = new Map<string, RegistryConfig>();
  return api.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
    onDidChangeMcpServerDefinitions: sources.onDidChange,
    provideMcpServerDefinitions: () => {
      if (!vscode.workspace.isTrusted) {
        return [];
      }
      registryByLabel.clear();
      const local = sources
        .workspaceFolders()
        .map(
          (folder) =>
            new api.McpStdioServerDefinition(
              vscode.l10n.t('Greenroom catalog: {0}', path.basename(folder)),
              process.execPath,
              [sources.cliScript, 'mcp', folder],
              { ELECTRON_RUN_AS_NODE: 1 },
            ),
        );
      const remote = sources.registries().flatMap((registry) => {
        const uri = registryMcpUrl(registry);
        if (!uri) {
          return [];
        }
        const label = vscode.l10n.t('Backstage actions: {0}', registry.name);
        registryByLabel.set(label, registry);
        return [new api.McpHttpServerDefinition(label, uri)];
      });
      return [...local, ...remote];
    },
    resolveMcpServerDefinition: async (server) => {
      const registry = registryByLabel.get(server.label);
      if (registry && 'headers' in server) {
        // The token leaves SecretStorage only for the registry it is stored under, when the server starts.
        const token = await sources.tokenFor(registry.name);
        if (token) {
          (server as McpHttpServerDefinition).headers = {
            ...(server as McpHttpServerDefinition).headers,
            Authorization: `Bearer ${token}`,
          };
        }
      }
      return server;
    },
  });
}
