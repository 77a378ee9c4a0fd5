import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseOnboardingSettings } from '../../../src/services/settingsSchema';

const ROOT = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    viewsWelcome: { view: string; contents: string; when?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { markdownDescription?: string }> };
  };
};
const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localized = (text: string): string =>
  text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);

describe('onboarding: editor contributions', () => {
  it('the empty catalog view offers a button that runs Add This Folder to the Catalog…', () => {
    const welcome = manifest.contributes.viewsWelcome.filter(
      (entry) => entry.view === 'greenroom.catalog' && /entityCount == 0/.test(entry.when ?? ''),
    );
    assert.ok(
      welcome.some((entry) => localized(entry.contents).includes('](command:greenroom.addFolderToCatalog)')),
      JSON.stringify(welcome),
    );
  });

  it('the Explorer offers it on folders only, in trusted workspaces', () => {
    const entry = manifest.contributes.menus['explorer/context']?.find(
      (item) => item.command === 'greenroom.addFolderToCatalog',
    );
    assert.match(entry?.when ?? '', /explorerResourceIsFolder/);
    assert.match(entry?.when ?? '', /isWorkspaceTrusted/);
  });

  it('declares its settings with a localized markdownDescription', () => {
    for (const key of [
      'greenroom.onboarding.handleGroups',
      'greenroom.onboarding.defaultLifecycle',
      'greenroom.onboarding.defaultType',
    ]) {
      const description = manifest.contributes.configuration.properties[key]?.markdownDescription ?? '';
      assert.ok(localized(description).length > 20, key);
    }
  });
});

describe('onboarding: settings', () => {
  it('reads the handle mapping into a Map (a "__proto__" handle is only a key) and falls back on wrong shapes', () => {
    const values: Record<string, unknown> = {
      'onboarding.handleGroups': JSON.parse(
        '{"__proto__": "group:evil", "@acme/pay": " payments ", "@x": 3}',
      ) as unknown,
      'onboarding.defaultLifecycle': 42,
      'onboarding.defaultType': ' service ',
    };
    const parsed = parseOnboardingSettings({ value: (key) => values[key], scopes: () => undefined });
    assert.deepEqual(
      [...parsed.handleGroups],
      [
        ['__proto__', 'group:evil'],
        ['@acme/pay', 'payments'],
      ],
    );
    assert.equal(parsed.lifecycle, 'production');
    assert.equal(parsed.type, 'service');
    assert.equal(({} as Record<string, unknown>)['group'], undefined);
  });
});
