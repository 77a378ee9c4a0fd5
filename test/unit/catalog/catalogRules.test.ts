import * as assert from 'node:assert/strict';
import { MultiFolderCatalog, parseCatalogRules, type CatalogProblem } from '../../../src/catalog';
import { isKindAllowed } from '../../../src/catalog/catalogRules';
import { readAppConfig } from '../../../src/catalog/appConfig';
import { componentLines, groupYaml, locationYaml, ROOT, yamlLines } from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** A Resource: a known kind, but not one Backstage's default rules allow. */
const AI = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Resource',
  'metadata:',
  '  name: model',
  'spec:',
  '  type: llm',
  '  owner: team-a',
];
const documents = (...docs: string[][]): string =>
  yamlLines(...docs.flatMap((doc, position) => (position === 0 ? doc : ['---', ...doc])));

async function load(
  files: Record<string, string>,
  catalogRules?: Parameters<typeof parseCatalogRules>[0],
): Promise<{ fs: MemoryFileSystem; workspace: MultiFolderCatalog }> {
  const fs = new MemoryFileSystem(files);
  const rules =
    catalogRules === undefined ? undefined : parseCatalogRules(catalogRules, 'greenroom.catalogRules').rules;
  const workspace = new MultiFolderCatalog({ fs, ...(rules ? { catalogRules: rules } : {}) });
  workspace.addFolder(ROOT);
  await workspace.loadAll();
  return { fs, workspace };
}

const valid = (workspace: MultiFolderCatalog): string[] =>
  workspace.index
    .entities()
    .filter((record) => record.valid)
    .map((record) => record.ref)
    .sort();
const problemsWith = (workspace: MultiFolderCatalog, code: CatalogProblem['code']): CatalogProblem[] =>
  workspace.index.allProblems().filter((problem) => problem.code === code);

