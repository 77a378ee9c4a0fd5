import * as assert from 'node:assert/strict';
import { filterPredicates } from '../../../src/catalog/filterPredicates';
import { kindOnlyFilter } from '../../../src/scorecards/predicateCheck';

describe('kind-only filters answered without the library', () => {
  const kinds = ['Component', 'component', 'API', 'Api', 'Group', 'User', 'Location', 'Template', 'System'];
  const filters: unknown[] = [
    { kind: 'component' },
    { kind: 'API' },
    { kind: { $in: ['component', 'Api'] } },
    { $not: { kind: { $in: ['group', 'user', 'location'] } } },
    { $not: { $not: { kind: 'USER' } } },
  ];

  it('agrees with @backstage/filter-predicates on every kind', () => {
    const { evaluateFilterPredicate } = filterPredicates();
    for (const filter of filters) {
      const shortcut = kindOnlyFilter(filter);
      assert.ok(shortcut, JSON.stringify(filter));
      for (const kind of kinds) {
        const entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'x' } };
        assert.equal(
          shortcut(kind.toUpperCase()),
          evaluateFilterPredicate(filter as never, entity),
          `${JSON.stringify(filter)} on ${kind}`,
        );
      }
    }
  });

  it('leaves every other filter to the library', () => {
    for (const filter of [
      { kind: 'component', 'spec.type': 'service' },
      { kind: { $in: ['a', 1] } },
      { kind: 3 },
      { $all: [{ kind: 'api' }] },
      { 'spec.kind': 'x' },
      { kind: { $exists: true } },
      null,
      [],
      'component',
    ]) {
      assert.equal(kindOnlyFilter(filter), undefined, JSON.stringify(filter));
    }
  });
});
