import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

// Compiled to out/test/unit/agents: the repository is four levels up, the compiled CLI three.
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const CLI = path.resolve(__dirname, '../../../src/cli/main.js');

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the server to see the change');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Passes messages through, keeping a transcript (README's session; MCP_TRANSCRIPT=file writes it). */
class RecordingTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly transcript: string[] = [];

  constructor(private readonly inner: StdioClientTransport) {}

  start(): Promise<void> {
    this.inner.onmessage = (message): void => {
      this.transcript.push(`<- ${JSON.stringify(message)}`);
      this.onmessage?.(message);
    };
    this.inner.onclose = (): void => this.onclose?.();
    this.inner.onerror = (error): void => this.onerror?.(error);
    return this.inner.start();
  }

  send(message: JSONRPCMessage): Promise<void> {
    this.transcript.push(`-> ${JSON.stringify(message)}`);
    return this.inner.send(message);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('greenroom mcp over stdio (SDK client)', function () {
  this.timeout(60_000);
  let folder: string;
  let client: Client;
  let transport: StdioClientTransport;
  let recording: RecordingTransport;
  let stderr = '';
  const transportErrors: Error[] = [];

  const call = async (name: string, args: Record<string, unknown>): Promise<CallToolResult> =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const structured = async (name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const result = await call(name, args);
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    assert.ok(result.structuredContent, 'structured content');
    // The text block carries the same JSON, for clients that read text only.
    const [first] = result.content;
    assert.deepEqual(JSON.parse(first?.type === 'text' ? first.text : 'null'), result.structuredContent);
    return result.structuredContent;
  };
  const errorText = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const result = await call(name, args);
    assert.equal(result.isError, true, `expected ${name} to fail: ${JSON.stringify(result.structuredContent)}`);
    const [first] = result.content;
    return first?.type === 'text' ? first.text : '';
  };

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'greenroom-mcp-'));
    cpSync(path.join(REPO_ROOT, 'examples'), folder, { recursive: true });
    transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', folder], stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    recording = new RecordingTransport(transport);
    client = new Client({ name: 'greenroom-test', version: '1.0.0' });
    client.onerror = (error): void => {
      transportErrors.push(error);
    };
    await client.connect(recording);
  });

  after(async () => {
    await client?.close();
    if (process.env['MCP_TRANSCRIPT']) {
      writeFileSync(process.env['MCP_TRANSCRIPT'], `${recording.transcript.join('\n')}\n`);
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists every tool with schemas and read-only annotations, and says what it is', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((tool) => tool.name),
      [
        'get-catalog-entity',
        'query-catalog-entities',
        'validate-entity',
        'dry-run-template',
        'who-owns',
        'entity-relations',
        'search-docs',
        'list-templates',
      ],
    );
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object');
      assert.equal(tool.outputSchema?.type, 'object');
      assert.equal(tool.annotations?.readOnlyHint, true);
    }
    assert.equal(client.getServerVersion()?.name, 'greenroom');
    assert.match(client.getInstructions() ?? '', /who-owns/);
  });

  it('answers every tool on valid input (outputs checked against their schemas by the client)', async () => {
    const entity = await structured('get-catalog-entity', { kind: 'Component', name: 'payments-service' });
    assert.equal((entity['source'] as { file: string }).file, 'services/payments-service/catalog-info.yaml');
    const query = await structured('query-catalog-entities', {
      query: { kind: 'API' },
      fields: ['metadata.name'],
      limit: 2,
    });
    assert.equal((query['items'] as unknown[]).length, 2);
    assert.equal(typeof query['nextPageCursor'], 'string');
    const next = await structured('query-catalog-entities', { cursor: query['nextPageCursor'] });
    assert.ok((next['items'] as unknown[]).length > 0);
    const validation = await structured('validate-entity', {
      entity:
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  lifecycle: production\n  owner: team-payments\n',
    });
    assert.deepEqual([validation['isValid'], validation['isValidYaml'], validation['errors']], [true, true, []]);
    const owners = await structured('who-owns', { path: 'services/payments-service/mkdocs.yml' });
    assert.equal((owners['owner'] as { ref: string }).ref, 'group:default/team-payments');
    const relations = await structured('entity-relations', { ref: 'api:payments-api', direction: 'dependents' });
    const dependents = (relations['dependents'] as { ref: string }[]).map((node) => node.ref);
    assert.ok(dependents.includes('component:default/billing-worker'), dependents.join());
    const docs = await structured('search-docs', { query: 'runbook' });
    assert.ok((docs['hits'] as unknown[]).length > 0);
    const templates = await structured('list-templates', {});
    assert.ok(
      (templates['templates'] as { ref: string }[]).some(
        (template) => template.ref === 'template:default/kafka-consumer',
      ),
    );
    const values = {
      name: 'royalty-aggregator',
      description: 'Sums plays.',
      owner: 'team-payments',
      system: 'payments',
      topic: 'plays.v1',
      consumerGroup: 'royalty',
      offsetReset: 'latest',
      repoUrl: 'github.com?owner=larkspur&repo=royalty-aggregator',
    };
    const plan = await structured('dry-run-template', {
      templatePath: 'templates/kafka-consumer/template.yaml',
      values,
    });
    assert.ok((plan['files'] as { path: string }[]).some((file) => file.path === 'catalog-info.yaml'));
  });

  it('reports bad input, unknown refs and unknown tools as tool errors', async () => {
    assert.match(await errorText('get-catalog-entity', { name: 'ghost-service' }), /No entity found/);
    assert.match(await errorText('get-catalog-entity', { name: { $ne: 1 } }), /name must be a string/);
    assert.match(
      await errorText('query-catalog-entities', { query: { kind: { $regex: '.*' } } }),
      /Invalid filter predicate/,
    );
    assert.match(await errorText('entity-relations', { ref: 'component:default/ghost' }), /not in the catalog/);
    assert.match(await errorText('who-owns', { path: '../../../etc/passwd' }), /not inside the workspace/);
    assert.match(await errorText('search-docs', { query: 'x', ref: 'component:default/ghost' }), /not in the catalog/);
    assert.match(
      await errorText('dry-run-template', { templatePath: 'templates/kafka-consumer/template.yaml', values: {} }),
      /validation error/,
    );
    assert.match(await errorText('no-such-tool', {}), /Unknown tool/);
    const broken = await structured('validate-entity', { entity: 'kind: [' });
    assert.deepEqual([broken['isValid'], broken['isValidYaml']], [false, false]);
  });

  it('serves descriptors and TechDocs pages as resources', async () => {
    const { resources } = await client.listResources();
    const descriptor = resources.find((resource) => resource.name === 'component:default/payments-service');
    assert.equal(descriptor?.uri, 'greenroom://entity/component/default/payments-service');
    const read = await client.readResource({ uri: descriptor.uri });
    const [content] = read.contents;
    assert.ok(
      content &&
        'text' in content &&
        content.text.includes('name: payments-service') &&
        content.text.startsWith('# services/payments-service/catalog-info.yaml:1'),
    );
    const page = resources.find(
      (resource) => resource.uri === 'greenroom://docs/component/default/payments-service/pci.md',
    );
    assert.ok(page, resources.map((resource) => resource.uri).join('\n'));
    const pageText = await client.readResource({ uri: page.uri });
    assert.ok(pageText.contents[0] && 'text' in pageText.contents[0] && pageText.contents[0].text.length > 0);
    await assert.rejects(
      client.readResource({ uri: 'greenroom://entity/component/default/ghost' }),
      /not in the catalog/,
    );
  });

  it('follows files edited, added and deleted while it runs', async () => {
    const descriptor = path.join(folder, 'services', 'payments-service', 'catalog-info.yaml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(
      descriptor,
      readFileSync(descriptor, 'utf8').replace(
        'owner: team-payments\n  system: payments\n  providesApis',
        'owner: team-identity\n  system: payments\n  providesApis',
      ),
    );
    await until(async () => {
      const owners = await structured('who-owns', { path: 'services/payments-service/src/Main.java' });
      return (owners['owner'] as { ref: string }).ref === 'group:default/team-identity' ? true : undefined;
    });
    mkdirSync(path.join(folder, 'services', 'ledger'));
    writeFileSync(
      path.join(folder, 'services', 'ledger', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n  dependsOn:\n    - component:payments-service\n',
    );
    const added = await until(async () => {
      const result = await call('get-catalog-entity', { name: 'ledger' });
      return result.isError ? undefined : result.structuredContent;
    });
    assert.equal((added['source'] as { file: string }).file, 'services/ledger/catalog-info.yaml');
    const impact = await structured('entity-relations', { ref: 'payments-service', direction: 'dependents', depth: 1 });
    assert.ok((impact['dependents'] as { ref: string }[]).some((node) => node.ref === 'component:default/ledger'));
    rmSync(path.join(folder, 'services', 'ledger'), { recursive: true });
    await until(async () => ((await call('get-catalog-entity', { name: 'ledger' })).isError ? true : undefined));
  });

  it('kept stdout for protocol messages and logged to stderr', () => {
    assert.deepEqual(transportErrors, []);
    assert.match(stderr, /greenroom mcp: indexed \d+ entities/);
  });
});
