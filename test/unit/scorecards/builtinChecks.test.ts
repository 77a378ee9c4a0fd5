import * as assert from 'node:assert/strict';
import { BUILTIN_CHECKS } from '../../../src/scorecards';
import { entityYaml, outcomes, scoredCatalog } from './scorecardFixtures';

const check = (id: string) => BUILTIN_CHECKS.filter((candidate) => candidate.id === id);
const TEAM = entityYaml('Group', 'payments', [], ['  type: team', '  children: []']);
const USER = entityYaml(
  'User',
  'jane',
  ['  annotations:', '    github.com/user-login: JaneDoe'],
  ['  memberOf: [payments]'],
);

function service(
  name: string,
  spec: readonly string[],
  metadata: readonly string[] = ['  description: Takes payments'],
): string {
  return entityYaml('Component', name, metadata, ['  type: service', ...spec]);
}

describe('built-in checks', () => {
  it('owner-resolves: passes for an owner in the catalog, fails for a missing one, on spec.owner', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/org.yaml': TEAM,
        '/ws/a/catalog-info.yaml': service('a', ['  lifecycle: production', '  owner: payments']),
        '/ws/b/catalog-info.yaml': service('b', ['  lifecycle: production', '  owner: ghosts']),
      },
      check('owner-resolves'),
    );
    assert.deepEqual(outcomes(engine.scorecard('component:default/a')), { 'owner-resolves': 'pass' });
    const failing = engine.scorecard('component:default/b')?.results[0]?.outcome;
    assert.equal(failing?.passed, false);
    assert.deepEqual(failing?.field, ['spec', 'owner']);
    assert.match(failing?.message ?? '', /group:default\/ghosts/);
    assert.deepEqual(outcomes(engine.scorecard('group:default/payments')), {}, 'groups have no owner to check');
  });

  it('owner-is-group: a user owner fails, a group passes', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/org.yaml': `${TEAM}---\n${USER}`,
        '/ws/a/catalog-info.yaml': service('a', ['  lifecycle: production', '  owner: payments']),
        '/ws/b/catalog-info.yaml': service('b', ['  lifecycle: production', '  owner: user:jane']),
      },
      check('owner-is-group'),
    );
    assert.deepEqual(outcomes(engine.scorecard('component:default/a')), { 'owner-is-group': 'pass' });
    assert.deepEqual(outcomes(engine.scorecard('component:default/b')), { 'owner-is-group': 'fail' });
  });

  it('has-description: empty or missing fails with a placeholder fix', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/a.yaml': service('a', ['  lifecycle: production', '  owner: x']),
        '/ws/b.yaml': service('b', ['  lifecycle: production', '  owner: x'], ['  description: "  "']),
        '/ws/c.yaml': service('c', ['  lifecycle: production', '  owner: x'], []),
      },
      check('has-description'),
    );
    assert.deepEqual(outcomes(engine.scorecard('component:default/a')), { 'has-description': 'pass' });
    const blank = engine.scorecard('component:default/b')?.results[0]?.outcome;
    assert.deepEqual(blank?.fix, {
      type: 'field',
      path: ['metadata', 'description'],
      value: 'TODO: what this is and who uses it',
      replace: true,
    });
    assert.equal(engine.scorecard('component:default/c')?.results[0]?.outcome.fix?.type, 'field');
  });

  it('has-lifecycle: components and APIs only', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/a.yaml': service('a', ['  owner: x']),
        '/ws/r.yaml': entityYaml('Resource', 'db', [], ['  type: database', '  owner: x']),
      },
      check('has-lifecycle'),
    );
    const outcome = engine.scorecard('component:default/a')?.results[0]?.outcome;
    assert.equal(outcome?.passed, false);
    assert.deepEqual(outcome?.fix, {
      type: 'field',
      path: ['spec', 'lifecycle'],
      value: 'experimental',
      replace: false,
    });
    assert.deepEqual(outcomes(engine.scorecard('resource:default/db')), {});
  });

  it('docs-source: services and websites need a techdocs annotation; libraries are not asked', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/a.yaml': service(
          'a',
          ['  lifecycle: production', '  owner: x'],
          ['  annotations:', '    backstage.io/techdocs-ref: dir:.'],
        ),
        '/ws/b.yaml': entityYaml('Component', 'b', [], ['  type: Website', '  lifecycle: production', '  owner: x']),
        '/ws/c.yaml': entityYaml('Component', 'c', [], ['  type: library', '  lifecycle: production', '  owner: x']),
      },
      check('docs-source'),
    );
    assert.deepEqual(outcomes(engine.scorecard('component:default/a')), { 'docs-source': 'pass' });
    assert.deepEqual(engine.scorecard('component:default/b')?.results[0]?.outcome.fix, {
      type: 'annotation',
      key: 'backstage.io/techdocs-ref',
      value: 'dir:.',
    });
    assert.deepEqual(outcomes(engine.scorecard('component:default/c')), {});
  });

  it('api-definition: an API without spec.definition fails', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/a.yaml': entityYaml(
          'API',
          'a',
          [],
          ['  type: openapi', '  lifecycle: production', '  owner: x', '  definition: "openapi: 3.0.0"'],
        ),
        '/ws/b.yaml': entityYaml(
          'API',
          'b',
          [],
          ['  type: openapi', '  lifecycle: production', '  owner: x', '  definition: ""'],
        ),
      },
      check('api-definition'),
    );
    assert.deepEqual(outcomes(engine.scorecard('api:default/a')), { 'api-definition': 'pass' });
    assert.deepEqual(outcomes(engine.scorecard('api:default/b')), { 'api-definition': 'fail' });
  });

  it('component-system: components without spec.system fail', async () => {
    const { engine } = await scoredCatalog(
      {
        '/ws/a.yaml': service('a', ['  lifecycle: production', '  owner: x', '  system: pay']),
        '/ws/b.yaml': service('b', ['  lifecycle: production', '  owner: x']),
      },
      check('component-system'),
    );
    assert.deepEqual(outcomes(engine.scorecard('component:default/a')), { 'component-system': 'pass' });
    assert.deepEqual(outcomes(engine.scorecard('component:default/b')), { 'component-system': 'fail' });
  });

  describe('codeowners-agree', () => {
    const files = {
      '/ws/org.yaml': `${TEAM}---\n${USER}`,
      '/ws/services/pay/catalog-info.yaml': service('pay', ['  lifecycle: production', '  owner: payments']),
      '/ws/services/cart/catalog-info.yaml': service('cart', ['  lifecycle: production', '  owner: payments']),
      '/ws/services/jane/catalog-info.yaml': service('jane-tool', ['  lifecycle: production', '  owner: user:jane']),
      '/ws/other/catalog-info.yaml': service('other', ['  lifecycle: production', '  owner: payments']),
    };
    const codeOwners = ['/services/ @acme/payments', '/services/cart/ @acme/checkout', '/services/jane/ @janedoe'].join(
      '\n',
    );

    it('@org/team is the group team; the last matching rule decides', async () => {
      const { engine } = await scoredCatalog(files, check('codeowners-agree'), codeOwners);
      assert.deepEqual(outcomes(engine.scorecard('component:default/pay')), { 'codeowners-agree': 'pass' });
      const cart = engine.scorecard('component:default/cart')?.results[0]?.outcome;
      assert.equal(cart?.passed, false);
      assert.match(cart?.message ?? '', /line 2/);
      assert.deepEqual(cart?.fix, { type: 'field', path: ['spec', 'owner'], value: 'checkout', replace: true });
    });

    it('@login is the user with that login annotation (case-insensitive)', async () => {
      const { engine } = await scoredCatalog(files, check('codeowners-agree'), codeOwners);
      assert.deepEqual(outcomes(engine.scorecard('component:default/jane-tool')), { 'codeowners-agree': 'pass' });
    });

    it('does not apply where no rule matches or there is no CODEOWNERS', async () => {
      const { engine } = await scoredCatalog(files, check('codeowners-agree'), codeOwners);
      assert.deepEqual(outcomes(engine.scorecard('component:default/other')), {});
      const without = await scoredCatalog(files, check('codeowners-agree'));
      assert.deepEqual(outcomes(without.engine.scorecard('component:default/pay')), {});
    });
  });

  it('the score counts applicable checks only', async () => {
    const { engine } = await scoredCatalog({ '/ws/a.yaml': service('a', ['  owner: ghosts']) });
    const card = engine.scorecard('component:default/a');
    assert.deepEqual(outcomes(card), {
      'owner-resolves': 'fail',
      'owner-is-group': 'pass',
      'has-description': 'pass',
      'has-lifecycle': 'fail',
      'docs-source': 'fail',
      'component-system': 'fail',
    });
    assert.deepEqual([card?.passed, card?.total], [2, 6]);
  });
});
