// Go to Entity's filter: what one keystroke costs in the extension host. Queries are typed the
// way a user types them: a name one character at a time, sometimes a second word. Used by
// `npm run bench goto` and `npm run bench scale`.
import { EntitySearchIndex, type SearchFields } from '../src/catalog/views/entitySearch';
import { percentile, round } from './statistics';

const WORDS = (
  'orders payments ledger search media playback billing checkout inventory catalog identity ' +
  'notifications gateway profile recommendations shipping pricing analytics reporting auth session cart ' +
  'warehouse returns loyalty reviews streaming podcast artist album playlist lyrics ads audit fraud risk ' +
  'tax invoice refunds wallet onboarding support chat email sms push feed graph index cache worker'
).split(' ');
const KINDS = ['component', 'api', 'resource', 'system', 'group', 'user'];
const SHOWN = 200;

interface Entity {
  readonly name: string;
  readonly ref: string;
  readonly owner: string;
  readonly tags: readonly string[];
}

/** Deterministic pseudo-random numbers, so both sizes see comparable data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function entities(count: number): Entity[] {
  const next = random(42);
  const word = (): string => WORDS[Math.floor(next() * WORDS.length)] as string;
  return Array.from({ length: count }, (_, n) => {
    const name = `${word()}-${word()}-${n}`;
    const kind = KINDS[n % KINDS.length] as string;
    return { name, ref: `${kind}:default/${name}`, owner: `group:default/team-${word()}`, tags: [word(), word()] };
  });
}

export const fields = (entity: Entity): SearchFields => ({
  name: entity.name,
  other: [entity.ref, entity.owner, ...entity.tags],
});

/** Every prefix of some names, as keystrokes, plus two-word queries. */
export function keystrokes(of: readonly Entity[], users: number): string[] {
  const next = random(7);
  const typed: string[] = [];
  for (let user = 0; user < users; user++) {
    const target = of[Math.floor(next() * of.length)] as Entity;
    const text =
      next() < 0.3
        ? `${target.name.split('-')[0]} ${target.owner.split('-').pop()}`
        : target.name.slice(0, 4 + Math.floor(next() * 10));
    for (let length = 1; length <= text.length; length++) {
      typed.push(text.slice(0, length));
    }
  }
  return typed;
}

export function measureGoto(count: number): { build_ms: number; p50_ms: number; p95_ms: number; keystrokes: number } {
  const data = entities(count);
  const started = performance.now();
  const index = new EntitySearchIndex(data, fields);
  const buildMs = performance.now() - started;
  // Queries come from the 1k names, so both sizes type the same text.
  const queries = keystrokes(entities(1_000), 300);
  const samples: number[] = [];
  for (const query of queries) {
    const begin = performance.now();
    index.search(query, SHOWN);
    samples.push(performance.now() - begin);
  }
  return {
    build_ms: round(buildMs, 1),
    p50_ms: round(percentile(samples, 0.5)),
    p95_ms: round(percentile(samples, 0.95)),
    keystrokes: samples.length,
  };
}
