import * as assert from 'node:assert/strict';
import { EntitySearchIndex, type SearchFields } from '../../../../src/catalog/views/entitySearch';
import {
  PatchableEntitySearch,
  type PatchableSearchOptions,
} from '../../../../src/catalog/views/patchableEntitySearch';
import { seededRandom } from '../../support/seededRandom';

/*
 * Differential test: after random adds, removals and updates, a patched index answers every query
 * exactly as an index built afresh over the same items in the same order.
 */

interface Item {
  readonly key: string;
  readonly title: string;
  readonly name: string;
  readonly owner: string;
  readonly tags: readonly string[];
  /** Which version of the item this is, so a stale copy in an answer shows. */
  readonly version: number;
}

const WORDS = (
  'orders payments ledger search media billing checkout inventory catalog identity gateway profile ' +
  'shipping pricing auth cart returns podcast album ads audit fraud risk tax wallet feed graph api ui ' +
  'db v2 café über 東京 x 𝒜pi'
).split(' ');
const SEPARATORS = ['-', '-', '_', '.', ''];

const options: PatchableSearchOptions<Item> = {
  fieldsOf: (item): SearchFields => ({ name: item.title, other: [item.name, item.key, item.owner, ...item.tags] }),
  keyOf: (item) => item.key,
  // Titles repeat on purpose: ties go to the key, as compareEntities breaks them by ref.
  compare: (a, b) => a.title.localeCompare(b.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
};

class Items {
  private serial = 0;
  private version = 0;
  constructor(private readonly next: () => number) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  make(key?: string): Item {
    const parts = Array.from({ length: 1 + Math.floor(this.next() * 3) }, () => this.pick(WORDS));
    const name = parts.reduce((joined, part) => joined + this.pick(SEPARATORS) + part);
    // Few distinct titles, so names tie and the caller's order decides.
    const title = this.next() < 0.3 ? (parts[0] as string) : this.next() < 0.5 ? name.toUpperCase() : name;
    return {
      key: key ?? `component:default/${name}-${this.serial++}`,
      title,
      name,
      owner: `group:default/team-${this.pick(WORDS)}`,
      tags: this.next() < 0.5 ? [this.pick(WORDS)] : [],
      version: this.version++,
    };
  }
}

function queriesOver(items: readonly Item[], count: number, next: () => number): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const typed: string[] = ['', ' '];
  while (typed.length < count) {
    const item = pick(items);
    const text = pick([
      () => item.title,
      () => item.title.slice(0, 1 + Math.floor(next() * 8)),
      () => `${pick(item.name.split(/[^\p{L}\p{N}]+/u))} ${pick(WORDS).slice(0, 2)}`,
      () => item.owner.split('/').pop() ?? '',
      () => item.name.slice(1 + Math.floor(next() * 3), 6),
      () => pick(WORDS),
      () => pick(['a', 'e', 'pa', 'x', '-', 'é', 'zz']),
    ])();
    for (let length = 1; length <= text.length && typed.length < count; length++) {
      typed.push(text.slice(0, length));
    }
  }
  return typed;
}

const label = (item: Item): string => `${item.key}@${item.version}`;

function checkAgainstFresh(
  patched: PatchableEntitySearch<Item>,
  live: Map<string, Item>,
  queries: readonly string[],
): void {
  const items = [...live.values()].sort(options.compare);
  const fresh = new EntitySearchIndex(items, options.fieldsOf);
  assert.equal(patched.size, items.length);
  for (const query of queries) {
    for (const limit of [1, 7, 100, 1_000_000]) {
      assert.deepEqual(
        patched.search(query, limit).map(label),
        fresh.search(query, limit).map(label),
        `${JSON.stringify(query)} limit ${limit}`,
      );
    }
  }
}

function randomRun(size: number, seed: number, rounds: number, changesPerRound: number, queryCount: number): void {
  const next = seededRandom(seed);
  const make = new Items(next);
  const live = new Map<string, Item>();
  for (let n = 0; n < size; n++) {
    const item = make.make();
    live.set(item.key, item);
  }
  const patched = PatchableEntitySearch.of([...live.values()], options);
  for (let round = 0; round < rounds; round++) {
    for (let change = 0; change < changesPerRound; change++) {
      const keys = [...live.keys()];
      const draw = next();
      if (draw < 0.35 || keys.length === 0) {
        const item = make.make();
        live.set(item.key, item);
        patched.set(item.key, item);
      } else if (draw < 0.65) {
        const key = keys[Math.floor(next() * keys.length)] as string;
        live.delete(key);
        patched.set(key, undefined);
      } else {
        const key = keys[Math.floor(next() * keys.length)] as string;
        const item = make.make(key);
        live.set(key, item);
        patched.set(key, item);
      }
    }
    checkAgainstFresh(patched, live, queriesOver([...live.values()], queryCount, next));
  }
}

describe('PatchableEntitySearch against a fresh build', function () {
  this.timeout(120_000);

  it('answers as a fresh index after random adds, removals and updates (small catalog)', () => {
    randomRun(60, 3, 12, 8, 150);
  });

  it('answers as a fresh index when most items changed', () => {
    randomRun(40, 5, 6, 40, 120);
  });

  it('answers as a fresh index at 3,000 items with a few changes at a time', () => {
    randomRun(3_000, 9, 6, 5, 300);
  });

  it('keeps the changed item, not the stale one, and finds it by its new text', () => {
    const make = new Items(seededRandom(1));
    const first = { ...make.make(), title: 'Ledger', name: 'ledger' };
    const second = { ...make.make(), title: 'Billing', name: 'billing' };
    const patched = PatchableEntitySearch.of([first, second], options);
    const renamed = { ...first, title: 'Payments', name: 'payments', version: 99 };
    patched.set(first.key, renamed);
    assert.deepEqual(patched.search('ledger', 10), []);
    assert.deepEqual(patched.search('paym', 10), [renamed]);
    assert.equal(patched.get(first.key), renamed);
    patched.set(second.key, undefined);
    assert.equal(patched.get(second.key), undefined);
    assert.deepEqual(patched.search('', 10), [renamed]);
    assert.equal(patched.size, 1);
    // Two base items left out, one item added.
    assert.equal(patched.patched, 3);
  });

  it('ignores removing what is not there', () => {
    const make = new Items(seededRandom(2));
    const patched = PatchableEntitySearch.of([make.make()], options);
    patched.set('component:default/nothing', undefined);
    assert.equal(patched.size, 1);
    assert.equal(patched.patched, 0);
  });
});
