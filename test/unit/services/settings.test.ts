import * as assert from 'node:assert/strict';
import { Settings, type SettingsChange } from '../../../src/services/settings';
import * as vscodeFake from '../support/vscodeFake';

describe('settings service (fake vscode)', () => {
  let settings: Settings | undefined;
  afterEach(() => {
    settings?.dispose();
    settings = undefined;
    vscodeFake.configurationValues.user.clear();
    vscodeFake.configurationValues.workspace.clear();
    vscodeFake.workspace.isTrusted = true;
  });

  function countingReads(): { count: number; restore: () => void } {
    const original = vscodeFake.workspace.getConfiguration;
    const counter = { count: 0, restore: () => (vscodeFake.workspace.getConfiguration = original) };
    vscodeFake.workspace.getConfiguration = (section) => {
      counter.count++;
      return original(section);
    };
    return counter;
  }

  it('reads the settings once, not on every use', () => {
    vscodeFake.configurationValues.user.set('greenroom.catalog.groupBy', 'system');
    const reads = countingReads();
    try {
      settings = new Settings();
      for (let hover = 0; hover < 5; hover++) {
        assert.equal(settings.current.catalogGrouping, 'system');
      }
      assert.equal(reads.count, 1);
    } finally {
      reads.restore();
    }
  });

  it('re-reads on a change and names the settings it touched; the snapshot is new before listeners run', () => {
    settings = new Settings();
    const heard: { keys: string[]; tools: number; indexing: boolean }[] = [];
    const current = settings;
    settings.onDidChange((change: SettingsChange) =>
      heard.push({
        keys: [...change.keys],
        tools: current.current.tools.length,
        indexing: change.affects(['catalogGlobs', 'exclude']),
      }),
    );
    vscodeFake.changeConfiguration('workspace', {
      'greenroom.tools': [{ title: 'Grafana', url: 'https://grafana.example' }],
    });
    vscodeFake.changeConfiguration('user', { 'greenroom.exclude': ['**/dist/**'] });
    assert.deepEqual(heard, [
      { keys: ['tools'], tools: 1, indexing: false },
      { keys: ['exclude'], tools: 1, indexing: true },
    ]);
    assert.deepEqual(settings.current.indexing.exclude, ['**/dist/**']);
  });

  it("stays quiet when other extensions' settings change", () => {
    settings = new Settings();
    let heard = 0;
    settings.onDidChange(() => heard++);
    vscodeFake.changeConfiguration('user', { 'editor.fontSize': 14, 'greenroomx.tools': [] });
    assert.equal(heard, 0);
  });

  it('writes into the workspace settings and reports the change', async () => {
    settings = new Settings();
    const heard: string[][] = [];
    settings.onDidChange((change) => heard.push([...change.keys]));
    await settings.updateInWorkspace('catalogGlobs', ['**/*.backstage.yaml']);
    assert.deepEqual(vscodeFake.configurationValues.workspace.get('greenroom.catalogGlobs'), ['**/*.backstage.yaml']);
    assert.deepEqual(heard, [['catalogGlobs']]);
    assert.deepEqual(settings.current.indexing.catalogGlobs, ['**/*.backstage.yaml']);
  });

  it('re-reads once workspace trust is granted, when the restricted settings start to count', () => {
    vscodeFake.workspace.isTrusted = false;
    settings = new Settings();
    assert.deepEqual(settings.current.tools, []);
    // VS Code now reads the workspace's restricted values too.
    vscodeFake.configurationValues.workspace.set('greenroom.tools', [
      { title: 'Runbook', url: 'https://runbook.example' },
    ]);
    vscodeFake.workspace.isTrusted = true;
    assert.deepEqual(settings.current.tools, [{ title: 'Runbook', url: 'https://runbook.example' }]);
  });

  it('stops listening when disposed', () => {
    settings = new Settings();
    let heard = 0;
    settings.onDidChange(() => heard++);
    settings.dispose();
    vscodeFake.changeConfiguration('user', { 'greenroom.identity': 'amara.osei' });
    assert.equal(heard, 0);
    assert.equal(settings.current.identity, undefined, 'a disposed snapshot no longer follows the settings');
  });
});
