import * as assert from 'node:assert/strict';
import { CatalogIndex } from '../../../src/catalog';
import { parseChecksFile, ScorecardEngine, BUILTIN_CHECKS, type ScorecardChange } from '../../../src/scorecards';
import { parse } from '../support/catalogFixtures';
import { entityYaml, outcomes } from './scorecardFixtures';

const component = (name: string, owner: string, system?: string) =>
  entityYaml(
    'Component',
    name,
    ['  description: d'],
    ['  type: library', '  lifecycle: production', `  owner: ${owner}`, ...(system ? [`  system: ${system}`] : [])],
  );
const group = (name: string) => entityYaml('Group', name, ['  description: d'], ['  type: team', '  children: []']);
const relationCheck = parseChecksFile(
  '/ws/.greenroom/checks.yaml',
  [
    'checks:',
    '  - id: owns-something',
    '    title: Teams own something',
    '    filter: { kind: group }',
    '    rule: { relations: { $contains: { type: ownerOf } } }',
    '',
  ].join('\n'),
).checks;

/** Every scorecard as `ref → {check: pass|fail}`, for comparing an incrementally kept engine with a fresh one. */
function snapshot(engine: ScorecardEngine): Record<string, Record<string, string>> {
  const entries: [string, Record<string, string>][] = [...engine.scorecards()].map((card) => [
    card.ref,
    outcomes(card),
  ]);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

describe('ScorecardEngine', () => {
  let index: CatalogIndex;
  let engine: ScorecardEngine;
  let changes: ScorecardChange[];

  beforeEach(async () => {
    index = new CatalogIndex();
    for (let number = 0; number < 20; number++) {
      index.upsertFile(
        await parse(
          component(`c${number}`, number % 2 ? 'team-odd' : 'team-even', 'sys'),
          `/ws/c${number}/catalog-info.yaml`,
        ),
      );
    }
    index.upsertFile(await parse(group('team-even'), '/ws/org/even.yaml'));
    engine = new ScorecardEngine(index);
    engine.setChecks([...BUILTIN_CHECKS, ...relationCheck]);
    index.onDidChange((event) => engine.applyChange(event));
    changes = [];
    engine.onDidChange((change) => changes.push(change));
  });

  afterEach(() => index.dispose());

  async function expectSameAsFull(): Promise<void> {
    const fresh = new ScorecardEngine(index);
    fresh.setChecks(engine.activeChecks);
    assert.deepEqual(snapshot(engine), snapshot(fresh));
  }

  it('an edit to one component re-evaluates that component only', async () => {
    index.upsertFile(await parse(component('c3', 'team-odd'), '/ws/c3/catalog-info.yaml'));
    assert.deepEqual(
      changes.map((change) => change.evaluated),
      [['component:default/c3']],
    );
    assert.equal(outcomes(engine.scorecard('component:default/c3'))['component-system'], 'fail');
    await expectSameAsFull();
  });

  it('adding a Group re-evaluates what it owns: owner-resolves turns green', async () => {
    assert.equal(outcomes(engine.scorecard('component:default/c1'))['owner-resolves'], 'fail');
    index.upsertFile(await parse(group('team-odd'), '/ws/org/odd.yaml'));
    const evaluated = changes.flatMap((change) => change.evaluated);
    assert.equal(evaluated.length, 11, 'the group and its ten components');
    assert.equal(outcomes(engine.scorecard('component:default/c1'))['owner-resolves'], 'pass');
    assert.equal(outcomes(engine.scorecard('component:default/c0'))['owner-resolves'], 'pass');
    await expectSameAsFull();
  });

  it('removing a file removes its scorecards; relation checks follow the reverse ends', async () => {
    assert.equal(outcomes(engine.scorecard('group:default/team-even'))['owns-something'], 'pass');
    for (let number = 0; number < 20; number += 2) {
      index.removeFile(`/ws/c${number}/catalog-info.yaml`);
    }
    assert.equal(engine.scorecard('component:default/c0'), undefined);
    assert.equal(outcomes(engine.scorecard('group:default/team-even'))['owns-something'], 'fail');
    await expectSameAsFull();
  });

  it('a full evaluation drops the scorecards of entities the catalog no longer has', async () => {
    const unwatched = new ScorecardEngine(index);
    unwatched.setChecks(BUILTIN_CHECKS);
    index.removeFile('/ws/c4/catalog-info.yaml');
    index.upsertFile(await parse(component('c20', 'team-even'), '/ws/c20/catalog-info.yaml'));
    const change = unwatched.evaluateAll();
    assert.deepEqual(change.removed, ['component:default/c4']);
    assert.equal(change.evaluated.length, 21);
    assert.equal(unwatched.scorecard('component:default/c4'), undefined);
    assert.ok(unwatched.scorecard('component:default/c20'));
    assert.deepEqual(unwatched.evaluateAll().removed, [], 'nothing more to drop');
    assert.equal([...unwatched.scorecards()].length, 21);
  });

  it('a check that throws fails with its reason instead of breaking the scorecard', async () => {
    engine.setChecks([
      {
        id: 'boom',
        title: 'Boom',
        description: '',
        severity: 'info',
        origin: { type: 'plugin', plugin: 'test' },
        appliesTo: () => true,
        evaluate: () => {
          throw new Error('kaput');
        },
      },
      ...BUILTIN_CHECKS,
    ]);
    const card = engine.scorecard('component:default/c0');
    assert.match(card?.results[0]?.outcome.message ?? '', /kaput/);
    assert.equal(card?.results.length, 6, 'boom and the five built-ins that apply to a library');
  });

  it('team roll-ups add up what each owner owns', () => {
    const rollUp = engine.rollUp('group:default/team-even');
    assert.equal(rollUp.entities, 10);
    const cards = index.byOwner('group:default/team-even').map((record) => engine.scorecard(record.ref));
    assert.equal(
      rollUp.passed,
      cards.reduce((sum, card) => sum + (card?.passed ?? 0), 0),
    );
    assert.equal(
      rollUp.total,
      cards.reduce((sum, card) => sum + (card?.total ?? 0), 0),
    );
  });
});
