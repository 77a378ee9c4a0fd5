// Differential test of the MCP tools Greenroom shares with Backstage: the same catalog (a copy of
// examples/ plus a second entity named "payments") served by a real Backstage backend through
// @backstage/plugin-mcp-actions-backend (/api/mcp-actions/v1, Streamable HTTP, static token) and
// by `greenroom mcp` over stdio, both
// driven by the MCP SDK's own client. Nothing lists expected answers: each side is compared with
// the other, modulo what only a server stores (uid, etag, the managed-by annotations).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { sleep } from '../e2e/support/codeServer';

const REPO_ROOT = path.join(__dirname, '..', '..', '..');
/** A second entity named like the payments System, so a name-only lookup is ambiguous on both sides. */
const SECOND_PAYMENTS =
  'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: payments\nspec:\n  type: database\n  owner: team-payments\n';
const CLI_MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
const TOKEN = 'greenroom-mcp-compat-token';
const SHARED_TOOLS = ['get-catalog-entity', 'query-catalog-entities', 'validate-entity'];
/** Metadata only a catalog server writes while it stores an entity. */
const SERVER_ONLY_METADATA = ['uid', 'etag', 'generation'];
const SERVER_ONLY_ANNOTATION = /^backstage\.io\/(managed-by-location|managed-by-origin-location|orphan)$/;

type Json = Record<string, unknown>;

interface Side {
  readonly label: string;
  readonly client: Client;
}

async function call(
  side: Side,
  name: string,
  args: Json,
): Promise<{ isError: boolean; structured: Json | undefined; text: string }> {
  const result = (await side.client.callTool({ name, arguments: args })) as CallToolResult;
  const [first] = result.content;
  return {
    isError: result.isError === true,
    structured: result.structuredContent,
    text: first?.type === 'text' ? first.text : '',
  };
}

async function structured(side: Side, name: string, args: Json): Promise<Json> {
  const result = await call(side, name, args);
  assert.ok(
    !result.isError && result.structured,
    `${side.label} ${name}(${JSON.stringify(args)}) failed: ${result.text.slice(0, 500)}`,
  );
  return result.structured;
}

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const refOf = (entity: Json): string => {
  const metadata = asObject(entity['metadata']);
  const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default';
  return `${String(entity['kind'])}:${namespace}/${String(metadata['name'])}`.toLowerCase();
};
/** Backstage wraps each registered location in a Location entity of its own. */
const isGenerated = (entity: Json): boolean =>
  entity['kind'] === 'Location' && String(asObject(entity['metadata'])['name']).startsWith('generated-');

/**
 * Relation fields Backstage sorts while it processes an entity (BuiltinKindsEntityProcessor and
 * ModelProcessor `preProcessEntity`: "relations are unordered"); Greenroom keeps the file's order.
 */
const SORTED_BY_BACKSTAGE = [
  'providesApis',
  'consumesApis',
  'dependsOn',
  'dependencyOf',
  'memberOf',
  'children',
  'members',
];

/** An entity as both sides must agree on it: server-only metadata dropped, unordered lists in one order. */
function comparable(entity: Json): Json {
  const { source: _source, status: _status, relations, metadata, spec, ...rest } = entity;
  const meta: Json = { namespace: 'default', ...asObject(metadata) };
  for (const key of SERVER_ONLY_METADATA) {
    delete meta[key];
  }
  const annotations = Object.fromEntries(
    Object.entries(asObject(meta['annotations'])).filter(([key]) => !SERVER_ONLY_ANNOTATION.test(key)),
  );
  if (Object.keys(annotations).length > 0) {
    meta['annotations'] = annotations;
  } else {
    delete meta['annotations'];
  }
  const sortedRelations = (Array.isArray(relations) ? relations : [])
    .map((relation) => ({
      type: String(asObject(relation)['type']),
      targetRef: String(asObject(relation)['targetRef']).toLowerCase(),
    }))
    .sort((a, b) => `${a.type} ${a.targetRef}`.localeCompare(`${b.type} ${b.targetRef}`));
  const specCopy: Json = { ...asObject(spec) };
  for (const field of SORTED_BY_BACKSTAGE) {
    const value = specCopy[field];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      specCopy[field] = [...value].sort();
    }
  }
  return { ...rest, metadata: meta, ...(spec === undefined ? {} : { spec: specCopy }), relations: sortedRelations };
}

