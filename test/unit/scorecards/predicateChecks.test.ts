import * as assert from 'node:assert/strict';
import type { FilterPredicate } from '@backstage/filter-predicates';
import { parse as parseYaml } from 'yaml';
import { filterPredicates } from '../../../src/catalog/filterPredicates';
import { parseChecksFile } from '../../../src/scorecards';
import { fieldPathOf } from '../../../src/scorecards/fieldPath';
import { describeRule } from '../../../src/scorecards/predicateCheck';
import { entityYaml, scoredCatalog } from './scorecardFixtures';

/** One check from a checks file, evaluated on the given entities: the refs it selects and those that pass. */
async function run(
  filter: string | undefined,
  rule: string,
  files: Record<string, string>,
): Promise<{ selected: string[]; passing: string[] }> {
  const text = [
    'checks:',
    '  - id: probe',
    '    title: Probe',
    ...(filter ? [`    filter: ${filter}`] : []),
    `    rule: ${rule}`,
    '',
  ].join('\n');
  const parsed = parseChecksFile('/ws/.greenroom/checks.yaml', text);
  assert.deepEqual(parsed.problems, []);
  const { engine } = await scoredCatalog(files, parsed.checks);
  const cards = [...engine.scorecards()].filter((card) => card.total > 0);
  return {
    selected: cards.map((card) => card.ref).sort(),
    passing: cards
      .filter((card) => card.passed === card.total)
      .map((card) => card.ref)
      .sort(),
  };
}

const CATALOG = {
  '/ws/a.yaml': entityYaml(
    'Component',
    'a',
    [
      '  tags: [java, payments]',
      '  annotations:',
      '    pagerduty.com/service-id: P123',
      '    backstage.io/techdocs-ref: dir:.',
    ],
    ['  type: service', '  lifecycle: Production', '  owner: team-a'],
  ),
  '/ws/b.yaml': entityYaml(
    'Component',
    'b',
    ['  tags: [go]'],
    ['  type: website', '  lifecycle: experimental', '  owner: team-b'],
  ),
  '/ws/c.yaml': entityYaml(
    'API',
    'c',
    [],
    ['  type: openapi', '  lifecycle: production', '  owner: team-a', '  definition: x'],
  ),
};

describe('predicate checks (@backstage/filter-predicates on entities)', () => {
  it('values match case-insensitively: kind and lifecycle', async () => {
    const result = await run('{ kind: component, spec.lifecycle: PRODUCTION }', '{ spec.owner: TEAM-A }', CATALOG);
    assert.deepEqual(result, { selected: ['component:default/a'], passing: ['component:default/a'] });
  });

  it('annotation keys with dots and slashes are one key', async () => {
    const result = await run(
      '{ kind: component }',
      '{ metadata.annotations.pagerduty.com/service-id: { $exists: true } }',
      CATALOG,
    );
    assert.deepEqual(result, {
      selected: ['component:default/a', 'component:default/b'],
      passing: ['component:default/a'],
    });
  });

  it('$contains on arrays, case-insensitively', async () => {
    const result = await run(undefined, '{ metadata.tags: { $contains: PAYMENTS } }', CATALOG);
    assert.deepEqual(result.passing, ['component:default/a']);
    assert.equal(result.selected.length, 3);
  });

  it('$in, $any, $not and $all combine', async () => {
    const result = await run(
      '{ $all: [ { kind: { $in: [Component, API] } }, { $not: { spec.type: website } } ] }',
      '{ $any: [ { spec.type: openapi }, { metadata.tags: { $contains: java } } ] }',
      CATALOG,
    );
    assert.deepEqual(result, {
      selected: ['api:default/c', 'component:default/a'],
      passing: ['api:default/c', 'component:default/a'],
    });
  });

  it('$hasPrefix', async () => {
    const result = await run('{ kind: component }', '{ spec.lifecycle: { $hasPrefix: prod } }', CATALOG);
    assert.deepEqual(result.passing, ['component:default/a']);
  });

  it('relations, as Backstage serves them ({type, targetRef})', async () => {
    const result = await run(
      '{ kind: component }',
      '{ relations: { $contains: { type: ownedBy, targetRef: group:default/team-a } } }',
      CATALOG,
    );
    assert.deepEqual(result.passing, ['component:default/a']);
  });

  it('a failing rule points at the field it tests, dotted annotation keys included', () => {
    const entity = { metadata: { name: 'a', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }, spec: {} };
    assert.deepEqual(fieldPathOf(entity, 'metadata.annotations.backstage.io/techdocs-ref'), [
      'metadata',
      'annotations',
      'backstage.io/techdocs-ref',
    ]);
    assert.deepEqual(fieldPathOf(entity, 'metadata.annotations.pagerduty.com/service-id'), [
      'metadata',
      'annotations',
      'pagerduty.com/service-id',
    ]);
    assert.deepEqual(fieldPathOf({ metadata: { name: 'a' } }, 'metadata.annotations.pagerduty.com/x'), [
      'metadata',
      'annotations',
      'pagerduty.com/x',
    ]);
    assert.deepEqual(fieldPathOf(entity, 'spec.lifecycle'), ['spec', 'lifecycle']);
  });
});

describe('the kind shortcut of predicate checks', () => {
  it('never leaves out an entity the library would select', async () => {
    const filters = [
      '{ kind: Component }',
      '{ kind: { $in: [api, COMPONENT] } }',
      '{ $all: [ { kind: api }, { spec.type: openapi } ] }',
      '{ $any: [ { kind: api }, { kind: component } ] }',
      '{ kind: { $in: [group] } }',
      '{ $not: { kind: component } }',
    ];
    for (const filter of filters) {
      const text = [
        'checks:',
        '  - id: probe',
        '    title: Probe',
        `    filter: ${filter}`,
        '    rule: { kind: { $exists: true } }',
        '',
      ].join('\n');
      const [check] = parseChecksFile('/ws/.greenroom/checks.yaml', text).checks;
      assert.ok(check);
      const { index } = await scoredCatalog(CATALOG, []);
      const parsed = JSON.parse(JSON.stringify(parseYaml(filter))) as FilterPredicate;
      for (const record of index.entities()) {
        const expected = filterPredicates().evaluateFilterPredicate(parsed, record.entity);
        assert.equal(check.appliesTo(record, undefined as never), expected, `${filter} on ${record.ref}`);
      }
    }
  });
});

describe('failing rules in words', () => {
  it('says what a plain field condition wants, and falls back to JSON', () => {
    assert.equal(
      describeRule({ 'metadata.annotations.pagerduty.com/service-id': { $exists: true } }),
      'metadata.annotations.pagerduty.com/service-id must be set',
    );
    assert.equal(
      describeRule({ 'spec.type': { $in: ['service', 'website'] }, 'spec.lifecycle': 'production' }),
      'spec.type must be one of service, website; spec.lifecycle must be production',
    );
    assert.equal(describeRule({ $any: [{ kind: 'api' }] }), '{"$any":[{"kind":"api"}]}');
  });
});
