import * as assert from 'node:assert/strict';
import {
  filterTemplateCards,
  groupTemplateCards,
  parseCreateMessage,
  templateCategories,
  type TemplateCard,
} from '../../../src/shared/createPageProtocol';

function card(id: number, title: string, category: string, extra: Partial<TemplateCard> = {}): TemplateCard {
  return { id, title, description: '', category, tags: [], owner: '', source: 'workspace', runnable: true, ...extra };
}

describe('Create page cards', () => {
  const cards = [
    card(0, 'Node.js service', 'service', { tags: ['nodejs', 'typescript'] }),
    card(1, 'Kafka consumer', 'service', { owner: 'Platform', description: 'Consumes a topic' }),
    card(2, 'Docs site', 'documentation'),
    card(3, 'Odd one', 'other'),
    card(4, 'Astro website', 'website'),
  ];

  it('groups by category, alphabetically with "other" last, cards by title', () => {
    const groups = groupTemplateCards(cards);
    assert.deepEqual(
      groups.map((group) => group.category),
      ['documentation', 'service', 'website', 'other'],
    );
    assert.deepEqual(
      groups[1]?.cards.map((entry) => entry.title),
      ['Kafka consumer', 'Node.js service'],
    );
    assert.deepEqual(templateCategories(cards), ['documentation', 'service', 'website', 'other']);
  });

  it('filters by every word of the text (title, description, tags, owner) and by category', () => {
    assert.deepEqual(
      filterTemplateCards(cards, { text: 'typescript', category: '' }).map((entry) => entry.id),
      [0],
    );
    assert.deepEqual(
      filterTemplateCards(cards, { text: 'platform topic', category: '' }).map((entry) => entry.id),
      [1],
    );
    assert.deepEqual(
      filterTemplateCards(cards, { text: 'platform website', category: '' }).map((entry) => entry.id),
      [],
    );
    assert.deepEqual(
      filterTemplateCards(cards, { text: '', category: 'Service' }).map((entry) => entry.id),
      [0, 1],
    );
    assert.deepEqual(
      filterTemplateCards(cards, { text: 'kafka', category: 'website' }).map((entry) => entry.id),
      [],
    );
    assert.equal(filterTemplateCards(cards, { text: '  ', category: '' }).length, cards.length);
  });

  it('accepts only ready and choose with a card id', () => {
    assert.deepEqual(parseCreateMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseCreateMessage({ type: 'choose', id: 2, path: '/etc' }), { type: 'choose', id: 2 });
    for (const raw of [
      null,
      [],
      'choose',
      { type: 'choose' },
      { type: 'choose', id: -1 },
      { type: 'choose', id: 1.5 },
      { type: 'choose', id: '1' },
      { type: 'runCommand', command: 'x' },
    ]) {
      assert.equal(parseCreateMessage(raw), undefined, JSON.stringify(raw));
    }
  });
});