/**
 * Entities Backstage cannot ingest from a `file` location by design: a substitution (`$text`,
 * `$json`, `$yaml`) with a relative path is refused there (path traversal; only URL bases
 * resolve), while Greenroom reads the workspace file. Found from the descriptors on disk.
 */
function relativePlaceholderRefs(folder: string): Set<string> {
  const refs = new Set<string>();
  const hasRelativePlaceholder = (value: unknown): boolean => {
    if (Array.isArray(value)) {
      return value.some(hasRelativePlaceholder);
    }
    if (typeof value !== 'object' || value === null) {
      return false;
    }
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only && /^\$(text|json|yaml)$/.test(only[0])) {
      return typeof only[1] === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(only[1]);
    }
    return entries.some(([, inner]) => hasRelativePlaceholder(inner));
  };
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'skeleton') {
        walk(full);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
        for (const document of parseAllDocuments(fs.readFileSync(full, 'utf8'))) {
          const entity = asObject(document.toJS());
          if (typeof entity['kind'] === 'string' && hasRelativePlaceholder(entity['spec'])) {
            refs.add(refOf(entity));
          }
        }
      }
    }
  };
  walk(folder);
  return refs;
}

/** Every ref the tool returns for a query, paged with nextPageCursor as a client would. */
async function queryRefs(
  side: Side,
  query: Json | undefined,
  excluded: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const refs: string[] = [];
  let args: Json = { ...(query ? { query } : {}), fields: ['kind', 'metadata.namespace', 'metadata.name'], limit: 100 };
  for (let guard = 0; guard < 100; guard++) {
    const page = await structured(side, 'query-catalog-entities', args);
    const items = (page['items'] as Json[]).filter((entity) => !isGenerated(entity) && !excluded.has(refOf(entity)));
    refs.push(...items.map(refOf));
    const cursor = page['nextPageCursor'];
    if (page['hasMoreEntities'] !== true || typeof cursor !== 'string') {
      return refs.sort();
    }
    args = { cursor, fields: args['fields'], limit: 100 };
  }
  throw new Error(`${side.label} paged forever`);
}

/** Waits until the backend's catalog stops changing (entities and relations). */
async function settled(backstage: Side): Promise<string[]> {
  const started = Date.now();
  let last = '';
  let same = 0;
  for (;;) {
    const page = await structured(backstage, 'query-catalog-entities', {
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      limit: 1000,
    });
    const digest = JSON.stringify(
      (page['items'] as Json[]).map((entity) => [refOf(entity), comparable(entity)['relations']]).sort(),
    );
    same = digest === last ? same + 1 : 0;
    last = digest;
    if (same >= 3 && (page['items'] as Json[]).length > 1 && Date.now() - started > 8_000) {
      return (page['items'] as Json[])
        .filter((entity) => !isGenerated(entity))
        .map(refOf)
        .sort();
    }
    if (Date.now() - started > 180_000) {
      throw new Error('the backend did not settle within 3 minutes');
    }
    await sleep(1000);
  }
}

/**
 * The parts of an input schema a client relies on: property names, their JSON types, what is
 * required, and for a property with alternatives (anyOf) the keys each alternative requires
 * (e.g. the $all / $any / $not forms of a predicate).
 */
function schemaShape(tool: Tool): Json {
  const properties = asObject(tool.inputSchema.properties);
  const shapeOf = (value: unknown): unknown => {
    const schema = asObject(value);
    if (!Array.isArray(schema['anyOf'])) {
      return schema['type'];
    }
    const alternatives = (schema['anyOf'] as unknown[])
      .map((alternative) => asObject(alternative)['required'])
      .filter(Array.isArray);
    return { anyOf: alternatives.map((required) => [...(required as string[])].sort().join(',')).sort() };
  };
  return {
    properties: Object.keys(properties).sort(),
    types: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, shapeOf(value)])),
    required: [...(tool.inputSchema.required ?? [])].sort(),
  };
}

