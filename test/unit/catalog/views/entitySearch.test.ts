import * as assert from 'node:assert/strict';
import { EntitySearchIndex, type SearchFields } from '../../../../src/catalog/views/entitySearch';

interface Item {
  readonly name: string;
  readonly ref: string;
  readonly owner?: string;
}

const fields = (item: Item): SearchFields => ({ name: item.name, other: [item.ref, item.owner ?? ''] });
const names = (items: readonly Item[]): string[] => items.map((item) => item.name);
const item = (name: string, owner?: string): Item => ({
  name,
  ref: `component:default/${name}`,
  ...(owner ? { owner } : {}),
});

describe('EntitySearchIndex', () => {
  // Deliberately in an order where the best match is not first.
  const items = [
    item('old-payments-gateway'),
    item('payments-api'),
    item('repayments'),
    item('payments'),
    item('billing', 'team-payments'),
    item('Payments-UI'),
  ];
  const index = new EntitySearchIndex(items, fields);

  it('ranks exact name, then prefix, then word prefix, then substring', () => {
    // billing's owner (team-payments) and old-payments-gateway both have a word starting "payments".
    const ranked = names(index.search('payments', 10));
    assert.deepEqual(ranked.slice(0, 3), ['payments', 'payments-api', 'Payments-UI']);
    assert.deepEqual(ranked.slice(3, 5).sort(), ['billing', 'old-payments-gateway']);
    assert.equal(ranked[5], 'repayments');
  });

  it('puts shorter names first among those starting with the query, and is case-insensitive', () => {
    assert.deepEqual(names(index.search('PAY', 10)).slice(0, 3), ['payments', 'payments-api', 'Payments-UI']);
  });

  it('keeps the given order among exact matches and among substring matches', () => {
    const twins = new EntitySearchIndex(
      [item('Zeta-ledger'), item('alpha-ledger'), item('ledger'), item('LEDGER')],
      (entry) => ({ name: entry.name, other: [] }),
    );
    assert.deepEqual(
      names(twins.search('ledger', 10)),
      ['ledger', 'LEDGER', 'Zeta-ledger', 'alpha-ledger'],
      'same word, so input order',
    );
    assert.deepEqual(names(twins.search('edger', 10)), ['Zeta-ledger', 'alpha-ledger', 'ledger', 'LEDGER']);
  });

  it('needs every word of the query, in any field', () => {
    assert.deepEqual(names(index.search('team pay', 10)), ['billing']);
    assert.deepEqual(index.search('payments nowhere', 10), []);
  });

  it('matches one- and two-character queries too, the same way each time', () => {
    const first = names(index.search('ui', 10));
    assert.deepEqual(first, ['Payments-UI']);
    assert.deepEqual(names(index.search('ui', 10)), first);
    assert.deepEqual(names(index.search('b', 10)), ['billing']);
  });

  it('gives at most limit results, the first ones for an empty query', () => {
    assert.equal(index.search('a', 2).length, 2);
    assert.deepEqual(names(index.search('  ', 3)), names(items.slice(0, 3)));
  });

  it('answers each keystroke as a fresh index would, while typing, deleting and starting over', () => {
    const many = Array.from({ length: 2000 }, (_, n) =>
      item(
        `${['orders', 'ledger', 'search'][n % 3]}x${['pay', 'media', 'xorder'][(n % 7) % 3]}-${n}`,
        `team-${n % 11}`,
      ),
    );
    const typed = new EntitySearchIndex(many, fields);
    const typing = [
      'r',
      'rd',
      'rde',
      'rder',
      'rdersx',
      'rdersxp',
      'rdersx',
      'rde',
      'xor',
      'xord',
      'dger',
      'dgerx',
      'ia-1',
      'rders 5',
      'rders 55',
    ];
    for (const query of typing) {
      const fresh = new EntitySearchIndex(many, fields);
      assert.deepEqual(names(typed.search(query, 1e9)), names(fresh.search(query, 1e9)), query);
    }
  });

  it('finds the same items as a plain scan over many entities', () => {
    const many = Array.from({ length: 3000 }, (_, n) =>
      item(`svc-${n % 97}-${['orders', 'ledger', 'search', 'media'][n % 4]}-${n}`, `team-${n % 13}`),
    );
    const big = new EntitySearchIndex(many, fields);
    for (const query of ['ledger', 'svc-4', 'team-12', 'a-1', 'dger-2', 'zz', 'orders 77']) {
      const tokens = query.split(' ');
      const expected = many.filter((candidate) =>
        tokens.every((token) =>
          [candidate.name, candidate.ref, candidate.owner ?? ''].join('\n').toLowerCase().includes(token),
        ),
      ).length;
      assert.equal(big.search(query, 1e9).length, expected, query);
    }
  });
});
