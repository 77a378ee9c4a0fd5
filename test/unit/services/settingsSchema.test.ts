import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CATALOG_GLOBS, DEFAULT_EXCLUDE_GLOBS, DEFAULT_MAX_FILE_SIZE_BYTES } from '../../../src/catalog';
import { completeBudgets } from '../../../src/scaffolder';
import { parseSettings, SETTING_KEYS, type RawSettings } from '../../../src/services/settingsSchema';

interface ContributedSetting {
  readonly default?: unknown;
  readonly scope?: string;
}
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: {
    configuration:
      { properties: Record<string, ContributedSetting> } | { properties: Record<string, ContributedSetting> }[];
  };
};
const contributed = new Map(
  [manifest.contributes.configuration].flat().flatMap((section) => Object.entries(section.properties)),
);

/** Settings as VS Code hands them over when only `values` are set (by key below `greenroom.`). */
function raw(values: Record<string, unknown> = {}): RawSettings {
  return { value: (key) => values[key], scopes: () => undefined };
}

/** Settings as VS Code hands them over when nothing is set: package.json's defaults. */
function contributedDefaults(): RawSettings {
  return raw(Object.fromEntries(SETTING_KEYS.map((key) => [key, contributed.get(`greenroom.${key}`)?.default])));
}

describe('settings schema', () => {
  it('knows every greenroom.* setting package.json contributes, and no other', () => {
    assert.deepEqual(
      [...SETTING_KEYS].sort(),
      [...contributed.keys()]
        .filter((key) => key.startsWith('greenroom.'))
        .map((key) => key.slice('greenroom.'.length))
        .sort(),
    );
  });

  it('has no resource-scoped setting, so one unscoped read serves every folder', () => {
    // A `resource` or `language-overridable` setting would need a read per folder: settings.ts passes none.
    for (const [key, setting] of contributed) {
      assert.ok(
        setting.scope === undefined ||
          setting.scope === 'window' ||
          setting.scope === 'application' ||
          setting.scope === 'machine',
        `${key} has scope ${setting.scope}`,
      );
    }
  });

  it('falls back to what package.json declares when nothing is set', () => {
    const { templateBudgets: declaredBudgets, ...fromDefaults } = parseSettings(contributedDefaults());
    const unset = parseSettings(raw());
    const { templateBudgets: _unsetBudgets, ...unsetRest } = unset;
    assert.deepEqual(fromDefaults, unsetRest, 'an unset setting and its declared default read the same');
    // The runner completes missing budgets with its own defaults: package.json must declare the same.
    assert.deepEqual(completeBudgets(declaredBudgets), completeBudgets(unset.templateBudgets));
    assert.deepEqual(unset.indexing, {
      catalogGlobs: DEFAULT_CATALOG_GLOBS,
      exclude: DEFAULT_EXCLUDE_GLOBS,
      maxFileSizeBytes: DEFAULT_MAX_FILE_SIZE_BYTES,
    });
    assert.equal(unset.catalogGrouping, 'kind');
    assert.equal(unset.registries.refreshMinutes, 15);
    assert.deepEqual(unset.templateBudgets, {});
    assert.deepEqual(unset.tools, []);
    assert.equal(unset.identity, undefined);
  });

  it('reads well-formed values', () => {
    const settings = parseSettings(
      raw({
        catalogGlobs: ['**/*.backstage.yaml'],
        exclude: [],
        maxFileSizeKb: 64,
        catalogRules: [{ allow: ['Component'] }],
        'catalog.groupBy': 'owner',
        referencePatterns: [{ pattern: 'svc-[a-z]+', kind: 'component' }],
        registries: [{ name: 'acme', baseUrl: 'https://backstage.acme.example' }],
        registryRefreshMinutes: 0,
        registryMaxEntities: 10.7,
        locations: ['https://example.com/catalog-info.yaml'],
        'scaffolder.timeBudgetSeconds': 3,
        'scaffolder.memoryBudgetMb': 256,
        tools: [
          { title: 'Grafana', url: 'https://grafana.example', icon: 'graph' },
          { title: 'Build', command: 'workbench.action.tasks.build' },
        ],
        identity: ' amara.osei ',
      }),
    );
    assert.deepEqual(settings.indexing.catalogGlobs, ['**/*.backstage.yaml']);
    assert.deepEqual(settings.indexing.exclude, []);
    assert.equal(settings.indexing.maxFileSizeBytes, 64 * 1024);
    assert.equal(settings.indexing.catalogRules?.length, 1);
    assert.equal(settings.catalogGrouping, 'owner');
    assert.deepEqual(settings.referencePatterns, [{ pattern: 'svc-[a-z]+', kind: 'component' }]);
    assert.deepEqual(
      settings.registries.registries.map((registry) => registry.name),
      ['acme'],
    );
    assert.equal(settings.registries.refreshMinutes, 0, '0 turns periodic refresh off');
    assert.equal(settings.registries.maxEntities, 10);
    assert.deepEqual(settings.registries.locations, ['https://example.com/catalog-info.yaml']);
    assert.deepEqual(settings.templateBudgets, { timeSeconds: 3, memoryMb: 256 });
    assert.deepEqual(settings.tools, [
      { title: 'Grafana', url: 'https://grafana.example', icon: 'graph' },
      { title: 'Build', command: 'workbench.action.tasks.build' },
    ]);
    assert.equal(settings.identity, 'user:default/amara.osei');
  });

  it('skips malformed values and entries instead of failing', () => {
    const settings = parseSettings(
      raw({
        catalogGlobs: ['ok', 3],
        exclude: 'node_modules',
        maxFileSizeKb: -1,
        catalogRules: [],
        'catalog.groupBy': 'team',
        referencePatterns: [{ pattern: 1 }, null, 'svc', { pattern: 'ok' }],
        registryRefreshMinutes: -5,
        registryMaxPages: 0,
        locations: ['file:///etc/passwd', 7, 'http://intranet.example/a.yaml'],
        'scaffolder.timeBudgetSeconds': 0,
        'scaffolder.memoryBudgetMb': '512',
        tools: [
          { title: 'no target' },
          { url: 'https://untitled.example' },
          'x',
          { title: 'T', url: 5, command: 'c', icon: 3 },
        ],
        identity: 'group:',
      }),
    );
    assert.deepEqual(settings.indexing, {
      catalogGlobs: DEFAULT_CATALOG_GLOBS,
      exclude: DEFAULT_EXCLUDE_GLOBS,
      maxFileSizeBytes: DEFAULT_MAX_FILE_SIZE_BYTES,
    });
    assert.equal(settings.catalogGrouping, 'kind');
    assert.deepEqual(settings.referencePatterns, [{ pattern: 'ok' }]);
    assert.equal(settings.registries.refreshMinutes, 15);
    assert.equal(settings.registries.maxPages, 10_000);
    assert.deepEqual(settings.registries.locations, ['http://intranet.example/a.yaml']);
    assert.deepEqual(settings.templateBudgets, {});
    assert.deepEqual(settings.tools, [{ title: 'T', command: 'c' }]);
    assert.equal(settings.identity, undefined);
  });
});
