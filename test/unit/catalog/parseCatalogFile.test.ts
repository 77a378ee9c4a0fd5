import * as assert from 'node:assert/strict';
import type { CatalogProblem, ParsedCatalogFile } from '../../../src/catalog';
import { componentLines, onlyProblem, parse, spanOf, startOf, yamlLines } from '../support/catalogFixtures';

/** The single problem of a one-document file, checked to be an `invalid-entity` error. */
async function invalidEntityProblem(text: string): Promise<{ parsed: ParsedCatalogFile; problem: CatalogProblem }> {
  const parsed = await parse(text);
  const problem = onlyProblem(parsed.problems);
  assert.equal(problem.code, 'invalid-entity');
  assert.equal(problem.severity, 'error');
  return { parsed, problem };
}

/** A Component with `lines` inserted right after `metadata.name` (line 3), so they start at line 4. */
function componentWithMetadata(...lines: string[]): string {
  const component = componentLines('svc');
  return yamlLines(...component.slice(0, 4), ...lines, ...component.slice(4));
}

describe('parseCatalogFile', () => {
  describe('documents', () => {
    it('turns each document of a multi-document file into an entity with its own range', async () => {
      const text = yamlLines(...componentLines('first'), '---', ...componentLines('second'), '---');
      const parsed = await parse(text);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(
        parsed.entities.map((record) => [record.ref, record.documentIndex, record.range.start.line, record.valid]),
        [
          ['component:default/first', 0, 0, true],
          ['component:default/second', 1, 9, true],
        ],
      );
      assert.equal(parsed.file, '/ws/catalog-info.yaml');
      assert.deepEqual(parsed.entities[0]?.origin, { type: 'workspace', folder: '/ws' });
    });

    it('keeps the good documents when others are not objects or do not parse', async () => {
      const text = yamlLines(...componentLines('good'), '---', '- a list', '---', 'kind: [');
      const parsed = await parse(text);
      assert.deepEqual(
        parsed.entities.map((record) => record.ref),
        ['component:default/good'],
      );
      assert.deepEqual(
        parsed.problems.map((problem) => [problem.code, problem.range.start.line]),
        [
          ['not-an-object', 9],
          ['yaml-syntax', 12],
        ],
      );
    });
  });

  describe('validation (problem on the field it is about)', () => {
    it('rejects an invalid metadata.name on its value', async () => {
      const { parsed, problem } = await invalidEntityProblem(yamlLines(...componentLines('-bad-')));
      assert.match(problem.message, /^"metadata\.name" is not valid; .* but found "-bad-"/);
      assert.doesNotMatch(problem.message, /To learn more/);
      assert.equal(spanOf(problem.range), '3:8-3:13');
      assert.equal(problem.entityRef, 'component:default/-bad-');
      // Still shown, marked invalid.
      assert.deepEqual(
        parsed.entities.map((record) => [record.ref, record.valid]),
        [['component:default/-bad-', false]],
      );
    });

    it('rejects an upper-case namespace on its value', async () => {
      const { parsed, problem } = await invalidEntityProblem(componentWithMetadata('  namespace: MyNs'));
      assert.match(problem.message, /^"metadata\.namespace" is not valid; .*found "MyNs"/);
      assert.equal(spanOf(problem.range), '4:13-4:17');
      assert.equal(parsed.entities[0]?.ref, 'component:myns/svc');
    });

    it('rejects an invalid tag on that list item', async () => {
      const { problem } = await invalidEntityProblem(componentWithMetadata('  tags:', '    - java', '    - Bad_Tag'));
      assert.match(problem.message, /^"tags\.1" is not valid; .*found "Bad_Tag"/);
      assert.equal(spanOf(problem.range), '6:6-6:13');
    });

    it('rejects a label value that is not an object name, on the value', async () => {
      const { problem } = await invalidEntityProblem(componentWithMetadata('  labels:', '    tier: "gold plated!"'));
      assert.match(problem.message, /^"labels\.tier" is not valid; .*found "gold plated!"/);
      assert.equal(spanOf(problem.range), '5:10-5:24');
    });

    it('accepts an empty label value and a prefixed label key', async () => {
      const parsed = await parse(componentWithMetadata('  labels:', '    example.com/tier: ""'));
      assert.deepEqual(parsed.problems, []);
    });

    for (const [field, value] of [
      ['relations', '[]'],
      ['status', '{}'],
    ] as const) {
      it(`rejects the catalog-produced root field ${field} on that field`, async () => {
        const { problem } = await invalidEntityProblem(yamlLines(...componentLines('svc'), `${field}: ${value}`));
        assert.equal(problem.message, `Unknown field ${field}`);
        assert.equal(problem.range.start.line, 8);
      });
    }

    it('rejects any other unknown root field on that field, naming it', async () => {
      const { problem } = await invalidEntityProblem(yamlLines(...componentLines('svc'), 'owner: team-a'));
      assert.match(problem.message, /must NOT have additional properties.*Unknown field owner/);
      assert.equal(spanOf(problem.range), '8:7-8:13');
    });

    it('reports a Component without spec.lifecycle on spec', async () => {
      const text = yamlLines(...componentLines('svc').filter((line) => !line.includes('lifecycle')));
      const { problem } = await invalidEntityProblem(text);
      assert.match(problem.message, /^\/spec must have required property 'lifecycle'/);
      assert.equal(startOf(problem.range), '5:2');
    });

    it('reports a wrong type (lifecycle: 3) on the value', async () => {
      const text = yamlLines(
        ...componentLines('svc').map((line) => (line.includes('lifecycle') ? '  lifecycle: 3' : line)),
      );
      const { problem } = await invalidEntityProblem(text);
      assert.match(problem.message, /^\/spec\/lifecycle must be string/);
      assert.equal(spanOf(problem.range), '6:13-6:14');
    });

    it('refuses a document without metadata and yields no entity', async () => {
      const { parsed, problem } = await invalidEntityProblem(
        yamlLines('apiVersion: backstage.io/v1alpha1', 'kind: Component', 'spec:', '  type: service'),
      );
      assert.match(problem.message, /must have required property 'metadata'/);
      assert.equal(startOf(problem.range), '0:0');
      assert.equal(problem.entityRef, undefined);
      assert.deepEqual(parsed.entities, []);
    });

    it('keeps an unknown kind with an unknown-kind warning on kind, not valid (a stock backend rejects it)', async () => {
      const parsed = await parse(
        yamlLines('apiVersion: acme.io/v1', 'kind: Widget', 'metadata:', '  name: gizmo', 'spec: {}'),
      );
      const problem = onlyProblem(parsed.problems);
      assert.equal(problem.code, 'unknown-kind');
      assert.equal(problem.severity, 'warning');
      assert.match(problem.message, /"Widget" with apiVersion "acme\.io\/v1"/);
      assert.equal(spanOf(problem.range), '1:6-1:12');
      assert.deepEqual(
        parsed.entities.map((record) => [record.ref, record.valid]),
        [['widget:default/gizmo', false]],
      );
    });

    it('accepts a valid scaffolder.backstage.io/v1beta3 Template', async () => {
      const parsed = await parse(
        yamlLines(
          'apiVersion: scaffolder.backstage.io/v1beta3',
          'kind: Template',
          'metadata:',
          '  name: node-service',
          'spec:',
          '  owner: team-a',
          '  type: service',
          '  parameters:',
          '    - title: Name',
          '      properties:',
          '        name: { type: string }',
          '  steps:',
          '    - id: fetch',
          '      action: fetch:template',
          '      input:',
          '        url: ./skeleton',
        ),
      );
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(
        parsed.entities.map((record) => [record.ref, record.valid]),
        [['template:default/node-service', true]],
      );
    });

    it('rejects a Template without steps, on spec', async () => {
      const { parsed, problem } = await invalidEntityProblem(
        yamlLines(
          'apiVersion: scaffolder.backstage.io/v1beta3',
          'kind: Template',
          'metadata:',
          '  name: t',
          'spec:',
          '  type: service',
          '  parameters: []',
        ),
      );
      assert.match(problem.message, /must have required property 'steps'/);
      assert.equal(startOf(problem.range), '5:2');
      assert.equal(parsed.entities[0]?.valid, false);
    });

    it('accepts a $text placeholder as API definition and records it', async () => {
      const parsed = await parse(
        yamlLines(
          'apiVersion: backstage.io/v1alpha1',
          'kind: API',
          'metadata:',
          '  name: playlists-api',
          'spec:',
          '  type: openapi',
          '  lifecycle: production',
          '  owner: team-a',
          '  definition:',
          '    $text: ./openapi.yaml',
        ),
      );
      assert.deepEqual(parsed.problems, []);
      const record = parsed.entities[0] ?? assert.fail('no entity');
      assert.equal(record.valid, true);
      assert.deepEqual(record.placeholders, [
        { path: ['spec', 'definition'], kind: '$text', target: './openapi.yaml' },
      ]);
      // The entity keeps the placeholder as written; only validation saw a stand-in.
      assert.deepEqual((record.entity.spec as Record<string, unknown>)['definition'], { $text: './openapi.yaml' });
    });

    it('does not treat an object with a $ key among others as a placeholder', async () => {
      const parsed = await parse(yamlLines(...componentLines('svc'), '  extra:', '    $text: ./a.txt', '    other: 1'));
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.entities[0]?.placeholders, []);
    });
  });

  describe('Location targets', () => {
    it('collects target and targets with their ranges, type and presence', async () => {
      const parsed = await parse(
        yamlLines(
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata:',
          '  name: all',
          'spec:',
          '  type: file',
          '  presence: optional',
          '  target: ./one.yaml',
          '  targets:',
          '    - ./two.yaml',
          '    - "  ./three.yaml  "',
        ),
      );
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(
        parsed.locationTargets.map((target) => [
          target.locationRef,
          target.target,
          target.type,
          target.optional,
          startOf(target.range),
        ]),
        [
          ['location:default/all', './one.yaml', 'file', true, '7:10'],
          ['location:default/all', './two.yaml', 'file', true, '9:6'],
          ['location:default/all', './three.yaml', 'file', true, '10:6'],
        ],
      );
    });
  });
});
