import * as assert from 'node:assert/strict';
import { MultiFolderCatalog } from '../../../src/catalog';
import { componentYaml, ROOT } from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Folder-level events: what file watchers report for a checkout, an unzip or `rm -r`. */
describe('MultiFolderCatalog folder events', () => {
  async function loadedWorkspace(fs: MemoryFileSystem): Promise<MultiFolderCatalog> {
    const workspace = new MultiFolderCatalog({ fs });
    workspace.addFolder(ROOT);
    await workspace.loadAll();
    return workspace;
  }

  it('indexes the catalog files of a folder that appeared after the load, and nothing excluded', async () => {
    const fs = new MemoryFileSystem({ [`${ROOT}/a/catalog-info.yaml`]: componentYaml('a') });
    const workspace = await loadedWorkspace(fs);
    fs.write(`${ROOT}/new/deep/catalog-info.yaml`, componentYaml('fresh'));
    fs.write(`${ROOT}/new/README.md`, '# not a descriptor');
    fs.write(`${ROOT}/new/node_modules/pkg/catalog-info.yaml`, componentYaml('vendored'));
    await workspace.addedFolder(`${ROOT}/new`);
    assert.deepEqual([...workspace.index.refs()].sort(), ['component:default/a', 'component:default/fresh']);
  });

  it('ignores a new folder that is itself excluded', async () => {
    const fs = new MemoryFileSystem({ [`${ROOT}/a/catalog-info.yaml`]: componentYaml('a') });
    const workspace = await loadedWorkspace(fs);
    fs.write(`${ROOT}/node_modules/pkg/catalog-info.yaml`, componentYaml('vendored'));
    await workspace.addedFolder(`${ROOT}/node_modules/pkg`);
    assert.deepEqual([...workspace.index.refs()], ['component:default/a']);
  });

  it('removes every entity under a deleted folder and keeps the rest', async () => {
    const fs = new MemoryFileSystem({
      [`${ROOT}/keep/catalog-info.yaml`]: componentYaml('keep'),
      [`${ROOT}/gone/catalog-info.yaml`]: componentYaml('gone'),
      [`${ROOT}/gone/sub/x.catalog-info.yaml`]: componentYaml('gone-too'),
      [`${ROOT}/gone-not/catalog-info.yaml`]: componentYaml('sibling'),
    });
    const workspace = await loadedWorkspace(fs);
    fs.delete(`${ROOT}/gone/catalog-info.yaml`);
    fs.delete(`${ROOT}/gone/sub/x.catalog-info.yaml`);
    await workspace.deletedFolder(`${ROOT}/gone`);
    assert.deepEqual([...workspace.index.refs()].sort(), ['component:default/keep', 'component:default/sibling']);
  });
});
