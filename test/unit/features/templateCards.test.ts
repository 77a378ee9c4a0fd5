import * as assert from 'node:assert/strict';
import { templateCards } from '../../../src/features/createPage/templateCards';
import type { TemplateChoice } from '../../../src/features/scaffold/templateSources';
import { documents, group, indexOf } from '../support/indexFixtures';

describe('template cards', () => {
  it('uses spec.type as category, the owner title from the catalog, and marks registry templates', async () => {
    const index = await indexOf({
      'org.yaml': documents(group('team-platform', [], { metadata: ['  title: Platform'] })),
    });
    const templates: TemplateChoice[] = [
      {
        title: 'Kafka consumer',
        description: 'Consumes',
        source: 'workspace',
        file: '/ws/t.yaml',
        ref: 'template:default/kafka',
        type: 'service',
        tags: ['kafka'],
        owner: 'team-platform',
      },
      {
        title: 'Remote',
        description: undefined,
        source: 'registry',
        registry: 'acme',
        file: undefined,
        ref: 'template:default/remote',
        type: undefined,
        tags: [],
        owner: 'group:default/unknown',
      },
    ];
    const cards = templateCards(templates, index);
    assert.deepEqual(cards[0], {
      id: 0,
      title: 'Kafka consumer',
      description: 'Consumes',
      category: 'service',
      tags: ['kafka'],
      owner: 'Platform',
      source: 'workspace',
      runnable: true,
    });
    assert.deepEqual(cards[1], {
      id: 1,
      title: 'Remote',
      description: '',
      category: 'other',
      tags: [],
      owner: 'group:default/unknown',
      source: 'acme',
      runnable: false,
    });
  });
});
