import * as assert from 'node:assert/strict';
import { EntitySearchIndex, type SearchFields } from '../../../../src/catalog/views/entitySearch';
import { seededRandom } from '../../support/seededRandom';

/*
 * Differential test: the index's answer must be exactly the first `limit` of a plain ranking of
 * every entity, computed here the slow, obvious way (no index, no early stop), for realistic and
 * random queries, typed a character at a time, at 1,000 and 100,000 entities.
 */

interface Entity {
  readonly title: string;
  readonly name: string;
  readonly ref: string;
  readonly owner: string;
  readonly tags: readonly string[];
}

const fieldsOf = (entity: Entity): SearchFields => ({
  name: entity.title,
  other: [entity.name, entity.ref, entity.owner, ...entity.tags],
});

const WORDS = (
  'orders payments ledger search media playback billing checkout inventory catalog identity gateway ' +
  'profile shipping pricing analytics auth session cart warehouse returns reviews podcast artist ' +
  'album playlist ads audit fraud risk tax invoice refunds wallet support chat email feed graph ' +
  'index cache worker api ui db v2 café über 東京 x 𝒜pi 😀x'
).split(' ');
const SEPARATORS = ['-', '-', '-', '_', '.', '/', ''];
const KINDS = ['component', 'api', 'resource', 'system', 'group', 'user', 'domain'];

function entities(count: number, seed: number): Entity[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, n) => {
    const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(WORDS));
    const name = parts.reduce((joined, part) => joined + pick(SEPARATORS) + part) + (next() < 0.5 ? `-${n}` : '');
    const title = next() < 0.2 ? parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join(' ') : name;
    const kind = pick(KINDS);
    return {
      title,
      name,
      ref: `${kind}:${next() < 0.9 ? 'default' : 'payments-team'}/${name}`,
      owner: `group:default/team-${pick(WORDS)}`,
      tags: next() < 0.5 ? [pick(WORDS), pick(WORDS)] : [],
    };
  });
}

/** The ranking spelled out: worst rank over the words; names alphabetically in ranks 0–1; then given order. */
class Reference {
  private readonly rows: { readonly name: string; readonly fields: readonly string[]; readonly starts: number[][] }[];

  constructor(private readonly all: readonly Entity[]) {
    this.rows = all.map((entity) => {
      const { name, other } = fieldsOf(entity);
      const fields = [name, ...other].map((text) => text.toLowerCase());
      const starts = fields.map((field) => [...field.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => match.index));
      return { name: name.toLowerCase(), fields, starts };
    });
  }

  search(query: string, limit: number): Entity[] {
    const tokens = query
      .toLowerCase()
      .split(/\s+/)
      .filter((token) => token.length > 0);
    if (tokens.length === 0) {
      return this.all.slice(0, limit);
    }
    const found: { id: number; rank: number; name: string }[] = [];
    this.rows.forEach((row, id) => {
      let worst = 0;
      for (const token of tokens) {
        let rank: number;
        if (row.name === token) {
          rank = 0;
        } else if (row.name.startsWith(token)) {
          rank = 1;
        } else if (
          row.fields.some((field, at) => (row.starts[at] as number[]).some((start) => field.startsWith(token, start)))
        ) {
          rank = 2;
        } else if (row.fields.some((field) => field.includes(token))) {
          rank = 3;
        } else {
          return;
        }
        worst = Math.max(worst, rank);
      }
      found.push({ id, rank: worst, name: row.name });
    });
    found.sort(
      (a, b) => a.rank - b.rank || (a.rank <= 1 && a.name !== b.name ? (a.name < b.name ? -1 : 1) : 0) || a.id - b.id,
    );
    return found.slice(0, limit).map((entry) => this.all[entry.id] as Entity);
  }
}

/** What users type: name prefixes, a word of a name, two words, owners, kinds, fragments, typos. */
function queries(all: readonly Entity[], count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const typed: string[] = [];
  while (typed.length < count) {
    const entity = pick(all);
    const word = pick(entity.name.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length > 0)) ?? 'x';
    const text = pick([
      () => entity.title.slice(0, 1 + Math.floor(next() * 14)),
      () => entity.name.slice(0, 3 + Math.floor(next() * 12)),
      () => `${word} ${pick(WORDS).slice(0, 1 + Math.floor(next() * 4))}`,
      () => `${entity.owner.split('/').pop() ?? ''} ${word.slice(0, 2)}`,
      () => `${entity.ref.split(':')[0] ?? ''} ${word}`,
      () => word.slice(1 + Math.floor(next() * 2)),
      () => entity.name.slice(Math.floor(next() * entity.name.length)).slice(0, 6),
      () => `${word.slice(0, 3)}${pick(['q', 'z', '-', '_x', ''])}`,
      () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick([...'aeiorstnlp-_/.:é1 '])).join(''),
    ])();
    // Typed a character at a time, sometimes erased again, as in the quick pick.
    for (let length = 1; length <= text.length && typed.length < count; length++) {
      typed.push(text.slice(0, length));
    }
    if (next() < 0.3) {
      typed.push(text.slice(0, Math.max(1, text.length - 2)));
    }
  }
  return typed;
}

const label = (entity: Entity): string => `${entity.title} (${entity.ref})`;

function compare(size: number, seed: number, queryCount: number, limits: readonly number[]): void {
  const all = entities(size, seed);
  const index = new EntitySearchIndex(all, fieldsOf);
  const reference = new Reference(all);
  let nonEmpty = 0;
  for (const query of queries(all, queryCount, seed + 1)) {
    for (const limit of limits) {
      const expected = reference.search(query, limit).map(label);
      assert.deepEqual(index.search(query, limit).map(label), expected, `${JSON.stringify(query)} limit ${limit}`);
      nonEmpty += expected.length > 0 ? 1 : 0;
    }
  }
  // The queries must exercise the ranking, not agree on empty answers.
  assert.ok(nonEmpty > queryCount * limits.length * 0.6, `only ${nonEmpty} non-empty answers`);
}

describe('EntitySearchIndex against a plain ranking of everything', function () {
  this.timeout(120_000);

  it('gives exactly the best of the full ranking at 1,000 entities, for every limit', () => {
    compare(1_000, 11, 600, [1, 20, 200, 1_000_000]);
  });

  it('gives exactly the best 200 and 50 at 100,000 entities while typing', () => {
    compare(100_000, 23, 50, [50, 200]);
  });

  it('agrees on the odd inputs too: separators only, one character, unicode, spaces', () => {
    const all = entities(3_000, 5);
    const index = new EntitySearchIndex(all, fieldsOf);
    const reference = new Reference(all);
    for (const query of [
      '-',
      '/',
      'a',
      'é',
      'üb',
      '東',
      '東京',
      'café-',
      ' x ',
      'x x',
      'API UI',
      '1',
      '-1',
      'v2 ui',
      'zzzz',
      'pi',
      '𝒜',
      '𝒜p',
      '\uDC9Cpi',
      '😀',
      'x-😀x',
      '-𝒜',
    ]) {
      assert.deepEqual(index.search(query, 200).map(label), reference.search(query, 200).map(label), query);
    }
  });
});
