// Differential test: the same filter predicates asked of a real Backstage catalog backend
// (`POST /api/catalog/entities/by-query`) and evaluated by Greenroom's scorecard checks on the
// same catalog files select the same entities. Neither side's answer is written down here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MultiFolderCatalog, nodeCatalogFileSystem, type CatalogIndex } from '../../src/catalog';
import { predicateCheck } from '../../src/scorecards';
import type { ScorecardContext } from '../../src/scorecards/scorecardTypes';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';

interface Spec {
  readonly kind: string;
  readonly name: string;
  readonly metadata?: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
}

const ENTITIES: Spec[] = [
  { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
  { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
  {
    kind: 'Component',
    name: 'payments',
    metadata: {
      tags: ['java', 'payments'],
      annotations: { 'pagerduty.com/service-id': 'P1', 'backstage.io/techdocs-ref': 'dir:.' },
    },
    spec: { type: 'service', lifecycle: 'Production', owner: 'team-a', system: 'pay' },
  },
  {
    kind: 'Component',
    name: 'checkout-web',
    metadata: { tags: ['typescript'] },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-b' },
  },
  {
    kind: 'Component',
    name: 'ledger',
    metadata: { tags: ['go', 'java'], annotations: { 'github.com/project-slug': 'acme/ledger' } },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a' },
  },
  { kind: 'Component', name: 'codec', spec: { type: 'library', lifecycle: 'deprecated', owner: 'group:team-b' } },
  {
    kind: 'API',
    name: 'payments-api',
    metadata: { tags: ['rest'] },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' },
  },
  { kind: 'Resource', name: 'ledger-db', spec: { type: 'database', owner: 'team-a' } },
  { kind: 'System', name: 'pay', spec: { owner: 'team-a' } },
];

/** Predicates both sides support the same way (see README: keys as written, `$contains` for arrays). */
const PREDICATES: Record<string, unknown>[] = [
  { kind: 'component' },
  { kind: 'COMPONENT', 'spec.lifecycle': 'production' },
  { 'spec.type': { $in: ['service', 'website'] } },
  { 'metadata.annotations.pagerduty.com/service-id': { $exists: true } },
  { kind: 'component', 'metadata.annotations.backstage.io/techdocs-ref': { $exists: false } },
  { 'metadata.tags': { $contains: 'java' } },
  { 'metadata.tags': { $contains: 'JAVA' } },
  { $any: [{ kind: 'api' }, { 'spec.owner': 'team-b' }] },
  { $not: { kind: 'component' } },
  { 'spec.lifecycle': { $hasPrefix: 'exp' } },
  { $all: [{ kind: 'component' }, { 'metadata.tags': { $contains: 'go' } }] },
  { relations: { $contains: { type: 'ownedBy', targetRef: 'group:default/team-a' } } },
  { kind: { $in: ['Resource', 'System'] } },
];

function descriptor(entity: Spec): string {
  return JSON.stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: entity.kind,
    metadata: { name: entity.name, ...entity.metadata },
    spec: entity.spec,
  });
}

async function backendSelects(backend: RunningBackstage, query: unknown): Promise<string[]> {
  const answer = await httpRequest(
    'POST',
    `${backend.baseUrl}/api/catalog/entities/by-query`,
    { 'content-type': 'application/json' },
    JSON.stringify({ query, limit: 500 }),
  );
  assert.equal(answer.status, 200, answer.body.slice(0, 400));
  const items = (
    JSON.parse(answer.body) as { items: { kind: string; metadata: { namespace?: string; name: string } }[] }
  ).items;
  return items
    .filter((item) => item.kind !== 'Location')
    .map((item) => `${item.kind}:${item.metadata.namespace ?? 'default'}/${item.metadata.name}`.toLowerCase())
    .sort();
}

function greenroomSelects(index: CatalogIndex, query: Record<string, unknown>): string[] {
  const check = predicateCheck({
    id: 'probe',
    title: 'Probe',
    description: '',
    severity: 'info',
    filter: query as never,
    rule: {},
    origin: { type: 'builtin' },
  });
  const context: ScorecardContext = {
    entity: (ref) => index.get(ref),
    codeOwnersOfDescriptor: () => undefined,
    userByLogin: () => undefined,
    relationsOf: (record) => index.relationsOf(record.ref).outgoing,
  };
  return index
    .entities()
    .filter((record) => check.appliesTo(record, context))
    .map((record) => record.ref)
    .sort();
}

describe('Scorecard predicates: Greenroom and the Backstage catalog backend agree', function () {
  this.timeout(300_000);
  let folder: string;
  let backend: RunningBackstage;
  let workspace: MultiFolderCatalog;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-scorecard-parity-'));
    const file = path.join(folder, 'catalog-info.yaml');
    fs.writeFileSync(file, ENTITIES.map(descriptor).join('\n---\n'));
    backend = await startBackstage({ catalogFiles: [file], processingIntervalSeconds: 1 });
    workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    workspace.addFolder(folder);
    await workspace.loadAll();
    // Relations are stitched after ingestion: wait until every ownedBy is there.
    const started = Date.now();
    while (
      (await backendSelects(backend, { relations: { $contains: { type: 'ownedBy' } } })).length <
      ENTITIES.length - 2
    ) {
      assert.ok(Date.now() - started < 120_000, 'the backend did not stitch the relations within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });

  after(async () => {
    workspace?.dispose();
    await backend?.stop();
    if (folder) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  for (const query of PREDICATES) {
    it(`selects the same entities for ${JSON.stringify(query)}`, async () => {
      const expected = await backendSelects(backend, query);
      assert.ok(
        expected.length > 0 || JSON.stringify(query).includes('$not'),
        'the probe selects something on the backend',
      );
      assert.deepEqual(greenroomSelects(workspace.index, query), expected);
    });
  }

  it('documents where the library and the database query differ: a plain value against an array', async () => {
    // The backend's search table holds one row per array item, so `tags: java` matches a tag;
    // @backstage/filter-predicates compares the whole array. Checks use `$contains` (README).
    const backendAnswer = await backendSelects(backend, { 'metadata.tags': 'java' });
    assert.deepEqual(backendAnswer, ['component:default/ledger', 'component:default/payments']);
    assert.deepEqual(greenroomSelects(workspace.index, { 'metadata.tags': 'java' }), []);
  });
});
