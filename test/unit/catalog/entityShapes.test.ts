import * as assert from 'node:assert/strict';
import {
  CatalogIndex,
  entityAnnotation,
  entityAnnotations,
  entityDescription,
  entityLabel,
  entityLinks,
  entityTags,
  groupEntities,
  matchesFilter,
  parseCatalogFile,
  parseFilterQuery,
  walkGroups,
  type CatalogEntityRecord,
} from '../../../src/catalog';
import { entityHoverMarkdown } from '../../../src/catalog/language';
import { entityTooltip } from '../../../src/features/catalogTree/entityTooltip';
import { entityIcon } from '../../../src/features/catalogTree/catalogTreeProvider';
import { entityHeaderHtml } from '../../../src/features/panels/entityHeader';
import { overviewPlugin } from '../../../src/plugins/builtin/overviewPlugin';
import { createToolsPlugin } from '../../../src/plugins/builtin/toolsPlugin';
import { toEntityView } from '../../../src/plugins/entityView';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { registryPage } from '../../../src/registry/registryRecords';

/** Metadata of the shapes a broken descriptor or a careless registry sends. */
const WRONG_SHAPES: readonly { readonly label: string; readonly metadata: Record<string, unknown> }[] = [
  { label: 'tags not strings', metadata: { tags: [1, { a: 1 }, null, 'ok-tag'] } },
  { label: 'tags not an array', metadata: { tags: 'java' } },
  { label: 'links not an array', metadata: { links: 'nope' } },
  {
    label: 'links with wrong entries',
    metadata: { links: [1, 'https://x.example', { url: 5 }, { url: 'https://ok.example', title: 7 }, null] },
  },
  { label: 'title not a string', metadata: { title: { en: 'x' } } },
  { label: 'annotations not an object', metadata: { annotations: ['backstage.io/techdocs-ref'] } },
  {
    label: 'annotation values not strings',
    metadata: { annotations: { 'backstage.io/techdocs-ref': 1, 'a/b': 'fine' } },
  },
  { label: 'description not a string', metadata: { description: { text: 'x' } } },
  { label: 'labels not an object', metadata: { labels: 'x' } },
];