describe('catalog rules (Backstage catalog.rules)', () => {
  describe('matching', () => {
    it('allows by kind, case-insensitively, and by spec.type when the rule names one', () => {
      const { rules } = parseCatalogRules(
        [{ allow: ['component', { kind: 'Resource', 'spec.type': 'database' }] }],
        'test',
      );
      const origin = { type: 'file', target: '/ws/a.yaml' };
      assert.equal(isKindAllowed(rules, { kind: 'Component' }, origin), true);
      assert.equal(isKindAllowed(rules, { kind: 'Resource', spec: { type: 'Database' } }, origin), true);
      assert.equal(isKindAllowed(rules, { kind: 'Resource', spec: { type: 's3' } }, origin), false);
      assert.equal(isKindAllowed(rules, { kind: 'Group' }, origin), false);
    });

    it('a rule with locations applies only to entities that originate there', () => {
      const { rules } = parseCatalogRules(
        [{ allow: ['Template'], locations: [{ type: 'file', pattern: '/ws/templates/**' }] }],
        'test',
      );
      assert.equal(
        isKindAllowed(rules, { kind: 'Template' }, { type: 'file', target: '/ws/templates/a/template.yaml' }),
        true,
      );
      assert.equal(isKindAllowed(rules, { kind: 'Template' }, { type: 'file', target: '/ws/other.yaml' }), false);
    });

    it('reports malformed rules instead of guessing', () => {
      assert.deepEqual(parseCatalogRules([{ deny: ['x'] }], 'catalog.rules').errors, [
        'catalog.rules[0] has no allow list',
      ]);
    });
  });

  describe('app-config', () => {
    it('merges overlays as Backstage does: the last file that sets a list replaces it', async () => {
      const fs = new MemoryFileSystem({
        [`${ROOT}/app-config.yaml`]: yamlLines(
          'catalog:',
          '  rules:',
          '    - allow: [Component]',
          '  locations:',
          '    - type: file',
          '      target: ./a.yaml',
        ),
        [`${ROOT}/app-config.local.yaml`]: yamlLines('catalog:', '  rules:', '    - allow: [Component, Group]'),
      });
      const config = await readAppConfig(fs, ROOT);
      assert.deepEqual(
        config?.rules?.map((rule) => rule.allow.map((matcher) => matcher.kind)),
        [['Component', 'Group']],
      );
      assert.deepEqual(
        config?.locations.map((location) => location.resolved),
        [`${ROOT}/a.yaml`],
      );
    });

    it('resolves a relative file target from packages/backend when it is not beside the config (the backend runs there)', async () => {
      const fs = new MemoryFileSystem({
        [`${ROOT}/app-config.yaml`]: yamlLines(
          'catalog:',
          '  locations:',
          '    - type: file',
          '      target: ../../examples/all.yaml',
        ),
        [`${ROOT}/packages/backend/package.json`]: '{}',
        [`${ROOT}/examples/all.yaml`]: yamlLines(...componentLines('from-examples')),
      });
      const config = await readAppConfig(fs, ROOT);
      assert.equal(config?.locations[0]?.resolved, `${ROOT}/examples/all.yaml`);
    });

    it('its file locations (paths and globs) are catalog roots beside the globs, and url locations go to the remote support', async () => {
      const { workspace } = await load({
        [`${ROOT}/app-config.yaml`]: yamlLines(
          'catalog:',
          '  rules:',
          '    - allow: [Component, API, Location, Group]',
          '  locations:',
          '    - type: file',
          '      target: ./examples/all.yaml',
          '    - type: file',
          '      target: ./org/*.yaml',
          '    - type: url',
          '      target: https://example.com/catalog-info.yaml',
        ),
        [`${ROOT}/examples/all.yaml`]: locationYaml('all', ['./one.yaml']),
        [`${ROOT}/examples/one.yaml`]: yamlLines(...componentLines('one')),
        [`${ROOT}/org/teams.yaml`]: groupYaml('team-a'),
        [`${ROOT}/unlisted.yaml`]: yamlLines(...componentLines('unlisted')),
      });
      assert.deepEqual(valid(workspace), ['component:default/one', 'group:default/team-a', 'location:default/all']);
      assert.deepEqual(workspace.remoteLocationTargets(), ['https://example.com/catalog-info.yaml']);
      workspace.dispose();
    });
  });

  describe('a disallowed kind', () => {
    const files = {
      [`${ROOT}/app-config.yaml`]: yamlLines(
        'catalog:',
        '  locations:',
        '    - type: file',
        '      target: ./catalog/all.yaml',
      ),
      [`${ROOT}/catalog/all.yaml`]: locationYaml('all', ['./good.yaml', './mixed.yaml']),
      [`${ROOT}/catalog/good.yaml`]: yamlLines(...componentLines('good')),
      [`${ROOT}/catalog/mixed.yaml`]: documents(componentLines('sibling'), AI),
      [`${ROOT}/elsewhere/catalog-info.yaml`]: yamlLines(...componentLines('elsewhere')),
    };

    it('is an error on its kind line naming the rule, and Backstage drops the rest of its Location, named on the target', async () => {
      const { workspace } = await load(files);
      // The Location whose processing failed is not stored either.
      assert.deepEqual(valid(workspace), ['component:default/elsewhere']);
      const [kindError] = problemsWith(workspace, 'kind-not-allowed');
      assert.equal(kindError?.file, `${ROOT}/catalog/mixed.yaml`);
      assert.equal(kindError?.range.start.line, 10, 'on the kind: line of the second document');
      assert.match(
        kindError?.message ?? '',
        /Kind "Resource" is not allowed by Backstage's default catalog\.rules, which allow Component, API, Location/,
      );
      const targetProblem = problemsWith(workspace, 'location-dropped').find(
        (problem) => problem.file === `${ROOT}/catalog/all.yaml`,
      );
      assert.ok(targetProblem, 'a problem on the Location target');
      assert.equal(targetProblem.range.start.line, 7, 'on the ./mixed.yaml target');
      assert.match(
        targetProblem.message,
        /drops the other 2 entities read there: component:default\/good, component:default\/sibling/,
      );
      assert.equal(workspace.index.get('component:default/good')?.valid, false);
      assert.deepEqual(workspace.index.get('component:default/good')?.relations, []);
      workspace.dispose();
    });

    it('allowed by the app-config rules, everything is stored again; an edit to the config applies at once', async () => {
      const { fs, workspace } = await load(files);
      fs.write(
        `${ROOT}/app-config.yaml`,
        `${files[`${ROOT}/app-config.yaml`] ?? ''}  rules:\n    - allow: [Component, Location, Resource]\n`,
      );
      await workspace.updateFile(`${ROOT}/app-config.yaml`);
      assert.deepEqual(valid(workspace), [
        'component:default/elsewhere',
        'component:default/good',
        'component:default/sibling',
        'location:default/all',
        'resource:default/model',
      ]);
      assert.deepEqual(problemsWith(workspace, 'kind-not-allowed'), []);
      workspace.dispose();
    });

    it('catalog.locations[].rules allow a kind for that location only', async () => {
      const { workspace } = await load({
        ...files,
        [`${ROOT}/app-config.yaml`]: yamlLines(
          'catalog:',
          '  locations:',
          '    - type: file',
          '      target: ./catalog/all.yaml',
          '      rules:',
          '        - allow: [Resource]',
        ),
        [`${ROOT}/elsewhere/catalog-info.yaml`]: documents(
          componentLines('elsewhere'),
          AI.map((line) => line.replace('name: model', 'name: stray')),
        ),
      });
      assert.ok(valid(workspace).includes('resource:default/model'));
      assert.equal(workspace.index.get('resource:default/stray')?.valid, false);
      assert.equal(
        workspace.index.get('component:default/elsewhere')?.valid,
        false,
        'a file registered on its own is one location',
      );
      workspace.dispose();
    });

    it('without an app-config, the greenroom.catalogRules setting decides; unset, every kind is accepted', async () => {
      const standalone = { [`${ROOT}/catalog-info.yaml`]: documents(componentLines('a'), AI) };
      const open = await load(standalone);
      assert.deepEqual(valid(open.workspace), ['component:default/a', 'resource:default/model']);
      const strict = await load(standalone, [{ allow: ['Component'] }]);
      assert.deepEqual(valid(strict.workspace), []);
      assert.match(
        problemsWith(strict.workspace, 'kind-not-allowed')[0]?.message ?? '',
        /greenroom\.catalogRules\[0\]/,
      );
      open.workspace.dispose();
      strict.workspace.dispose();
    });

    it('an edit that removes the disallowed entity brings its siblings back, as a fresh load would', async () => {
      const { fs, workspace } = await load(files);
      fs.write(`${ROOT}/catalog/mixed.yaml`, yamlLines(...componentLines('sibling')));
      await workspace.updateFile(`${ROOT}/catalog/mixed.yaml`);
      const fresh = await load(fs.snapshot());
      assert.deepEqual(valid(workspace), valid(fresh.workspace));
      assert.deepEqual(
        workspace.index
          .allProblems()
          .map((problem) => problem.message)
          .sort(),
        fresh.workspace.index
          .allProblems()
          .map((problem) => problem.message)
          .sort(),
      );
      assert.ok(valid(workspace).includes('component:default/good'));
      workspace.dispose();
      fresh.workspace.dispose();
    });
  });

  it('placeholders relative to a file read through a type: file location get an info note', async () => {
    const { workspace } = await load({
      [`${ROOT}/app-config.yaml`]: yamlLines(
        'catalog:',
        '  locations:',
        '    - type: file',
        '      target: ./api.yaml',
      ),
      [`${ROOT}/api.yaml`]: yamlLines(
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:',
        '  name: petstore',
        'spec:',
        '  type: openapi',
        '  lifecycle: production',
        '  owner: team-a',
        '  definition:',
        '    $text: ./openapi.yaml',
      ),
      [`${ROOT}/catalog-info.yaml`]: yamlLines(
        'apiVersion: backstage.io/v1alpha1',
        'kind: API',
        'metadata:',
        '  name: by-url',
        'spec:',
        '  type: openapi',
        '  lifecycle: production',
        '  owner: team-a',
        '  definition:',
        '    $text: ./openapi.yaml',
      ),
    });
    const notes = problemsWith(workspace, 'placeholder-file-location');
    assert.deepEqual(
      notes.map((problem) => `${problem.file}:${problem.range.start.line} ${problem.severity}`),
      [`${ROOT}/api.yaml:9 info`],
    );
    assert.equal(
      workspace.index.get('api:default/petstore')?.valid,
      true,
      'today’s behaviour stays: it is only a note',
    );
    workspace.dispose();
  });
});
