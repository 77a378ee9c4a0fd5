import * as assert from 'node:assert/strict';
import { createDocsPlugin } from '../../../src/plugins/builtin/docsPlugin';
import { toEntityView } from '../../../src/plugins/entityView';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { component, documents, indexOf, recordOf } from '../support/indexFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { openingTags } from '../docs/htmlInspection';

describe('Docs tab', () => {
  async function render(techdocsRef: string): Promise<string> {
    const index = await indexOf({
      'svc/catalog-info.yaml': documents(
        component('svc', ['  owner: team-a'], {
          metadata: ['  annotations:', `    backstage.io/techdocs-ref: "${techdocsRef}"`],
        }),
      ),
    });
    const plugin = createDocsPlugin({ fs: new MemoryFileSystem({}), workspaceRootOf: () => '/ws' });
    const tab = plugin.entityTabs?.[0];
    assert.ok(tab);
    return tab.render(
      toEntityView(index, recordOf(index, 'component:default/svc')),
      createTabRenderContext(index, undefined, () => undefined),
    );
  }

  it('docs kept at a URL get a link out, opened through the host', async () => {
    const html = await render('url:https://docs.example.com/svc');
    assert.match(html, /not a local docs folder/);
    const link = openingTags(html).find((tag) => tag.name === 'a');
    assert.equal(link?.attributes.get('data-href'), 'https://docs.example.com/svc');
  });

  it('no link for anything but http(s)', async () => {
    const html = await render('url:javascript:alert(1)');
    assert.equal(openingTags(html).filter((tag) => tag.name === 'a').length, 0, html);
  });
});
