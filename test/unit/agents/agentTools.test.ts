import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { evaluateFilterPredicate } from '@backstage/filter-predicates';
import { AgentContext, AGENT_TOOLS, callAgentTool, type ToolCallResult } from '../../../src/agents';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../../../src/catalog';
import { nodeTemplateFileSystem } from '../../../src/scaffolder';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

function output(result: ToolCallResult): Record<string, unknown> {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.output;
}

function failure(result: ToolCallResult): string {
  assert.equal(result.ok, false, 'expected the call to fail');
  return result.ok ? '' : result.message;
}

describe('agent tools on examples/', () => {
  let folder: string;
  let workspace: MultiFolderCatalog;
  let context: AgentContext;
  const call = (name: string, input: unknown): Promise<ToolCallResult> => callAgentTool(name, input, context);

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'greenroom-agents-'));
    cpSync(path.join(REPO_ROOT, 'examples'), folder, { recursive: true });
    // A second entity named "payments" (the System exists), and a CODEOWNERS rule.
    writeFileSync(
      path.join(folder, 'services', 'payments-service', 'payments.catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: payments\nspec:\n  type: database\n  owner: team-payments\n',
    );
    writeFileSync(
      path.join(folder, 'CODEOWNERS'),
      '# owners\n* @larkspur/team-platform\n/services/payments-service/ @larkspur/team-payments\n',
    );
    workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    workspace.addFolder(folder);
    await workspace.loadAll();
    context = new AgentContext({
      index: workspace.index,
      roots: [folder],
      fs: nodeCatalogFileSystem,
      templateFs: nodeTemplateFileSystem,
    });
  });

  after(() => {
    context.dispose();
    workspace.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('declares every tool with object schemas and read-only annotations', () => {
    assert.deepEqual(
      AGENT_TOOLS.map((tool) => tool.name),
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
    for (const tool of AGENT_TOOLS) {
      assert.equal(tool.inputSchema['type'], 'object', tool.name);
      assert.equal(tool.outputSchema['type'], 'object', tool.name);
      assert.equal(tool.annotations.readOnlyHint, true, tool.name);
    }
  });

  describe('get-catalog-entity', () => {
    it('finds an entity by name alone, with relations and its file and line', async () => {
      const entity = output(await call('get-catalog-entity', { name: 'payments-service' }));
      assert.equal(entity['kind'], 'Component');
      assert.deepEqual(entity['source'], {
        ref: 'component:default/payments-service',
        file: 'services/payments-service/catalog-info.yaml',
        line: 1,
        origin: 'workspace',
        valid: true,
      });
      assert.ok(
        (entity['relations'] as { type: string; targetRef: string }[]).some(
          (relation) => relation.type === 'ownedBy' && relation.targetRef === 'group:default/team-payments',
        ),
      );
    });

    it('asks for more when a name is ambiguous, and takes kind to decide', async () => {
      assert.match(
        failure(await call('get-catalog-entity', { name: 'payments' })),
        /Multiple entities found.*resource:default\/payments.*system:default\/payments|Multiple entities found.*system:default\/payments/,
      );
      const system = output(await call('get-catalog-entity', { name: 'payments', kind: 'system' }));
      assert.equal(system['kind'], 'System');
    });

    it('says clearly when nothing matches or the input is wrong', async () => {
      assert.match(
        failure(await call('get-catalog-entity', { name: 'no-such-thing' })),
        /No entity found with name "no-such-thing"/,
      );
      assert.match(failure(await call('get-catalog-entity', {})), /name is required/);
      assert.match(failure(await call('get-catalog-entity', { name: 42 })), /name must be a string/);
      assert.match(failure(await call('get-catalog-entity', { name: 'x'.repeat(10_000) })), /longer than/);
      assert.match(failure(await call('get-catalog-entity', { name: '__proto__' })), /No entity found/);
      assert.match(
        failure(
          await call('get-catalog-entity', { name: 'constructor', kind: 'toString', namespace: 'hasOwnProperty' }),
        ),
        /No entity found/,
      );
      assert.match(failure(await call('get-catalog-entity', ['payments-service'])), /arguments must be a JSON object/);
    });
  });

  describe('query-catalog-entities', () => {
    it('evaluates Backstage filter predicates, case-insensitively, sorted by ref', async () => {
      const result = output(
        await call('query-catalog-entities', {
          query: { kind: 'component', 'spec.owner': 'team-payments' },
          fields: ['metadata.name', 'spec.type'],
        }),
      );
      const items = result['items'] as { metadata: { name: string } }[];
      assert.ok(items.length >= 2);
      assert.ok(items.some((item) => item.metadata.name === 'payments-service'));
      assert.deepEqual(Object.keys(items[0] ?? {}).sort(), ['metadata', 'spec']);
      assert.equal(result['totalItems'], items.length);
      assert.equal(result['hasMoreEntities'], false);
    });

    it('matches $contains, $any, $not and relations', async () => {
      const tagged = output(await call('query-catalog-entities', { query: { 'metadata.tags': { $contains: 'pci' } } }));
      assert.ok((tagged['items'] as { kind: string }[]).length >= 2);
      const owned = output(
        await call('query-catalog-entities', {
          query: { relations: { $contains: { type: 'ownedBy', targetRef: 'group:default/team-payments' } } },
        }),
      );
      const refs = (owned['items'] as { metadata: { name: string } }[]).map((item) => item.metadata.name);
      assert.ok(refs.includes('payments-service') && refs.includes('payments-api'), refs.join());
      // Backstage's documented short form, `relations.<type>` (any case), selects the same entities.
      for (const query of [
        { 'relations.ownedby': 'group:default/team-payments' },
        { 'relations.ownedBy': { $in: ['group:default/team-payments'] } },
      ]) {
        const short = output(await call('query-catalog-entities', { query }));
        assert.deepEqual(
          (short['items'] as { metadata: { name: string } }[]).map((item) => item.metadata.name),
          refs,
          JSON.stringify(query),
        );
      }
      const unowned = output(
        await call('query-catalog-entities', {
          query: { $all: [{ kind: 'Component' }, { 'relations.ownedby': { $exists: false } }] },
        }),
      );
      assert.equal(unowned['totalItems'], 0);
      const owned2 = output(
        await call('query-catalog-entities', { query: { kind: 'Component', 'relations.ownedby': { $exists: true } } }),
      );
      assert.ok((owned2['totalItems'] as number) > 0);
      const notGroups = output(
        await call('query-catalog-entities', {
          query: { $all: [{ $not: { kind: 'Group' } }, { $any: [{ kind: 'User' }, { kind: 'Domain' }] }] },
          limit: 500,
        }),
      );
      assert.ok(
        (notGroups['items'] as { kind: string }[]).every((item) => item.kind === 'User' || item.kind === 'Domain'),
      );
    });

    it('narrows by value indexes without changing what the predicate library decides', async () => {
      const filters = [
        { kind: 'COMPONENT', 'spec.owner': 'Team-Payments' },
        { $all: [{ kind: 'component' }, { 'spec.lifecycle': 'production' }, { $not: { 'spec.type': 'website' } }] },
        { 'spec.type': 'service' },
        { 'metadata.name': 'payments' },
        { kind: 'Group', 'spec.profile.displayName': { $hasPrefix: 'pay' } },
        { 'metadata.labels.pci-scope': 'TRUE' },
      ];
      for (const filter of filters) {
        const expected = workspace.index
          .entities()
          .filter((record) => evaluateFilterPredicate(filter, record.entity))
          .map((record) => record.ref)
          .sort();
        const result = output(await call('query-catalog-entities', { query: filter, limit: 500 }));
        const actual = (result['items'] as { kind: string; metadata: { name: string; namespace?: string } }[]).map(
          (item) => `${item.kind.toLowerCase()}:${item.metadata.namespace ?? 'default'}/${item.metadata.name}`,
        );
        assert.ok(expected.length > 0, JSON.stringify(filter));
        assert.deepEqual(actual, expected, JSON.stringify(filter));
      }
    });

    it('pages with limit and a cursor that carries the query', async () => {
      const first = output(
        await call('query-catalog-entities', { query: { kind: 'User' }, limit: 3, fields: ['metadata.name'] }),
      );
      assert.equal((first['items'] as unknown[]).length, 3);
      assert.equal(first['hasMoreEntities'], true);
      const second = output(await call('query-catalog-entities', { cursor: first['nextPageCursor'] }));
      const names = (page: Record<string, unknown>): string[] =>
        (page['items'] as { metadata: { name: string } }[]).map((item) => item.metadata.name);
      assert.equal(names(second).length, 3);
      assert.deepEqual(
        names(first).filter((name) => names(second).includes(name)),
        [],
      );
      assert.match(
        failure(await call('query-catalog-entities', { cursor: first['nextPageCursor'], offset: 1 })),
        /Cannot combine cursor/,
      );
      assert.match(failure(await call('query-catalog-entities', { cursor: 'garbage!' })), /cursor/);
    });

    it('refuses malformed predicates and oversized input', async () => {
      assert.match(
        failure(await call('query-catalog-entities', { query: { kind: { $bogus: 1, $in: 3 } } })),
        /Invalid filter predicate/,
      );
      assert.match(
        failure(await call('query-catalog-entities', { query: { kind: 'x'.repeat(20_000) } })),
        /larger than/,
      );
      assert.match(failure(await call('query-catalog-entities', { limit: 0 })), /limit must be an integer/);
    });
  });

  describe('validate-entity', () => {
    it('passes a valid descriptor and warns about refs that are not in the catalog', async () => {
      const text =
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: new-thing\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-ghost\n';
      const result = output(
        await call('validate-entity', { entity: text, location: 'services/new-thing/catalog-info.yaml' }),
      );
      assert.equal(result['isValid'], true);
      assert.equal(result['isValidYaml'], true);
      assert.deepEqual(result['errors'], []);
      assert.deepEqual((result['entity'] as { metadata: { name: string } }).metadata.name, 'new-thing');
      assert.deepEqual(result['problems'], [
        {
          severity: 'warning',
          code: 'dangling-ref',
          message: 'spec.owner: "team-ghost" refers to group:default/team-ghost, which is not in the catalog',
          line: 8,
          column: 10,
          entityRef: 'component:default/new-thing',
        },
      ]);
    });

    it('reports schema errors and YAML errors with line and column', async () => {
      const invalid = output(
        await call('validate-entity', {
          entity:
            'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bad name!\nspec:\n  type: service\n',
        }),
      );
      assert.equal(invalid['isValid'], false);
      assert.equal(invalid['isValidYaml'], true);
      assert.ok((invalid['errors'] as string[]).length > 0);
      assert.ok(
        (invalid['problems'] as { line: number; severity: string }[]).some(
          (problem) => problem.severity === 'error' && problem.line === 4,
        ),
      );
      const broken = output(await call('validate-entity', { entity: 'kind: Component\nmetadata: [unclosed\n' }));
      assert.equal(broken['isValid'], false);
      assert.equal(broken['isValidYaml'], false);
      assert.equal(broken['entity'], undefined);
    });

    it('refuses missing and oversized text', async () => {
      assert.match(failure(await call('validate-entity', {})), /entity is required/);
      assert.match(failure(await call('validate-entity', { entity: 'a'.repeat(600 * 1024) })), /longer than/);
    });
  });

  describe('who-owns', () => {
    it('finds the nearest descriptor, its owner group with members, and the CODEOWNERS rule', async () => {
      const result = output(await call('who-owns', { path: 'services/payments-service/docs/pci.md' }));
      assert.equal((result['entity'] as { ref: string }).ref, 'component:default/payments-service');
      assert.equal(result['governedBy'], 'descriptor');
      const owner = result['owner'] as { ref: string; members: { ref: string }[] };
      assert.equal(owner.ref, 'group:default/team-payments');
      assert.ok(owner.members.length > 0);
      assert.deepEqual(result['codeowners'], {
        file: 'CODEOWNERS',
        line: 3,
        pattern: '/services/payments-service/',
        owners: ['@larkspur/team-payments'],
      });
    });

    it('refuses paths outside the workspace', async () => {
      assert.match(failure(await call('who-owns', { path: '../../etc/passwd' })), /not inside the workspace/);
      assert.match(failure(await call('who-owns', { path: '/etc/passwd' })), /not inside the workspace/);
    });
  });

  describe('entity-relations', () => {
    it('follows dependents transitively through provided APIs', async () => {
      const result = output(
        await call('entity-relations', { ref: 'payments-service', direction: 'dependents', depth: 2 }),
      );
      const reached = (result['dependents'] as { ref: string; distance: number }[]).map(
        (node) => `${node.ref}@${node.distance}`,
      );
      assert.ok(reached.includes('api:default/payments-api@1'), reached.join());
      assert.ok(
        reached.some((node) => node.startsWith('component:default/billing-worker@')),
        reached.join(),
      );
      assert.equal(result['dependencies'], undefined);
    });

    it('refuses unknown refs and bad directions', async () => {
      assert.match(failure(await call('entity-relations', { ref: 'component:default/nope' })), /not in the catalog/);
      assert.match(
        failure(await call('entity-relations', { ref: 'payments-service', direction: 'sideways' })),
        /direction must be one of/,
      );
      assert.match(failure(await call('entity-relations', { ref: 'payments-service', depth: 99 })), /depth must be/);
    });
  });

  describe('search-docs, list-templates and dry-run-template', () => {
    it('searches TechDocs with plain-text snippets', async () => {
      const result = output(await call('search-docs', { query: 'card', ref: 'component:default/payments-service' }));
      const hits = result['hits'] as { ref: string; snippet: string; uri: string }[];
      assert.ok(hits.length > 0);
      assert.ok(
        hits.every(
          (hit) =>
            hit.ref === 'component:default/payments-service' &&
            hit.uri.startsWith('greenroom://docs/component/default/payments-service/'),
        ),
      );
      assert.ok(
        hits.some((hit) => /\*\*card/i.test(hit.snippet)),
        hits.map((hit) => hit.snippet).join('\n'),
      );
    });

    it('lists templates and dry-runs one from its path', async () => {
      const listed = output(await call('list-templates', {}));
      const template = (listed['templates'] as { ref: string; templatePath: string; parameters: string[] }[]).find(
        (item) => item.ref === 'template:default/kafka-consumer',
      );
      assert.equal(template?.templatePath, 'templates/kafka-consumer/template.yaml');
      assert.ok(template?.parameters.includes('topic'));
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
      const result = output(
        await call('dry-run-template', { templatePath: template?.templatePath, values, includeContent: true }),
      );
      const files = result['files'] as { path: string; content?: string }[];
      assert.ok(
        files.some((file) => file.path === 'catalog-info.yaml' && file.content?.includes('royalty-aggregator')),
        files.map((file) => file.path).join(),
      );
      assert.ok((result['skipped'] as { action: string }[]).some((step) => step.action === 'publish:github'));
      assert.match(
        failure(await call('dry-run-template', { templatePath: template?.templatePath, values: { name: 'X' } })),
        /validation error/,
      );
      assert.match(
        failure(await call('dry-run-template', { templatePath: '../outside/template.yaml', values })),
        /outside the workspace/,
      );
    });
  });
});
