import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../src/catalog';
import type { CatalogTreeNode } from '../../../src/features/catalogTree/catalogTreeNodes';
import { CatalogTreeProvider } from '../../../src/features/catalogTree/catalogTreeProvider';
import type { CatalogService } from '../../../src/services/catalogService';
import type { ScoreSource } from '../../../src/features/scorecards/scoreSource';
import { api, component, documents, group, indexOf, upsertInto } from '../support/indexFixtures';
import { EventEmitter, type TreeItem } from '../support/vscodeFake';

/** The part of CatalogService the tree reads: the index, its change events, whether a load runs. */
function catalogOf(
  index: CatalogIndex,
  loading?: { isIndexed: boolean; indexingProgress: { done: number; total: number } | undefined },
): CatalogService {
  return {
    index,
    onDidChange: (listener: Parameters<CatalogIndex['onDidChange']>[0]) => index.onDidChange(listener),
    get isIndexed() {
      return loading?.isIndexed ?? true;
    },
    get indexingProgress() {
      return loading?.indexingProgress;
    },
  } as unknown as CatalogService;
}

function labelsOf(provider: CatalogTreeProvider, nodes: readonly CatalogTreeNode[]): string[] {
  return nodes.map((node) => (provider.getTreeItem(node) as unknown as TreeItem).label);
}

async function nextTreeChange(provider: CatalogTreeProvider, waitMs = 250): Promise<(CatalogTreeNode | undefined)[]> {
  const fired: (CatalogTreeNode | undefined)[] = [];
  const subscription = provider.onDidChangeTreeData((node) => fired.push(node));
  await new Promise((resolve) => setTimeout(resolve, waitMs)); // past the 100 ms refresh debounce (500 ms while loading)
  subscription.dispose();
  return fired;
}

