import * as assert from 'node:assert/strict';
import type { FilterPredicate } from '@backstage/filter-predicates';
import { parseCatalogFile } from '../../../src/catalog';
import { filterPredicates } from '../../../src/catalog/filterPredicates';
import { compilePredicate } from '../../../src/scorecards/compiledPredicate';
import { compileFieldPath, fieldPathOf } from '../../../src/scorecards/fieldPath';
import { generatedCatalogFile, repositoryYamlFiles } from '../support/catalogCorpus';
import { ORIGIN, ROOT } from '../support/catalogFixtures';
import { SeededRandom } from '../support/yamlGenerator';

/** What evaluating says: the verdict, or the error's message when it throws. */
function verdict(evaluate: () => boolean): string {
  try {
    return String(evaluate());
  } catch (error) {
    return `throws ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Values whose lookups and comparisons are the library's corner cases. */
const EDGE_VALUES: unknown[] = [
  undefined,
  null,
  0,
  42,
  'component',
  ['Component'],
  {},
  { kind: 42, spec: { type: 7, lifecycle: null } },
  { kind: ['component'], metadata: { tags: 'java' } },
  // Two ways to read `spec.type`: the library's key order decides.
  { 'spec.type': 'website', spec: { type: 'service' } },
  { spec: { type: 'service' }, 'spec.type': 'website' },
  { spec: { type: undefined }, 'spec.type': 'website' },
  { spec: 'x', 'spec.type': 'Website' },
  { 'metadata.annotations': { 'pagerduty.com/service-id': 'P1' }, metadata: { name: 'x' } },
  { metadata: { annotations: { pagerduty: { 'com/service-id': 'nested' }, 'pagerduty.com/service-id': 'flat' } } },
  { metadata: { annotations: { 'pagerduty.com/service-id': undefined, pagerduty: { 'com/service-id': 'n' } } } },
  { metadata: { tags: ['Java', 'GO', 3, null, ['go']] }, spec: { owner: 'Team-A' } },
  { metadata: { tags: [] }, spec: { owner: 'TEAM-a', lifecycle: 'PRODUCTION', count: 3 } },
  { kind: 'Component', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' }, '': 'empty key' },
  Object.assign(Object.create({ kind: 'component' }) as object, { spec: { type: 'service' } }),
  Object.defineProperty({ spec: { type: 'x' } }, 'kind', { value: 'component', enumerable: false }),
];

const KEYS = [
  'kind',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.count',
  'spec',
  'metadata.tags',
  'metadata.name',
  'metadata.annotations.pagerduty.com/service-id',
  'metadata.annotations.backstage.io/techdocs-ref',
  'metadata.labels.tier',
  'relations',
  '',
  'spec.',
  '.spec',
];
const TEXTS = [
  'component',
  'COMPONENT',
  'Api',
  'service',
  'website',
  'production',
  'team-a',
  'java',
  'go',
  '3',
  '42',
  '',
];
const OTHER = [3, 42, 0, true, false, null, ['component'], ['Java', 'GO']];

/** A random predicate: the operators the issue names, and malformed ones the library refuses or ignores. */
function randomPredicate(random: SeededRandom, depth: number): unknown {
  const roll = random.int(depth > 2 ? 3 : 10);
  switch (roll) {
    case 0:
    case 1:
    case 2: {
      const predicate: Record<string, unknown> = {};
      for (let count = 1 + random.int(2); count > 0; count--) {
        predicate[random.pick(KEYS)] = randomMatcher(random, depth);
      }
      return predicate;
    }
    case 3:
      return { $all: randomList(random, depth) };
    case 4:
      return { $any: randomList(random, depth) };
    case 5:
      return { $not: randomPredicate(random, depth + 1) };
    case 6:
      return random.chance(0.5) ? random.pick(TEXTS) : random.pick(OTHER);
    case 7:
      // Refused: an operator beside another key; or not a list.
      return random.chance(0.5)
        ? { $all: randomList(random, depth), kind: 'component' }
        : { [random.pick(['$all', '$any'])]: random.pick(['x', 3, { kind: 'api' }]) };
    case 8:
      // An unknown operator, or a `$` key after a field condition.
      return random.chance(0.5) ? { $nope: 1 } : { kind: 'component', $where: 'x' };
    default:
      return { $not: { $any: randomList(random, depth) } };
  }
}

function randomList(random: SeededRandom, depth: number): unknown[] {
  return Array.from({ length: random.int(4) }, () => randomPredicate(random, depth + 1));
}

function randomMatcher(random: SeededRandom, depth: number): unknown {
  switch (random.int(9)) {
    case 0:
    case 1:
      return random.pick(TEXTS);
    case 2:
      return random.pick(OTHER);
    case 3:
      return {
        $in: random.chance(0.8)
          ? Array.from({ length: random.int(4) }, () => random.pick(TEXTS))
          : random.pick([[...TEXTS.slice(0, 2), 3], 'component', [null, ['go']]]),
      };
    case 4:
      return { $exists: random.pick([true, false, 'yes', 1]) };
    case 5:
      return { $hasPrefix: random.chance(0.8) ? random.pick(['te', 'TEAM-', 'prod', 'x', '']) : 3 };
    case 6:
      return { $contains: depth > 2 ? random.pick(TEXTS) : randomPredicate(random, depth + 1) };
    case 7:
      // Several operators in one matcher: the library's precedence picks one.
      return { $hasPrefix: 'team', $exists: random.chance(0.5), $in: ['team-a'] };
    default:
      return random.pick([{}, { $unknown: 1 }, { $exists: true, $contains: 'java' }]);
  }
}

async function corpusEntities(): Promise<unknown[]> {
  const entities: unknown[] = [];
  const files = repositoryYamlFiles().filter((file) => file.name.startsWith('examples/'));
  assert.ok(files.length > 10, 'the examples/ catalog is there');
  for (const file of files) {
    const parsed = await parseCatalogFile(`${ROOT}/${file.name}`, file.text, ORIGIN);
    entities.push(...parsed.entities.map((record) => record.entity));
  }
  for (let seed = 0; seed < 150; seed++) {
    const parsed = await parseCatalogFile(`${ROOT}/gen-${seed}.yaml`, generatedCatalogFile(seed), ORIGIN);
    entities.push(...parsed.entities.map((record) => record.entity));
  }
  return entities;
}

describe('compiled predicates', () => {
  const library = (predicate: unknown, value: unknown): boolean =>
    filterPredicates().evaluateFilterPredicate(predicate as FilterPredicate, value);

  function assertSameVerdicts(predicate: unknown, values: readonly unknown[]): number {
    const compiled = compilePredicate(predicate as FilterPredicate);
    let matched = 0;
    for (const [index, value] of values.entries()) {
      const expected = verdict(() => library(predicate, value));
      assert.equal(
        verdict(() => compiled(value)),
        expected,
        `${JSON.stringify(predicate)} on value ${index}`,
      );
      matched += expected === 'true' ? 1 : 0;
    }
    return matched;
  }

  it('gives the library’s verdicts for the issue’s predicates on the examples/ catalog and generated entities', async () => {
    const values = [...(await corpusEntities()), ...EDGE_VALUES];
    const predicates: unknown[] = [
      { kind: 'component' },
      { kind: 'COMPONENT', 'spec.lifecycle': 'Production' },
      { kind: { $in: ['component', 'API'] } },
      { $not: { kind: { $in: ['group', 'user', 'location'] } } },
      { 'metadata.annotations.pagerduty.com/service-id': { $exists: true } },
      { 'metadata.annotations.backstage.io/techdocs-ref': { $exists: false } },
      { 'metadata.labels.tier': 'tier-0' },
      { 'metadata.tags': { $contains: { $any: ['java', 'GO', 'typescript'] } } },
      { 'metadata.tags': { $contains: 'a' } },
      { 'spec.owner': { $hasPrefix: 'TEAM-' } },
      { $all: [{ kind: 'api' }, { 'spec.type': { $in: ['openapi', 'grpc'] } }] },
      { $any: [{ 'spec.type': 'service' }, { 'spec.type': 'website' }] },
      { 'spec.owner': { $in: ['team-a', 'group:default/team-b'] } },
      { 'spec.dependsOn': { $contains: 'resource:db' } },
      { 'spec.providesApis': ['api-a', 'api:default/api-b'] },
      { $all: [{ kind: 'component' }], kind: 'component' },
      { $not: { kind: 'x' }, 'spec.type': 'service' },
      { 'spec.type': { $in: 'service' } },
      { $any: 'x' },
      { kind: 'component', $foo: true },
      {},
    ];
    let matched = 0;
    for (const predicate of predicates) {
      matched += assertSameVerdicts(predicate, values);
    }
    assert.ok(matched > 100, `the predicates select entities (${matched} matches)`);
  });

  it('gives the library’s verdicts for random predicates, refused ones included', async () => {
    const values = [...(await corpusEntities()).slice(0, 120), ...EDGE_VALUES];
    const random = new SeededRandom(18);
    const outcomes = new Set<string>();
    for (let count = 0; count < 1500; count++) {
      const predicate = randomPredicate(random, 0);
      const compiled = compilePredicate(predicate as FilterPredicate);
      for (const [index, value] of values.entries()) {
        const expected = verdict(() => library(predicate, value));
        assert.equal(
          verdict(() => compiled(value)),
          expected,
          `${JSON.stringify(predicate)} on value ${index}`,
        );
        outcomes.add(expected.startsWith('throws') ? 'throws' : expected);
      }
    }
    assert.deepEqual([...outcomes].sort(), ['false', 'throws', 'true']);
  });
});

describe('compiled field paths', () => {
  it('name the same field as fieldPathOf, as one frozen array per shape', async () => {
    const values = [...(await corpusEntities()), ...EDGE_VALUES];
    const paths = [
      ...KEYS,
      'metadata.annotations.pagerduty.com/service-id.extra',
      'metadata.labels.a.b',
      'spec.type.x',
      'a..b',
      '..',
      'spec.type.',
    ];
    let found = 0;
    for (const path of paths) {
      const compiled = compileFieldPath(path);
      for (const [index, value] of values.entries()) {
        const expected = fieldPathOf(value, path);
        const actual = compiled(value);
        assert.deepEqual(actual, expected, `${path} in value ${index}`);
        assert.ok(Object.isFrozen(actual));
        assert.equal(compiled(value), actual, `${path}: the same shape, the same array`);
        found += expected.length;
      }
    }
    assert.ok(found > 1000);
  });
});