/** Descriptors both sides must judge alike (only the verdicts are compared, not the wording). */
const DESCRIPTORS: Record<string, string> = {
  'a valid component':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: compat-probe\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n',
  'a valid group':
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: compat-team\nspec:\n  type: team\n  children: []\n',
  'a name with spaces':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: not a name\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n',
  'no metadata.name':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: Nameless\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n',
  'a component without spec.owner':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ownerless\nspec:\n  type: service\n  lifecycle: experimental\n',
  'an API without a definition':
    'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: no-definition\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-payments\n',
  'a label value too long': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: long-label\n  labels:\n    tier: ${'x'.repeat(70)}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n`,
  'no apiVersion':
    'kind: Component\nmetadata:\n  name: versionless\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-payments\n',
  'broken YAML': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n',
  'a dangling owner (valid: refs are not checked on validation)':
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: dangling-owner\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-that-does-not-exist\n',
};

/** Predicates from Backstage's own tool description, run against both sides. */
function queries(): Record<string, Json | undefined> {
  return {
    'no query': undefined,
    kind: { kind: 'Component' },
    'kind and spec.type': { kind: 'Component', 'spec.type': 'service' },
    $in: { kind: { $in: ['API', 'Resource'] } },
    '$exists on an annotation': { 'metadata.annotations.backstage.io/techdocs-ref': { $exists: true } },
    '$contains on tags': { 'metadata.tags': { $contains: 'java' } },
    $hasPrefix: { 'metadata.name': { $hasPrefix: 'pay' } },
    '$all / $any / $not': {
      $all: [{ $not: { kind: 'Group' } }, { $any: [{ 'spec.type': 'service' }, { 'spec.type': 'website' }] }],
    },
    'relations.ownedby': { 'relations.ownedby': 'group:default/team-payments' },
    'relations $contains': { relations: { $contains: { type: 'ownedBy', targetRef: 'group:default/team-payments' } } },
    'relations.partof with $in': {
      'relations.partof': { $in: ['system:default/payments', 'system:default/playback'] },
    },
  };
}

describe('MCP compatibility: Backstage mcp-actions and greenroom mcp on examples/', function () {
  this.timeout(300_000);
  let backend: RunningBackstage;
  let backstage: Side;
  let greenroom: Side;
  let backendRefs: string[];
  /** Read by Greenroom, refused by Backstage from a file location (see relativePlaceholderRefs). */
  let notIngestible: Set<string>;
  let greenroomStderr = '';
  let examples: string;

  before(async () => {
    // A copy of examples/ plus one file both sides read: Backstage as a location of its own.
    examples = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-mcp-compat-')), 'examples');
    fs.cpSync(path.join(REPO_ROOT, 'examples'), examples, { recursive: true });
    const extra = path.join(examples, 'resources', 'payments.catalog-info.yaml');
    fs.writeFileSync(extra, SECOND_PAYMENTS);
    backend = await startBackstage({
      token: TOKEN,
      catalogFiles: [path.join(examples, 'catalog-info.yaml'), extra],
      processingIntervalSeconds: 2,
    });
    const httpClient = new Client({ name: 'greenroom-compat', version: '1.0.0' });
    await httpClient.connect(
      new StreamableHTTPClientTransport(new URL(`${backend.baseUrl}/api/mcp-actions/v1`), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    backstage = { label: 'backstage', client: httpClient };
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_MAIN, 'mcp', examples],
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (greenroomStderr += chunk.toString('utf8')));
    const stdioClient = new Client({ name: 'greenroom-compat', version: '1.0.0' });
    await stdioClient.connect(transport);
    greenroom = { label: 'greenroom', client: stdioClient };
    backendRefs = await settled(backstage);
    notIngestible = relativePlaceholderRefs(examples);
    console.log(
      `      backend: ${backendRefs.length} entities; with relative substitutions (Greenroom only): ${[...notIngestible].join(', ') || 'none'}`,
    );
  });

  after(async () => {
    await greenroom?.client.close();
    await backstage?.client.close();
    await backend?.stop();
    if (examples) {
      fs.rmSync(path.dirname(examples), { recursive: true, force: true });
    }
  });

  it('the endpoint needs the token: no header and a wrong one are refused', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }]) {
      const client = new Client({ name: 'greenroom-compat', version: '1.0.0' });
      await assert.rejects(
        client.connect(
          new StreamableHTTPClientTransport(new URL(`${backend.baseUrl}/api/mcp-actions/v1`), {
            requestInit: { headers },
          }),
        ),
        /401|Unauthorized|credentials/i,
      );
    }
  });

  it('the shared tools have the same names and input schemas', async () => {
    const [theirs, ours] = await Promise.all([backstage.client.listTools(), greenroom.client.listTools()]);
    const byName = (tools: Tool[]): Map<string, Tool> => new Map(tools.map((tool) => [tool.name, tool]));
    const backendTools = byName(theirs.tools);
    const greenroomTools = byName(ours.tools);
    console.log(`      backstage tools: ${[...backendTools.keys()].join(', ')}`);
    for (const name of SHARED_TOOLS) {
      const backendTool = backendTools.get(name);
      const greenroomTool = greenroomTools.get(name);
      assert.ok(backendTool, `Backstage does not list ${name}`);
      assert.ok(greenroomTool, `Greenroom does not list ${name}`);
      assert.deepEqual(
        schemaShape(greenroomTool),
        schemaShape(backendTool),
        `${name}: input schemas differ; Backstage's: ${JSON.stringify(backendTool.inputSchema).slice(0, 3000)}`,
      );
      assert.equal(
        greenroomTool.annotations?.readOnlyHint,
        backendTool.annotations?.readOnlyHint,
        `${name}: readOnlyHint`,
      );
      assert.equal(
        greenroomTool.annotations?.destructiveHint,
        backendTool.annotations?.destructiveHint,
        `${name}: destructiveHint`,
      );
      assert.equal(greenroomTool.annotations?.title, backendTool.annotations?.title, `${name}: title`);
    }
  });

  it('query-catalog-entities without a query lists the same entities', async () => {
    const ours = await queryRefs(greenroom, undefined);
    assert.ok(backendRefs.length > 10, `the backend holds only ${backendRefs.length} entities`);
    assert.deepEqual(
      ours.filter((ref) => !notIngestible.has(ref)),
      backendRefs,
    );
    for (const ref of notIngestible) {
      assert.ok(ours.includes(ref) && !backendRefs.includes(ref), `${ref}: expected in Greenroom only`);
    }
  });

  it('get-catalog-entity answers the same entity for every ref (modulo server-only metadata)', async () => {
    for (const ref of backendRefs) {
      const [kind = '', rest = ''] = ref.split(':');
      const [namespace = '', name = ''] = rest.split('/');
      const args = { kind, namespace, name };
      const [theirs, ours] = await Promise.all([
        structured(backstage, 'get-catalog-entity', args),
        structured(greenroom, 'get-catalog-entity', args),
      ]);
      // Relations the entities Backstage could not ingest would have emitted (e.g. ownerOf on
      // their owner) exist on Greenroom's side only; every other relation must match.
      const theirRelations = new Set(
        (Array.isArray(theirs['relations']) ? (theirs['relations'] as Json[]) : []).map(
          (relation) => `${String(relation['type'])} ${String(relation['targetRef'])}`,
        ),
      );
      const ourRelations = (Array.isArray(ours['relations']) ? (ours['relations'] as Json[]) : []).filter(
        (relation) =>
          !notIngestible.has(String(relation['targetRef'])) ||
          theirRelations.has(`${String(relation['type'])} ${String(relation['targetRef'])}`),
      );
      assert.deepEqual(comparable({ ...ours, relations: ourRelations }), comparable(theirs), ref);
    }
  });

  it('get-catalog-entity fails alike for an unknown name and an ambiguous one', async () => {
    const unknown = [
      await call(backstage, 'get-catalog-entity', { name: 'no-such-entity' }),
      await call(greenroom, 'get-catalog-entity', { name: 'no-such-entity' }),
    ];
    assert.deepEqual(
      unknown.map((result) => result.isError),
      [true, true],
    );
    for (const result of unknown) {
      assert.match(result.text, /No entity found with name "no-such-entity"/);
    }
    // A name two kinds share (found from the backend's own answer: the System and the extra Resource).
    const names = new Map<string, number>();
    for (const ref of backendRefs) {
      const name = ref.split('/')[1] ?? '';
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    const shared = [...names].filter(([, count]) => count > 1).map(([name]) => name);
    assert.deepEqual(shared, ['payments']);
    const both = [
      await call(backstage, 'get-catalog-entity', { name: 'payments' }),
      await call(greenroom, 'get-catalog-entity', { name: 'payments' }),
    ];
    assert.deepEqual(
      both.map((result) => result.isError),
      [true, true],
    );
    for (const result of both) {
      assert.match(result.text, /Multiple entities found with name "payments"/);
    }
    // Named fully, each is found on both sides.
    for (const kind of ['System', 'Resource']) {
      const found = [
        await call(backstage, 'get-catalog-entity', { kind, name: 'payments' }),
        await call(greenroom, 'get-catalog-entity', { kind, name: 'payments' }),
      ];
      assert.deepEqual(
        found.map((result) => result.isError),
        [false, false],
        kind,
      );
    }
  });

  it('query-catalog-entities: Backstage’s predicate examples select the same entities', async () => {
    const differences: Record<
      string,
      { query: Json | undefined; onlyInBackstage: string[]; onlyInGreenroom: string[]; matched: number }
    > = {};
    for (const [label, query] of Object.entries(queries())) {
      const [theirs, ours] = await Promise.all([
        queryRefs(backstage, query),
        queryRefs(greenroom, query, notIngestible),
      ]);
      differences[label] = {
        query,
        onlyInBackstage: theirs.filter((ref) => !ours.includes(ref)),
        onlyInGreenroom: ours.filter((ref) => !theirs.includes(ref)),
        matched: theirs.length,
      };
    }
    console.log(
      `      queries: ${JSON.stringify(Object.fromEntries(Object.entries(differences).map(([label, found]) => [label, found.matched])))}`,
    );
    const differing = Object.entries(differences).filter(
      ([, found]) => found.onlyInBackstage.length > 0 || found.onlyInGreenroom.length > 0,
    );
    assert.deepEqual(differing, []);
    assert.ok(
      Object.values(differences).filter((found) => found.matched > 0).length >= Object.keys(differences).length - 1,
      'most queries should select something',
    );
  });

  it('query-catalog-entities: fields and orderFields shape the page alike', async () => {
    const args = {
      query: { kind: 'Component' },
      fields: ['metadata.name', 'spec.owner'],
      orderFields: { field: 'metadata.name', order: 'desc' },
      limit: 5,
    };
    const [theirs, ours] = await Promise.all([
      structured(backstage, 'query-catalog-entities', args),
      structured(greenroom, 'query-catalog-entities', args),
    ]);
    assert.deepEqual(ours['items'], theirs['items']);
    assert.equal(ours['totalItems'], theirs['totalItems']);
    assert.equal(ours['hasMoreEntities'], theirs['hasMoreEntities']);
  });

  it('validate-entity gives the same verdicts', async () => {
    const verdicts: Record<string, { backstage: unknown[]; greenroom: unknown[] }> = {};
    const mismatches: string[] = [];
    for (const [label, entity] of Object.entries(DESCRIPTORS)) {
      const [theirs, ours] = await Promise.all([
        structured(backstage, 'validate-entity', { entity }),
        structured(greenroom, 'validate-entity', { entity }),
      ]);
      verdicts[label] = {
        backstage: [theirs['isValid'], theirs['isValidYaml'], theirs['errors']],
        greenroom: [ours['isValid'], ours['isValidYaml'], ours['errors']],
      };
      if (
        ours['isValid'] !== theirs['isValid'] ||
        ours['isValidYaml'] !== theirs['isValidYaml'] ||
        ((ours['errors'] as unknown[]).length === 0) !== ((theirs['errors'] as unknown[]).length === 0)
      ) {
        mismatches.push(`${label}: ${JSON.stringify(verdicts[label])}`);
      } else if (
        theirs['isValid'] === true &&
        JSON.stringify(comparable(asObject(ours['entity']))) !== JSON.stringify(comparable(asObject(theirs['entity'])))
      ) {
        // Greenroom states the default namespace; comparable() adds it to both.
        mismatches.push(
          `${label}: parsed entity ${JSON.stringify(ours['entity'])} vs ${JSON.stringify(theirs['entity'])}`,
        );
      }
    }
    console.log(
      `      validate-entity verdicts: ${JSON.stringify(Object.fromEntries(Object.entries(verdicts).map(([label, both]) => [label, both.backstage[0]])))}`,
    );
    assert.deepEqual(mismatches, []);
  });

  it('greenroom mcp wrote nothing but protocol messages to stdout', () => {
    // The SDK client would have failed on a stray line; stderr shows the server indexed examples/.
    assert.match(greenroomStderr, /indexed \d+ entities/);
  });
});
