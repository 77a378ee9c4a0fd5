import * as assert from 'node:assert/strict';
import { PluginRegistry } from '../../../src/plugins/pluginRegistry';
import type { EntityView, GreenroomPlugin } from '../../../src/plugins/pluginTypes';

const entity = { ref: 'component:default/a', kind: 'Component', name: 'a', title: 'A' } as unknown as EntityView;

function failing(id: string): GreenroomPlugin {
  return {
    id,
    entityTabs: [
      {
        id: 'bad',
        title: 'Bad',
        appliesTo: () => {
          throw new Error('appliesTo broke');
        },
        render: () => '',
      },
    ],
    hoverSections: [
      {
        render: () => {
          throw new Error('hover broke');
        },
      },
    ],
    entityActions: [
      {
        id: 'bad',
        title: 'Bad',
        appliesTo: () => {
          throw new Error('action broke');
        },
        run: () => undefined,
      },
    ],
  };
}

function working(id: string): GreenroomPlugin {
  return {
    id,
    entityTabs: [
      {
        id: 'good',
        title: 'Good',
        order: 5,
        appliesTo: (view) => view.kind === 'Component',
        render: () => '<p>ok</p>',
      },
    ],
    hoverSections: [{ render: (view) => `**${view.title}** is fine` }],
    entityActions: [{ id: 'go', title: 'Go', run: () => undefined }],
    commands: [{ id: 'status', title: 'Status', run: () => undefined }],
  };
}

describe('PluginRegistry', () => {
  it('a failing plugin leaves the others working and is reported, not thrown', () => {
    const reported: string[] = [];
    const registry = new PluginRegistry((pluginId, what) => reported.push(`${pluginId}: ${what}`));
    registry.register(failing('acme.broken'));
    registry.register(working('acme.fine'));
    assert.deepEqual(
      registry.tabsFor(entity).map((tab) => tab.key),
      ['acme.fine/good'],
    );
    assert.deepEqual(registry.hoverSectionsFor(entity), ['**A** is fine']);
    assert.deepEqual(
      registry.actionsFor(entity).map(({ pluginId, action }) => `${pluginId}/${action.id}`),
      ['acme.fine/go'],
    );
    assert.deepEqual(reported.sort(), [
      'acme.broken: action bad appliesTo',
      'acme.broken: hover render',
      'acme.broken: tab bad appliesTo',
    ]);
  });

  it('refuses malformed plugins with a message naming them', () => {
    const registry = new PluginRegistry();
    assert.throws(() => registry.register({ id: 'no spaces allowed' }), /plugin id must look like/);
    assert.throws(
      () => registry.register({ id: 'acme.x', entityTabs: [{ id: 't', title: 'T' } as never] }),
      /acme\.x.*appliesTo\(\) and render\(\)/,
    );
    registry.register(working('acme.once'));
    assert.throws(() => registry.register(working('acme.once')), /already registered/);
  });

  it('a plugin id shaped like a prototype member is an ordinary plugin', () => {
    const registry = new PluginRegistry();
    for (const id of ['constructor', 'valueOf', 'toString', 'hasOwnProperty']) {
      const plugin = working(id);
      registry.register(plugin);
    }
    assert.deepEqual(registry.pluginIds().sort(), ['constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    assert.equal(registry.tabsFor(entity).length, 4);
  });

  it('unregistering removes exactly that plugin and tells listeners', () => {
    const registry = new PluginRegistry();
    let changes = 0;
    registry.onDidChange(() => changes++);
    const first = registry.register(working('acme.one'));
    registry.register(working('acme.two'));
    first.dispose();
    first.dispose();
    assert.deepEqual(registry.pluginIds(), ['acme.two']);
    assert.equal(changes, 3);
  });
});
