import * as assert from 'node:assert/strict';
import type { CatalogEntityRecord } from '../../../src/catalog';
import { parse, yamlLines } from '../support/catalogFixtures';

/** The only entity of a one-document file, which must parse without problems. */
async function entityOf(
  kind: string,
  name: string,
  spec: readonly string[],
  apiVersion = 'backstage.io/v1alpha1',
): Promise<CatalogEntityRecord> {
  const parsed = await parse(
    yamlLines(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, 'spec:', ...spec),
  );
  assert.deepEqual(
    parsed.problems.map((problem) => problem.message),
    [],
  );
  return parsed.entities[0] ?? assert.fail('no entity');
}

/** Relations as `source type target`, sorted. */
function relationsOf(record: CatalogEntityRecord): string[] {
  return record.relations.map((relation) => `${relation.source} ${relation.type} ${relation.target}`).sort();
}

/** Both ends of one pair, as backstage-formats.md §1.7 says each relation is emitted. */
function pair(source: string, outgoing: string, target: string, incoming: string): string[] {
  return [`${source} ${outgoing} ${target}`, `${target} ${incoming} ${source}`];
}

describe('relations (backstage-formats.md §1.7)', () => {
  it('Component: ownedBy/ownerOf, partOf/hasPart (system, subcomponentOf), providesApi, consumesApi, dependsOn, dependencyOf', async () => {
    const record = await entityOf('Component', 'player', [
      '  type: service',
      '  lifecycle: production',
      '  owner: team-audio',
      '  system: audio',
      '  subcomponentOf: media-suite',
      '  providesApis: [player-api]',
      '  consumesApis: [catalog-api]',
      '  dependsOn: [resource:audio-db]',
      '  dependencyOf: [component:web-app]',
    ]);
    const self = 'component:default/player';
    assert.deepEqual(
      relationsOf(record),
      [
        ...pair(self, 'ownedBy', 'group:default/team-audio', 'ownerOf'),
        ...pair(self, 'partOf', 'system:default/audio', 'hasPart'),
        ...pair(self, 'partOf', 'component:default/media-suite', 'hasPart'),
        ...pair(self, 'providesApi', 'api:default/player-api', 'apiProvidedBy'),
        ...pair(self, 'consumesApi', 'api:default/catalog-api', 'apiConsumedBy'),
        ...pair(self, 'dependsOn', 'resource:default/audio-db', 'dependencyOf'),
        // spec.dependencyOf is the reverse: the component is a dependency of web-app, which dependsOn it.
        ...pair(self, 'dependencyOf', 'component:default/web-app', 'dependsOn'),
      ].sort(),
    );
  });

  it('never emits a subcomponentOf relation type', async () => {
    const record = await entityOf('Component', 'part', [
      '  type: library',
      '  lifecycle: production',
      '  owner: team-a',
      '  subcomponentOf: whole',
    ]);
    assert.ok(record.relations.every((relation) => relation.type !== 'subcomponentOf'));
    assert.ok(relationsOf(record).includes('component:default/part partOf component:default/whole'));
  });

  it('API: ownedBy and partOf its system', async () => {
    const record = await entityOf('API', 'player-api', [
      '  type: openapi',
      '  lifecycle: production',
      '  owner: user:jdoe',
      '  system: audio',
      '  definition: "openapi: 3.0.0"',
    ]);
    assert.deepEqual(
      relationsOf(record),
      [
        ...pair('api:default/player-api', 'ownedBy', 'user:default/jdoe', 'ownerOf'),
        ...pair('api:default/player-api', 'partOf', 'system:default/audio', 'hasPart'),
      ].sort(),
    );
  });

  it('Resource: ownedBy, partOf, dependsOn and dependencyOf', async () => {
    const record = await entityOf('Resource', 'audio-db', [
      '  type: database',
      '  owner: team-a',
      '  system: audio',
      '  dependsOn: [resource:disk]',
      '  dependencyOf: [component:player]',
    ]);
    const self = 'resource:default/audio-db';
    assert.deepEqual(
      relationsOf(record),
      [
        ...pair(self, 'ownedBy', 'group:default/team-a', 'ownerOf'),
        ...pair(self, 'partOf', 'system:default/audio', 'hasPart'),
        ...pair(self, 'dependsOn', 'resource:default/disk', 'dependencyOf'),
        ...pair(self, 'dependencyOf', 'component:default/player', 'dependsOn'),
      ].sort(),
    );
  });

  it('System: partOf its domain; Domain: partOf the domain it is a subdomain of', async () => {
    const system = await entityOf('System', 'audio', ['  owner: team-a', '  domain: media']);
    assert.deepEqual(
      relationsOf(system),
      [
        ...pair('system:default/audio', 'ownedBy', 'group:default/team-a', 'ownerOf'),
        ...pair('system:default/audio', 'partOf', 'domain:default/media', 'hasPart'),
      ].sort(),
    );
    const domain = await entityOf('Domain', 'media', ['  owner: team-a', '  subdomainOf: entertainment']);
    assert.deepEqual(
      relationsOf(domain),
      [
        ...pair('domain:default/media', 'ownedBy', 'group:default/team-a', 'ownerOf'),
        ...pair('domain:default/media', 'partOf', 'domain:default/entertainment', 'hasPart'),
      ].sort(),
    );
  });

  it('Group: childOf its parent, parentOf its children, hasMember its members', async () => {
    const record = await entityOf('Group', 'audio', [
      '  type: team',
      '  parent: engineering',
      '  children: [audio-codecs]',
      '  members: [jdoe]',
    ]);
    const self = 'group:default/audio';
    assert.deepEqual(
      relationsOf(record),
      [
        ...pair(self, 'childOf', 'group:default/engineering', 'parentOf'),
        ...pair(self, 'parentOf', 'group:default/audio-codecs', 'childOf'),
        ...pair(self, 'hasMember', 'user:default/jdoe', 'memberOf'),
      ].sort(),
    );
  });

  it('User: memberOf each group in spec.memberOf', async () => {
    const record = await entityOf('User', 'jdoe', ['  memberOf: [audio, ops/sre]']);
    assert.deepEqual(
      relationsOf(record),
      [
        ...pair('user:default/jdoe', 'memberOf', 'group:default/audio', 'hasMember'),
        ...pair('user:default/jdoe', 'memberOf', 'group:ops/sre', 'hasMember'),
      ].sort(),
    );
  });

  it('gives the same memberOf/hasMember edges whether written on the User or on the Group', async () => {
    const user = await entityOf('User', 'jdoe', ['  memberOf: [audio]']);
    const group = await entityOf('Group', 'audio', ['  type: team', '  children: []', '  members: [jdoe]']);
    assert.deepEqual(relationsOf(user), relationsOf(group));
  });

  it('gives the same parentOf/childOf edges whether written as parent or as children', async () => {
    const child = await entityOf('Group', 'audio', ['  type: team', '  parent: engineering', '  children: []']);
    const parent = await entityOf('Group', 'engineering', ['  type: department', '  children: [audio]']);
    assert.deepEqual(relationsOf(child), relationsOf(parent));
  });

  it('Template: ownedBy its spec.owner', async () => {
    const record = await entityOf(
      'Template',
      'node-service',
      ['  owner: team-a', '  type: service', '  steps:', '    - id: log', '      action: debug:log'],
      'scaffolder.backstage.io/v1beta3',
    );
    assert.deepEqual(
      relationsOf(record),
      pair('template:default/node-service', 'ownedBy', 'group:default/team-a', 'ownerOf').sort(),
    );
  });

  it('Location emits no relations', async () => {
    const location = await entityOf('Location', 'all', ['  targets: []']);
    assert.deepEqual(location.relations, []);
  });

  it('records where each reference was written', async () => {
    const record = await entityOf('User', 'jdoe', ['  memberOf:', '    - audio', '    - video']);
    assert.deepEqual(
      record.references.map((site) => [
        site.field,
        site.text,
        site.targetRef,
        site.range.start.line,
        site.range.start.column,
      ]),
      [
        ['spec.memberOf[0]', 'audio', 'group:default/audio', 6, 6],
        ['spec.memberOf[1]', 'video', 'group:default/video', 7, 6],
      ],
    );
  });
});
