import * as assert from 'node:assert/strict';
import { ownedEntities, unknownOwners, rootGroups, type CatalogIndex } from '../../../src/catalog';
import { decodeParsedFile, encodeParsedFile } from '../../../src/catalog/parsedFileCodec';
import { parse } from '../support/catalogFixtures';
import { component, documents, group, indexOf, refsOf, system, upsertInto } from '../support/indexFixtures';

/** Relations as `source type target`, sorted. */
const shown = (relations: readonly { source: string; type: string; target: string }[]): string[] =>
  relations.map((relation) => `${relation.source} ${relation.type} ${relation.target}`).sort();

/** A System that fails validation (an owner that is not a string) but can still be named. */
const rejectedSystem = (name: string, owner: string): string[] =>
  system(name, [`  owner: ${owner}`, '  type: {not: a-string}']);

describe('relations as Backstage has them', () => {
  let index: CatalogIndex;
  afterEach(() => index?.dispose());

  it('an invalid entity contributes no relation, but stays in the index with its references', async () => {
    index = await indexOf({ 'a.yaml': documents(group('team-a'), rejectedSystem('broken', 'team-a')) });
    const broken = index.get('system:default/broken');
    assert.equal(broken?.valid, false);
    assert.deepEqual(broken?.relations, []);
    assert.deepEqual(
      broken?.references.map((site) => site.targetRef),
      ['group:default/team-a'],
      'the ref stays navigable',
    );
    assert.deepEqual(shown(index.relations()), []);
    assert.deepEqual(index.relationsOf('group:default/team-a'), { outgoing: [], incoming: [] });
  });

  it('a reverse relation exists only on an entity that exists', async () => {
    index = await indexOf({ 'a.yaml': documents(component('player', ['  owner: maintainers'])) });
    assert.deepEqual(shown(index.relations()), ['component:default/player ownedBy group:default/maintainers']);
    assert.deepEqual(index.relationsOf('group:default/maintainers').outgoing, []);
    await upsertInto(index, 'b.yaml', documents(group('maintainers')));
    assert.deepEqual(shown(index.relations()), [
      'component:default/player ownedBy group:default/maintainers',
      'group:default/maintainers ownerOf component:default/player',
    ]);
    assert.deepEqual(shown(index.relationsOf('group:default/maintainers').outgoing), [
      'group:default/maintainers ownerOf component:default/player',
    ]);
    index.removeFile('/ws/b.yaml');
    assert.deepEqual(shown(index.relations()), ['component:default/player ownedBy group:default/maintainers']);
  });

  it('an entity turning invalid takes its relations and the reverse ends pointing at it away; turning valid brings them back', async () => {
    index = await indexOf({
      'a.yaml': documents(component('player', ['  owner: team-a', '  system: audio'])),
      'b.yaml': documents(system('audio', ['  owner: team-a'])),
    });
    assert.ok(shown(index.relations()).includes('system:default/audio hasPart component:default/player'));
    await upsertInto(index, 'b.yaml', documents(rejectedSystem('audio', 'team-a')));
    assert.deepEqual(shown(index.relations()), [
      'component:default/player ownedBy group:default/team-a',
      'component:default/player partOf system:default/audio',
    ]);
    await upsertInto(index, 'b.yaml', documents(system('audio', ['  owner: team-a'])));
    assert.ok(shown(index.relations()).includes('system:default/audio hasPart component:default/player'));
  });

  it('every valid copy of a duplicated ref contributes, whichever was indexed first; an invalid copy does not', async () => {
    const copies = {
      'a.yaml': documents(component('player', ['  owner: team-a'])),
      'b.yaml': documents(component('player', ['  owner: team-b'])),
      'c.yaml': documents(component('player', ['  owner: team-c', '  providesApis: {not: a-list}'])),
    };
    index = await indexOf(copies);
    assert.deepEqual(shown(index.relations()), [
      'component:default/player ownedBy group:default/team-a',
      'component:default/player ownedBy group:default/team-b',
    ]);
    index.dispose();
    index = await indexOf(Object.fromEntries(Object.entries(copies).reverse()));
    assert.deepEqual(shown(index.relations()), [
      'component:default/player ownedBy group:default/team-a',
      'component:default/player ownedBy group:default/team-b',
    ]);
  });

  it('the Owners view lists owners from the ref itself, and rejected entities own nothing', async () => {
    index = await indexOf({
      'a.yaml': documents(
        group('team-a'),
        component('player', ['  owner: team-a']),
        rejectedSystem('broken', 'team-a'),
        component('lost', ['  owner: ghost']),
      ),
      'b.yaml': documents(group('rejected', ['  members: {not: a list}']), component('orphan', ['  owner: rejected'])),
    });
    assert.deepEqual(refsOf(ownedEntities(index, 'group:default/team-a')), ['component:default/player']);
    assert.deepEqual(
      unknownOwners(index).map((entry) => `${entry.ownerRef}: ${refsOf(entry.entities).join(', ')}`),
      ['group:default/ghost: component:default/lost', 'group:default/rejected: component:default/orphan'],
    );
    assert.deepEqual(refsOf(rootGroups(index)), ['group:default/team-a']);
  });

  it('a cached or worker-sent parse decodes to the same relations: none for an invalid entity', async () => {
    const parsed = await parse(
      documents(
        component('player', ['  owner: team-a', '  dependsOn: [resource:db]']),
        rejectedSystem('broken', 'team-a'),
      ),
    );
    const encoded = encodeParsedFile(parsed);
    assert.ok(encoded, 'encodable');
    const decoded = decodeParsedFile(parsed.file, JSON.parse(JSON.stringify(encoded)) as typeof encoded, {
      type: 'workspace',
      folder: '/ws',
    });
    assert.deepEqual(
      decoded.entities.map((record) => shown(record.relations)),
      parsed.entities.map((record) => shown(record.relations)),
    );
    assert.equal(decoded.entities[0]?.relations.length, 4);
    assert.deepEqual(decoded.entities[1]?.relations, []);
    assert.deepEqual(
      decoded.entities[1]?.references.map((site) => site.specField),
      ['owner'],
    );
  });
});
