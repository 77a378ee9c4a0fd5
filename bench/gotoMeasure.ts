// Go to Entity's filter: what one keystroke costs in the extension host. Queries are typed the
// way a user types them, one character at a time: the start of a name (`orders-pay`), a name's
// first word and its owner's team (`orders ledger`), or a kind and a name word (`api orders`).
// The same keystrokes, taken from the first 1,000 names, at both sizes. Used by
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
/** What the quick pick asks for per keystroke (registerGoToEntity's SHOWN_MATCHES). */
const SHOWN = 100;
/**
 * The whole typing sequence is replayed on this many freshly built indexes and each keystroke
 * keeps its fastest time: the machine is shared, and a keystroke of tens of microseconds that
 * happens to wait for the scheduler says nothing about the filter. The first pass alone is
 * reported too (single_pass_p95_ms).
 */
const ROUNDS = 3;

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

/** Every prefix of what some users type, as keystrokes. */
export function keystrokes(of: readonly Entity[], users: number): string[] {
  const next = random(7);
  const typed: string[] = [];
  for (let user = 0; user < users; user++) {
    const target = of[Math.floor(next() * of.length)] as Entity;
    const draw = next();
    const text =
      draw < 0.3
        ? `${target.name.split('-')[0]} ${target.owner.split('-').pop()}`
        : draw < 0.4
          ? `${target.ref.split(':')[0]} ${target.name.split('-')[0]}`
          : target.name.slice(0, 4 + Math.floor(next() * 10));
    for (let length = 1; length <= text.length; length++) {
      typed.push(text.slice(0, length));
    }
  }
  return typed;
}

export interface GotoFigures {
  readonly build_ms: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly single_pass_p95_ms: number;
  readonly keystrokes: number;
}

export function measureGoto(count: number): GotoFigures {
  const data = entities(count);
  // Queries come from the 1k names, so both sizes type the same text.
  const queries = keystrokes(entities(1_000), 300);
  const fastest = new Array<number>(queries.length).fill(Number.POSITIVE_INFINITY);
  let firstPass: number[] = [];
  let buildMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage();
    const started = performance.now();
    const index = new EntitySearchIndex(data, fields);
    buildMs = Math.min(buildMs, performance.now() - started);
    collectGarbage();
    const samples = queries.map((query) => {
      const begin = performance.now();
      index.search(query, SHOWN);
      return performance.now() - begin;
    });
    samples.forEach((sample, at) => {
      fastest[at] = Math.min(fastest[at] as number, sample);
    });
    if (round === 0) {
      firstPass = samples;
    }
  }
  return {
    build_ms: round(buildMs, 1),
    p50_ms: round(percentile(fastest, 0.5)),
    p95_ms: round(percentile(fastest, 0.95)),
    single_pass_p95_ms: round(percentile(firstPass, 0.95)),
    keystrokes: queries.length,
  };
}

/** Garbage of the last round is not this round's cost (`npm run bench` runs node with --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