function served(name: string, metadata: Record<string, unknown>): unknown {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const link = (command: string, args: readonly unknown[]): string => `cmd:${command}:${JSON.stringify(args)}`;

/** Every view model built from a record: header, hover, overview and tools tabs, tree grouping, filter. */
async function everyView(index: CatalogIndex, record: CatalogEntityRecord): Promise<string[]> {
  const view = toEntityView(index, record);
  const context = createTabRenderContext(index, undefined, () => undefined);
  const tools = createToolsPlugin(() => []).entityTabs?.[0];
  const overview = overviewPlugin.entityTabs?.[0];
  const grouped = [...walkGroups(groupEntities(index, 'kind'))].flatMap(({ group }) =>
    group.entities.map((entry) => entry.ref),
  );
  assert.ok(grouped.includes(record.ref), `${record.ref} is in the tree`);
  matchesFilter(record, parseFilterQuery('tag:java ok'));
  const icon = entityIcon(record) as unknown as { color?: { id: string } };
  assert.equal(icon.color?.id === 'list.errorForeground', !record.valid, 'the tree item is red exactly when invalid');
  return [
    entityHeaderHtml(index, record, entityLabel(record), [], undefined),
    entityTooltip(record).value,
    entityHoverMarkdown(index, record, link),
    overview ? await overview.render(view, context) : '',
    tools && tools.appliesTo(view) ? await tools.render(view, context) : '',
  ];
}

describe('entities of the wrong shape', () => {
  describe('the safe metadata readers', () => {
    const metadataOf = (metadata: Record<string, unknown>): { metadata: never } => ({
      metadata: { name: 'x', ...metadata } as never,
    });

    it('keep only string tags from an array', () => {
      assert.deepEqual(entityTags(metadataOf({ tags: [1, 'a', null, { b: 1 }, 'c'] })), ['a', 'c']);
      assert.deepEqual(entityTags(metadataOf({ tags: 'java' })), []);
      assert.deepEqual(entityTags(metadataOf({})), []);
    });

    it('keep only link objects with a string url, and only string fields of them', () => {
      assert.deepEqual(entityLinks(metadataOf({ links: 'nope' })), []);
      assert.deepEqual(
        entityLinks(metadataOf({ links: [1, 'https://a', { url: 5 }, { url: 'https://b', title: 7, icon: 'docs' }] })),
        [{ url: 'https://b', icon: 'docs' }],
      );
    });

    it('read annotations as own string properties only', () => {
      const annotations = Object.fromEntries<unknown>([
        ['constructor', 'x'],
        ['a/b', 'fine'],
        ['n', 1],
      ]);
      assert.equal(entityAnnotation(metadataOf({ annotations }), 'a/b'), 'fine');
      assert.equal(entityAnnotation(metadataOf({ annotations }), 'n'), undefined);
      assert.equal(
        entityAnnotation(metadataOf({ annotations: {} }), 'toString'),
        undefined,
        'an inherited member is no annotation',
      );
      assert.equal(entityAnnotation(metadataOf({ annotations: ['a/b'] }), '0'), undefined);
      assert.deepEqual(entityAnnotations(metadataOf({ annotations })), [
        ['constructor', 'x'],
        ['a/b', 'fine'],
      ]);
      assert.deepEqual(entityAnnotations(metadataOf({ annotations: 'x' })), []);
    });

    it('read a description only when it is a non-empty string', () => {
      assert.equal(entityDescription(metadataOf({ description: { a: 1 } })), undefined);
      assert.equal(entityDescription(metadataOf({ description: '  ' })), undefined);
      assert.equal(entityDescription(metadataOf({ description: 'Plays audio' })), 'Plays audio');
    });
  });

  for (const { label, metadata } of WRONG_SHAPES) {
    it(`${label}: from a registry, marked invalid with a problem, and every view still renders`, async () => {
      const index = new CatalogIndex();
      index.upsertFile(
        await registryPage('acme', 'greenroom-registry:acme/1/0', [
          served('broken', metadata),
          served('healthy', { tags: ['java'] }),
        ] as never),
      );
      const broken = index.get('component:default/broken');
      const healthy = index.get('component:default/healthy');
      assert.ok(broken && healthy);
      assert.equal(broken.valid, false, `${label} is invalid`);
      assert.ok(
        index
          .problemsOf(broken.file)
          .some((problem) => problem.entityRef === broken.ref && problem.severity === 'error'),
        'with an error problem',
      );
      assert.equal(healthy.valid, true, 'its page neighbour stays valid');
      const views = await everyView(index, broken);
      assert.ok(views[0]?.includes('component:default/broken'), 'the header names the entity');
      assert.ok(views[3]?.includes('Problems'), 'the overview lists its problems');
      assert.doesNotMatch(views[3] ?? '', /line \d+/, 'a registry entity has no line to point at');
      assert.match(
        views[1] ?? '',
        /Backstage would reject this entity; its page lists the problems/,
        'the tooltip says so, and where to look',
      );
      await everyView(index, healthy);
    });

    it(`${label}: from a workspace file, every view still renders`, async () => {
      const index = new CatalogIndex();
      const text = JSON.stringify(served('broken', metadata)); // JSON is YAML
      index.upsertFile(await parseCatalogFile('/ws/catalog-info.yaml', text, { type: 'workspace', folder: '/ws' }));
      const broken = index.get('component:default/broken');
      assert.ok(broken);
      assert.equal(broken.valid, false);
      await everyView(index, broken);
    });
  }

  it('shows well-shaped values beside wrong ones: the string tag and the good link', async () => {
    const index = new CatalogIndex();
    index.upsertFile(
      await registryPage('acme', 'greenroom-registry:acme/1/0', [
        served('mixed', { tags: [1, 'ok-tag'], links: [{ url: 5 }, { url: 'https://ok.example/', title: 'Runbook' }] }),
      ] as never),
    );
    const record = index.get('component:default/mixed');
    assert.ok(record);
    const [header, tooltip, hover, overview] = await everyView(index, record);
    assert.match(tooltip ?? '', /`ok-tag`/);
    assert.match(header ?? '', /#ok-tag/);
    assert.match(hover ?? '', /`ok-tag`/);
    assert.match(hover ?? '', /Runbook/);
    assert.match(overview ?? '', /Runbook/);
  });
});