describe('Catalog tree provider (fake vscode)', () => {
  let provider: CatalogTreeProvider | undefined;
  afterEach(() => provider?.dispose());

  it('lists kinds, then the entities of a kind with their tree items', async () => {
    const index = await indexOf({
      'a/catalog-info.yaml': documents(component('alpha', ['  owner: team-a']), api('alpha-api', ['  owner: team-a'])),
      'teams.yaml': documents(group('team-a')),
    });
    provider = new CatalogTreeProvider(catalogOf(index), 'kind');
    const roots = provider.getChildren();
    assert.deepEqual(labelsOf(provider, roots).sort(), ['APIs', 'Components', 'Groups'].sort());
    const components = roots.find(
      (node) => (provider?.getTreeItem(node) as unknown as TreeItem).label === 'Components',
    );
    assert.ok(components);
    const [alpha] = provider.getChildren(components);
    assert.ok(alpha);
    const item = provider.getTreeItem(alpha) as unknown as TreeItem;
    assert.equal(item.label, 'alpha');
    assert.equal(item.command?.command, 'greenroom.openEntity');
    assert.deepEqual(item.command?.arguments, ['component:default/alpha']);
    assert.equal(
      item.resourceUri?.scheme,
      'greenroom-entity',
      "a file URI would paint the whole file's problems on the row",
    );
  });

  it('reveal finds the entity node and its parents lead back to a root', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(component('alpha', ['  owner: team-a']), group('team-a')),
    });
    provider = new CatalogTreeProvider(catalogOf(index), 'owner');
    const node = provider.findEntityNode('component:default/alpha');
    assert.ok(node, 'reveal found no node');
    // What reveal needs: each node is among its parent's children, and the top is a root the view shows.
    let current: CatalogTreeNode = node;
    for (let parent = provider.getParent(current); parent; parent = provider.getParent(current)) {
      assert.ok(provider.getChildren(parent).includes(current), `${current.id} is not a child of ${parent.id}`);
      current = parent;
    }
    assert.ok(provider.getChildren().includes(current), `the top of the chain, ${current.id}, is not a root`);
  });

  it('an edit refreshes only the folder whose content changed', async () => {
    const index = await indexOf({
      'a/catalog-info.yaml': documents(component('alpha', ['  owner: team-a'])),
      'b/catalog-info.yaml': documents(api('beta-api', ['  owner: team-a'])),
    });
    provider = new CatalogTreeProvider(catalogOf(index), 'kind');
    const roots = provider.getChildren();
    const changes = nextTreeChange(provider);
    await upsertInto(
      index,
      'a/catalog-info.yaml',
      documents(component('alpha', ['  owner: team-a']), component('gamma', ['  owner: team-a'])),
    );
    const fired = await changes;
    assert.equal(fired.length, 1, `expected one partial refresh, got ${fired.length}`);
    assert.equal((provider.getTreeItem(fired[0] as CatalogTreeNode) as unknown as TreeItem).label, 'Components');
    assert.ok(roots.includes(fired[0] as CatalogTreeNode), 'the refreshed node must be the one VS Code already holds');
    assert.deepEqual(labelsOf(provider, provider.getChildren(fired[0])), ['alpha', 'gamma']);
  });

  it('while a load runs, rows appear at a steady beat as files are indexed, not only at the end', async () => {
    const index = await indexOf({});
    const loading = {
      isIndexed: false,
      indexingProgress: { done: 0, total: 60 } as { done: number; total: number } | undefined,
    };
    provider = new CatalogTreeProvider(catalogOf(index, loading), 'kind');
    assert.deepEqual(provider.getChildren(), []);
    const refreshedAt: number[] = [];
    const rootsSeen: number[] = [];
    const started = Date.now();
    const subscription = provider.onDidChangeTreeData(() => {
      refreshedAt.push(Date.now() - started);
      rootsSeen.push(provider?.getChildren().length ?? 0);
    });
    // One file every 20 ms for ~1.2 s, as a load delivers them: a debounce would wait for the end.
    for (let file = 0; file < 60; file++) {
      await upsertInto(
        index,
        `f${file}/catalog-info.yaml`,
        documents(file % 2 ? api(`api-${file}`, ['  owner: team-a']) : component(`svc-${file}`, ['  owner: team-a'])),
      );
      loading.indexingProgress = { done: file + 1, total: 60 };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const loadEnded = Date.now() - started;
    subscription.dispose();
    const duringLoad = refreshedAt.filter((at) => at < loadEnded);
    assert.ok(
      duringLoad.length >= 1,
      `no refresh during a ${loadEnded} ms load (refreshes at ${refreshedAt.join(', ')})`,
    );
    assert.ok((rootsSeen[0] ?? 0) > 0, 'the first refresh during the load shows rows');
  });

  it('sends a root refresh again while VS Code has not asked for the root since the last one', async () => {
    const index = await indexOf({});
    const loading = {
      isIndexed: false,
      indexingProgress: { done: 0, total: 3 } as { done: number; total: number } | undefined,
    };
    provider = new CatalogTreeProvider(catalogOf(index, loading), 'kind');
    assert.deepEqual(provider.getChildren(), []);
    const add = (name: string): Promise<unknown> =>
      upsertInto(index, `${name}/catalog-info.yaml`, documents(component(name, ['  owner: team-a'])));
    await add('alpha');
    // The first rows: a root refresh, which VS Code (busy, or dropping it) does not act on.
    assert.deepEqual(await nextTreeChange(provider, 700), [undefined]);
    await add('beta');
    // Only the Components folder changed, but VS Code still holds an empty root: the root again.
    assert.deepEqual(await nextTreeChange(provider, 700), [undefined]);
    provider.getChildren();
    await add('gamma');
    // While loading, each beat refreshes the whole tree (folder refreshes went unapplied in code-server).
    assert.deepEqual(await nextTreeChange(provider, 700), [undefined]);
    provider.getChildren();
    loading.isIndexed = true;
    loading.indexingProgress = undefined;
    const roots = provider.getChildren();
    await add('delta');
    const fired = await nextTreeChange(provider);
    assert.equal(fired.length, 1);
    assert.ok(
      roots.includes(fired[0] as CatalogTreeNode),
      'after the load, once VS Code has the root: a folder refresh',
    );
  });

  it('an invalid entity gets the error colour; a valid one beside it does not', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(
        component('fine', ['  owner: team-a']),
        component('Not Valid!', ['  owner: team-a']),
      ),
    });
    provider = new CatalogTreeProvider(catalogOf(index), 'kind');
    const [components] = provider.getChildren();
    assert.ok(components);
    const colours = Object.fromEntries(
      provider.getChildren(components).map((node) => {
        const item = provider?.getTreeItem(node) as unknown as TreeItem;
        return [item.label, item.iconPath?.color?.id];
      }),
    );
    assert.equal(colours['fine'], undefined);
    assert.equal(colours['Not Valid!'], 'list.errorForeground');
  });

  it('puts a Starred folder on top with the starred entities, and refreshes when stars change', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(
        component('alpha', ['  owner: team-a']),
        component('beta', ['  owner: team-a']),
        group('team-a'),
      ),
    });
    let starred: string[] = [];
    const changes = new EventEmitter<void>();
    provider = new CatalogTreeProvider(
      catalogOf(index),
      'kind',
      {},
      { refs: () => starred, onDidChange: changes.event as never },
    );
    assert.ok(!labelsOf(provider, provider.getChildren()).includes('Starred'), 'no Starred folder without stars');
    starred = ['component:default/beta', 'component:default/gone'];
    const fired = nextTreeChange(provider);
    changes.fire();
    assert.ok((await fired).length > 0, 'starring did not refresh the tree');
    const roots = provider.getChildren();
    assert.equal(labelsOf(provider, roots)[0], 'Starred');
    const folder = roots[0];
    assert.ok(folder);
    const children = provider.getChildren(folder);
    assert.deepEqual(labelsOf(provider, children), ['beta'], 'starred refs not in the catalog are left out');
    const beta = children[0];
    assert.ok(beta);
    assert.equal(
      (provider.getTreeItem(beta) as unknown as TreeItem).contextValue,
      'entity.starred',
      'the context menu offers Unstar',
    );
    const components = roots.find(
      (node) => (provider?.getTreeItem(node) as unknown as TreeItem).label === 'Components',
    );
    assert.ok(components);
    const alpha = provider
      .getChildren(components)
      .find((node) => (provider?.getTreeItem(node) as unknown as TreeItem).label === 'alpha');
    assert.ok(alpha);
    assert.equal(
      (provider.getTreeItem(alpha) as unknown as TreeItem).contextValue,
      'entity',
      'the context menu offers Star',
    );
  });
  it('keeps a row short for a narrow side bar: the score, else the type; the words in the tooltip', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(component('alpha', ['  owner: team-a']), group('team-a')),
    });
    const scores: ScoreSource = {
      scoreOf: (ref) => (ref === 'component:default/alpha' ? { passed: 5, total: 7 } : undefined),
      rollUpOf: () => undefined,
      onDidChange: new EventEmitter<readonly string[]>().event,
    };
    for (const mode of ['kind', 'owner'] as const) {
      provider?.dispose();
      provider = new CatalogTreeProvider(catalogOf(index), mode, {}, undefined, scores);
      const node = provider.findEntityNode('component:default/alpha');
      assert.ok(node);
      const item = provider.getTreeItem(node) as unknown as TreeItem;
      assert.equal(item.description, '5/7', `${mode} grouping`);
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
      assert.match(tooltip, /service · production/, 'type and lifecycle are in the tooltip');
      assert.match(tooltip, /component:default\/alpha/, 'the tooltip names the kind');
      assert.match(tooltip, /Scorecard\\?: 5 of 7 checks pass/);
    }
    provider?.dispose();
    provider = new CatalogTreeProvider(catalogOf(index), 'kind', {}, undefined, scores);
    const unscored = provider.findEntityNode('group:default/team-a');
    assert.ok(unscored && provider);
    const groupItem = provider.getTreeItem(unscored) as unknown as TreeItem;
    assert.equal(groupItem.description, 'team', 'without a score the row says the type');
    assert.doesNotMatch(String((groupItem.tooltip as { value?: string } | undefined)?.value), /Scorecard/);
  });
});
