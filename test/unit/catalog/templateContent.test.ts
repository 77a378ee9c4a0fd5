import * as assert from 'node:assert/strict';
import { MultiFolderCatalog } from '../../../src/catalog';
import { templateContentHoverMarkdown } from '../../../src/catalog/language';
import { componentYaml, ROOT, templateYaml, yamlLines } from '../support/catalogFixtures';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Content a template renders: a descriptor full of `${{ }}`, not an entity of this catalog. */
const RENDERED = yamlLines(
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: ${{ values.name }}',
  'spec:',
  '  type: service',
  '  lifecycle: experimental',
  '  owner: ${{ values.owner }}',
);

async function load(files: Record<string, string>): Promise<{ fs: MemoryFileSystem; workspace: MultiFolderCatalog }> {
  const fs = new MemoryFileSystem(files);
  const workspace = new MultiFolderCatalog({ fs });
  workspace.addFolder(ROOT);
  await workspace.loadAll();
  return { fs, workspace };
}

function stateOf(workspace: MultiFolderCatalog): { refs: string[]; problems: string[] } {
  return {
    refs: [...workspace.index.refs()].sort(),
    problems: workspace.index
      .allProblems()
      .map((problem) => `${problem.file} ${problem.code}`)
      .sort(),
  };
}

describe('template content (files a Template fetches are not catalog files)', () => {
  const TEMPLATE = `${ROOT}/templates/service/template.catalog-info.yaml`;
  const files = {
    [TEMPLATE]: templateYaml('service', [
      { action: 'fetch:template', url: './content' },
      { action: 'fetch:plain', url: '../shared/plain' },
      { action: 'fetch:plain', url: 'https://github.com/acme/skeletons/tree/main/x' },
    ]),
    [`${ROOT}/templates/service/content/catalog-info.yaml`]: RENDERED,
    [`${ROOT}/templates/shared/plain/catalog-info.yaml`]: componentYaml('static-example'),
    [`${ROOT}/services/catalog-info.yaml`]: componentYaml('player'),
  };

  it('indexes neither entities nor problems from folders a fetch:template or fetch:plain url points at', async () => {
    const { workspace } = await load(files);
    assert.deepEqual(stateOf(workspace).refs, ['component:default/player', 'template:default/service']);
    assert.deepEqual(
      workspace.index
        .allProblems()
        .filter((problem) => problem.file.includes('/content/') || problem.file.includes('/shared/')),
      [],
    );
    assert.equal(
      workspace.templateContentOf(`${ROOT}/templates/service/content/catalog-info.yaml`),
      'template:default/service',
    );
    assert.equal(
      workspace.templateContentOf(`${ROOT}/templates/shared/plain/catalog-info.yaml`),
      'template:default/service',
    );
    assert.equal(workspace.templateContentOf(`${ROOT}/services/catalog-info.yaml`), undefined);
    workspace.dispose();
  });

  it('releases the content when the Template stops pointing at it, and withholds it again, as a fresh load would', async () => {
    const { fs, workspace } = await load(files);
    fs.write(TEMPLATE, templateYaml('service', [{ action: 'fetch:template', url: './content' }]));
    await workspace.updateFile(TEMPLATE);
    const fresh = await load(fs.snapshot());
    assert.deepEqual(stateOf(workspace), stateOf(fresh.workspace));
    assert.ok(
      stateOf(workspace).refs.includes('component:default/static-example'),
      'the shared folder is catalog again',
    );

    fs.delete(TEMPLATE);
    await workspace.deleteFile(TEMPLATE);
    const again = await load(fs.snapshot());
    assert.deepEqual(stateOf(workspace), stateOf(again.workspace));
    assert.ok(
      stateOf(workspace).problems.some((problem) => problem.startsWith(`${ROOT}/templates/service/content/`)),
      'without its Template, the rendered descriptor is an ordinary (invalid) catalog file',
    );
    for (const each of [workspace, fresh.workspace, again.workspace]) {
      each.dispose();
    }
  });

  it('an edit inside a content folder stays out of the index', async () => {
    const { fs, workspace } = await load(files);
    const inside = `${ROOT}/templates/service/content/catalog-info.yaml`;
    fs.write(inside, componentYaml('edited'));
    await workspace.updateFile(inside);
    assert.equal(workspace.index.has('component:default/edited'), false);
    workspace.dispose();
  });

  it('the hover over such a file names the Template it belongs to', () => {
    const text = templateContentHoverMarkdown(
      'template:default/service',
      (command, args) => `command:${command}?${JSON.stringify(args)}`,
    );
    assert.match(
      text,
      /\*\*Template content\*\* of \[`template:default\/service`\]\(command:greenroom\.openEntity\?\["template:default\/service"\]\)/,
    );
    assert.match(text, /not read this file as a catalog file/);
  });
});
