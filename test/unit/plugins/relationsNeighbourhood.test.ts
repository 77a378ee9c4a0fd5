import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../src/catalog';
import {
  parseGraphState,
  relationsNeighbourhood,
  type GraphOptions,
} from '../../../src/plugins/builtin/relationsNeighbourhood';
import { toEntityView } from '../../../src/plugins/entityView';
import type { EntityView } from '../../../src/plugins/pluginTypes';
import { component, documents, group, indexOf, recordOf } from '../support/indexFixtures';

describe('relations neighbourhood', () => {
  let index: CatalogIndex;
  const view = (ref: string): EntityView => toEntityView(index, recordOf(index, ref));
  const lookup = (ref: string): EntityView | undefined => {
    const record = index.get(ref);
    return record ? toEntityView(index, record) : undefined;
  };
  const distances = (ref: string, options: GraphOptions): Record<string, number> =>
    Object.fromEntries(
      relationsNeighbourhood(view(ref), options, lookup).nodes.map((node) => [node.ref, node.distance]),
    );

  before(async () => {
    // web → api-gw → orders → db: a chain, each owned by team-a.
    index = await indexOf({
      'catalog-info.yaml': documents(
        component('web', ['  owner: team-a', '  dependsOn: [component:api-gw]']),
        component('api-gw', ['  owner: team-a', '  dependsOn: [component:orders]']),
        component('orders', ['  owner: team-a', '  dependsOn: [component:db]']),
        component('db', ['  owner: team-a']),
        group('team-a'),
      ),
    });
  });

  it('reads depth and direction from the tab state, with a default for anything else', () => {
    assert.deepEqual(parseGraphState('graph:3:incoming#relations-graph'), { depth: 3, direction: 'incoming' });
    assert.deepEqual(parseGraphState('graph:2:outgoing'), { depth: 2, direction: 'outgoing' });
    for (const state of [undefined, '', 'graph:4:both', 'graph:1:sideways', 'search:x']) {
      assert.deepEqual(parseGraphState(state), { depth: 1, direction: 'both' }, String(state));
    }
  });

  it('follows outgoing relations as deep as asked, and not deeper', () => {
    const one = distances('component:default/api-gw', { depth: 1, direction: 'outgoing' });
    assert.deepEqual(Object.keys(one).sort(), [
      'component:default/api-gw',
      'component:default/orders',
      'group:default/team-a',
    ]);
    const three = distances('component:default/web', { depth: 3, direction: 'outgoing' });
    assert.equal(three['component:default/db'], 3);
    assert.equal(three['component:default/orders'], 2);
    assert.equal(
      distances('component:default/web', { depth: 2, direction: 'outgoing' })['component:default/db'],
      undefined,
    );
  });

  it('puts what points at the entity on the incoming side (negative distance)', () => {
    const incoming = distances('component:default/orders', { depth: 2, direction: 'incoming' });
    assert.equal(incoming['component:default/api-gw'], -1);
    assert.equal(incoming['component:default/web'], -2);
    assert.equal(
      incoming['component:default/db'],
      undefined,
      'orders depends on db: db is outgoing, though db holds dependencyOf',
    );
    assert.equal(incoming['group:default/team-a'], undefined, 'the owner is outgoing (ownedBy)');
    const both = distances('component:default/orders', { depth: 1, direction: 'both' });
    assert.deepEqual(both, {
      'component:default/orders': 0,
      'component:default/db': 1,
      'group:default/team-a': 1,
      'component:default/api-gw': -1,
    });
  });

  it('draws a relation pair once, only between neighbouring layers', () => {
    const graph = relationsNeighbourhood(view('component:default/api-gw'), { depth: 1, direction: 'both' }, lookup);
    const pairs = graph.edges.map((edge) => [edge.from, edge.to].sort().join(' '));
    assert.equal(new Set(pairs).size, pairs.length, `a pair drawn twice: ${pairs.join(' | ')}`);
    const orders = graph.edges.find((edge) => [edge.from, edge.to].includes('component:default/orders'));
    assert.deepEqual(orders?.types, ['dependsOn']);
    const layer = new Map(graph.nodes.map((node) => [node.ref, node.distance]));
    for (const edge of graph.edges) {
      assert.equal(
        Math.abs((layer.get(edge.from) ?? 0) - (layer.get(edge.to) ?? 0)),
        1,
        `${edge.from} → ${edge.to} skips or stays in a layer`,
      );
    }
  });

  it('keeps to the node budget and counts what it left out', () => {
    const graph = relationsNeighbourhood(view('group:default/team-a'), { depth: 1, direction: 'both' }, lookup, 2);
    assert.equal(graph.nodes.length, 3);
    assert.equal(graph.omitted, 2);
  });
});
