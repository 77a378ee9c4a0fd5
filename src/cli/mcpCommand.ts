import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { AgentContext } from '../agents';
import { CatalogIndexCache, MultiFolderCatalog, nodeCatalogFileSystem } from '../catalog';
import { nodeTemplateFileSystem } from '../scaffolder';
import { watchWorkspaceFolder } from './folderWatcher';
import { createMcpServer } from './mcpServer';
import { registryModules } from './registryModules';
import { standardError } from './terminalOutput';

export const MCP_USAGE = `  greenroom mcp <folder> [--registry <baseUrl>]… [--cache <file>]
                                     serve the catalog to coding agents over MCP on stdio;
                                     follows file changes; --cache keeps parses for a fast restart`;

/** Reported to clients as the server version. */
const SERVER_VERSION = '0.1.0';
/** How long a closing server waits for a cache write under way (a client may close right after the first answer). */
const CACHE_SAVE_GRACE_MS = 10_000;

interface McpArguments {
  readonly folder: string;
  readonly registries: readonly string[];
  readonly cacheFile: string | undefined;
}

function parseArguments(args: readonly string[]): McpArguments | string {
  const registries: string[] = [];
  const positional: string[] = [];
  let cacheFile: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--registry' || arg === '--cache') {
      const value = args[++index];
      if (value === undefined || value.startsWith('--')) {
        return `${arg} needs a value`;
      }
      if (arg === '--registry') {
        if (!/^https?:\/\//.test(value)) {
          return '--registry needs an http(s) base URL';
        }
        registries.push(value);
      } else {
        cacheFile = path.resolve(value);
      }
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      positional.push(arg);
    }
  }
  const [folder, ...extra] = positional;
  if (!folder || extra.length > 0) {
    return folder ? `unexpected argument ${extra[0] ?? ''}` : 'a folder is required';
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return `"${folder}" is not a folder`;
  }
  return { folder: path.resolve(folder), registries, cacheFile };
}

/**
 * `greenroom mcp`: stdout carries MCP messages only, every log line goes to stderr. The
 * handshake is answered at once; tool calls wait for the first index.
 */
export async function mcp(args: readonly string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === 'string') {
    standardError.line`greenroom mcp: ${parsed}`;
    standardError.block(`Usage:\n${MCP_USAGE}`);
    return 2;
  }
  // stdout is the protocol channel: every log line goes to stderr, escaped for the terminal.
  const log = (message: string): void => standardError.line`greenroom mcp: ${message}`;
  // Times and CPU are since the process started (performance.now() counts from there), module
  // loading included: on a busy machine wall time is mostly waiting for a core, CPU is the cost.
  const cpuMs = (): string => {
    const used = process.cpuUsage();
    return ((used.user + used.system) / 1000).toFixed(0);
  };
  let cacheSaved: Promise<unknown> = Promise.resolve();
  const cache = parsed.cacheFile
    ? await CatalogIndexCache.load(parsed.cacheFile, { fingerprint: `mcp/${SERVER_VERSION}` })
    : undefined;
  // dist/cli.js parses in the worker bundled beside it; compiled by tsc (tests), on this thread.
  const workerScript = path.join(__dirname, 'catalogWorker.js');
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    ...(existsSync(workerScript) ? { workerScript } : {}),
    ...(cache ? { cache } : {}),
  });
  workspace.addFolder(parsed.folder);
  const context = new AgentContext({
    index: workspace.index,
    roots: [parsed.folder],
    fs: nodeCatalogFileSystem,
    templateFs: nodeTemplateFileSystem,
  });
  // With a warm cache, tool calls are answered from last session's parses while the load checks
  // them against the disk (and follows what changed); without one, once the first index is in.
  // Asked before the load starts, so it is first in the folder's queue.
  const shownFromCache = workspace.showCached().then((shown) => {
    if (shown > 0) {
      log(
        `answering from the cache (${workspace.index.size} entities, ${performance.now().toFixed(0)} ms after start, ${cpuMs()} ms CPU) while the folder is checked`,
      );
    }
    return shown;
  });
  const loaded = (async (): Promise<AgentContext> => {
    await workspace.loadAll();
    log(
      `indexed ${workspace.index.size} entities in ${performance.now().toFixed(0)} ms, ${cpuMs()} ms CPU${cache ? ` (cache: ${cache.status})` : ''}`,
    );
    for (const baseUrl of parsed.registries) {
      try {
        const { CatalogApiClient, RegistrySync } = registryModules();
        const client = new CatalogApiClient(
          { name: new URL(baseUrl).host, baseUrl },
          { token: process.env['GREENROOM_TOKEN'] || undefined },
        );
        await new RegistrySync(workspace.index, client, undefined).sync();
        log(`merged registry ${new URL(baseUrl).host}: ${workspace.index.size} entities`);
      } catch (error) {
        log(`registry ${baseUrl} not merged: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (cache) {
      cacheSaved = workspace.saveCache().catch((error: unknown) => log(`cache not saved: ${String(error)}`));
    }
    return context;
  })();
  const ready = shownFromCache.then(
    (shown) => (shown > 0 ? context : loaded),
    () => loaded,
  );
  loaded.catch(() => undefined);
  ready.catch((error: unknown) => log(`indexing failed: ${error instanceof Error ? error.message : String(error)}`));

  // Watches are set up once the index is in: listing every folder for them while the index loads
  // competes with it for the same core (about a third of a warm start on the bench workspace).
  // As before, when the watches were set up beside the load over several seconds, a file edited
  // after it was indexed but before its folder is watched is seen at its next change.
  let watcher: ReturnType<typeof watchWorkspaceFolder> | undefined;
  let closing = false;
  void loaded.then(
    () => {
      if (closing) {
        return;
      }
      watcher = watchWorkspaceFolder(parsed.folder, workspace, { onChange: () => context.invalidate(), log });
      void watcher.ready.then(() => log(`following file changes (${performance.now().toFixed(0)} ms after start)`));
    },
    () => undefined,
  );
  const server = createMcpServer({ version: SERVER_VERSION, ready, log });
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  process.stdin.once('end', () => void server.close());
  await server.connect(new StdioServerTransport());
  await closed;
  closing = true;
  watcher?.dispose();
  await loaded.catch(() => undefined);
  // A cache write under way is finished, so the next start is warm even after a short session.
  await Promise.race([cacheSaved, new Promise((resolve) => setTimeout(resolve, CACHE_SAVE_GRACE_MS).unref())]);
  context.dispose();
  workspace.dispose();
  return 0;
}
