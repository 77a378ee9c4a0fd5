import * as assert from 'node:assert/strict';
import { locationTargetsCard } from '../../../src/plugins/builtin/locationTargets';
import { toEntityView } from '../../../src/plugins/entityView';
import { sanitizeTabHtml } from '../../../src/plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../../../src/catalog';
import { component, documents, entityLines, indexOf, recordOf } from '../support/indexFixtures';

describe('Location page: targets', () => {
  it('lists each target, and under a target that was not read the problem that says why', async () => {
    // Location targets are resolved by the workspace loader, on a real folder.
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-location-page-'));
    await fs.mkdir(path.join(root, 'svc'));
    await fs.writeFile(
      path.join(root, 'catalog-info.yaml'),
      documents(
        entityLines('Location', 'root', {
          spec: [
            '  targets:',
            '    - ./svc/catalog-info.yaml',
            '    - ./missing/catalog-info.yaml',
            '    - ../outside.yaml',
          ],
        }),
      ),
    );
    await fs.writeFile(path.join(root, 'svc', 'catalog-info.yaml'), documents(component('svc', ['  owner: team-a'])));
    const workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    workspace.addFolder(root);
    await workspace.loadAll();
    const index = workspace.index;
    const context = createTabRenderContext(index, undefined, () => undefined);
    const html = sanitizeTabHtml(
      locationTargetsCard(toEntityView(index, recordOf(index, 'location:default/root')), context),
    );
    const items = html.split('<li>').slice(1);
    assert.equal(items.filter((item) => item.includes('<code>')).length, 3, html);
    const read = items.find((item) => item.includes('./svc/catalog-info.yaml')) ?? '';
    assert.match(read, /read/);
    const missing = items.find((item) => item.includes('./missing/catalog-info.yaml')) ?? '';
    assert.match(missing, /class="problem /, `no reason under the missing target: ${html}`);
    const outside = items.find((item) => item.includes('../outside.yaml')) ?? '';
    assert.match(outside, /class="problem error"/, `no refusal under the escaping target: ${html}`);
    workspace.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('is only on Location pages', async () => {
    const index = await indexOf({ 'catalog-info.yaml': documents(component('svc', ['  owner: team-a'])) });
    assert.equal(
      locationTargetsCard(
        toEntityView(index, recordOf(index, 'component:default/svc')),
        createTabRenderContext(index, undefined, () => undefined),
      ),
      '',
    );
  });
});
