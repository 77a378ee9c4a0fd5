import * as assert from 'node:assert/strict';
import { compareEntities } from '../../../src/catalog';
import { component, documents, indexOf } from '../support/indexFixtures';

describe('entity order in lists', () => {
  it('counts as people do and ignores case: svc 2 before svc 10 before svc 100', async () => {
    const names = ['svc-100', 'svc-10', 'SVC-2', 'svc-1', 'alpha'];
    const index = await indexOf({
      'catalog-info.yaml': documents(
        ...names.map((name) => component(name.toLowerCase(), ['  owner: team-a'], { metadata: [`  title: ${name}`] })),
      ),
    });
    assert.deepEqual(
      index
        .entities()
        .sort(compareEntities)
        .map((record) => record.entity.metadata.title),
      ['alpha', 'svc-1', 'SVC-2', 'svc-10', 'svc-100'],
    );
  });
});
