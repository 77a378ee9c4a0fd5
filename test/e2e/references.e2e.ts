// Entity refs in a descriptor act like code: hover an owner to see who it is, F12 on a dependency
// to jump to its descriptor, and completion offers the groups when typing an owner.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { exampleEntities, examplesDir, findInExample, resolveRef } from './support/examples';
import { escapeRegExp, waitUntil } from './support/workbench';

describe('References in descriptors', () => {
  const entities = exampleEntities();
  const groups = entities.filter((e) => e.kind === 'Group');

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    // Language features answer once the catalog is indexed: wait for the tree to be filled.
    await workbench.openViewContainer('Greenroom');
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((r) => r.label === 'Components'));
  });

  after(async () => {
    await e2e().workbench.closeAllEditors();
  });

  afterEach(async () => {
    const { workbench } = e2e();
    await workbench.page.keyboard.press('Escape');
    await workbench.dismissPopups();
  });

  it('hovering an owner shows the owning group and an "Open entity" action', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    const file = 'services/playback-service/catalog-info.yaml';
    const component = entities.find((e) => e.file === file && e.kind === 'Component' && e.owner !== undefined);
    assert.ok(component?.owner, `examples/${file} has no Component with spec.owner`);
    const owner = resolveRef(entities, component.owner, 'group');
    assert.ok(owner, `owner ${component.owner} of ${component.name} is not in examples/`);
    const position = findInExample(
      file,
      new RegExp(`^\\s+owner:\\s*${escapeRegExp(component.owner)}\\s*$`),
      component.owner,
    );

    await workbench.openFile(file);
    await workbench.goToLine(position.line, position.column);

    // Move the mouse over the owner value, as a user would.
    const line = workbench
      .activeEditor()
      .locator('.view-line')
      .filter({ hasText: new RegExp(`owner:\\s*${escapeRegExp(component.owner)}`) })
      .first();
    await line.waitFor({ state: 'visible' });
    const value = line.locator('span > span').filter({ hasText: component.owner }).last();
    const text = await workbench.hoverOver(value, (shown) => shown.includes('Open entity'));

    const ownerTitle = owner.title ?? owner.name;
    assert.ok(text.includes(ownerTitle), `hover does not name the owner "${ownerTitle}": "${text}"`);
    assert.ok(text.includes(`group:default/${owner.name}`), `hover does not show the ref of ${owner.name}: "${text}"`);
    assert.ok(/\bGroup\b/.test(text), `hover does not say the owner is a Group: "${text}"`);
    await workbench.screenshot('hover-owner.png');
    await page.mouse.move(1300, 850);
  });

  it('F12 on a dependsOn entry opens the descriptor of the dependency', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    const file = 'services/playlists-service/catalog-info.yaml';
    const dependency = 'resource:playlists-db';
    const target = resolveRef(entities, dependency, 'component');
    assert.ok(target, `${dependency} is not in examples/`);
    assert.notEqual(target.file, file, 'the dependency should live in another file for this test');
    const position = findInExample(file, new RegExp(`^\\s+-\\s*${escapeRegExp(dependency)}\\s*$`), dependency);

    await workbench.openFile(file);
    // Cursor inside the name part of the ref.
    await workbench.goToLine(position.line, position.column + dependency.indexOf(':') + 3);
    await page.keyboard.press('F12');

    const targetName = target.file.split('/').pop() ?? '';
    await workbench.waitForActiveEditor(
      (tab) => tab.path.endsWith(`/${target.file}`),
      `F12 did not open examples/${target.file}`,
    );
    assert.equal((await workbench.activeTab()).title, targetName);
    let lines: string[] = [];
    await waitUntil(
      async () =>
        (lines = await workbench.editorLines()).some((l) =>
          new RegExp(`^\\s*name:\\s*${escapeRegExp(target.name)}\\s*$`).test(l),
        ),
      10_000,
      () => `the editor does not show "name: ${target.name}"; lines on screen:\n${lines.join('\n')}`,
    );
    assert.deepEqual(
      await workbench.breadcrumbs(),
      target.file.split('/'),
      'the breadcrumbs do not spell the target file',
    );
    await workbench.screenshot('hover-goto-definition.png');
  });

  it('typing an owner under spec: offers the example groups', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    const file = 'services/playlists-service/catalog-info.yaml';
    const spec = findInExample(file, /^spec:\s*$/, 'spec:');
    const indent = indentOfSpecFields(file);

    await workbench.openFile(file);
    await workbench.goToLine(spec.line, 'spec:'.length + 1);
    await page.keyboard.press('Enter');
    // Whatever indentation the editor added, the new line is exactly `<indent>owner: `.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type(`${indent}owner: `);
    await workbench.waitForCursor(spec.line + 1, indent.length + 'owner: '.length + 1);

    let labels: string[] = [];
    const expected = groups.map((g) => g.name).sort();
    const allListed = async (): Promise<boolean> => {
      labels = await workbench.suggestions();
      return expected.every((name) => labels.includes(name));
    };
    // Typing the space after `owner:` opens suggestions; ask with Ctrl+Space if it did not.
    await waitUntil(allListed, 3000, '').catch(async () => {
      await page.keyboard.press('Control+Space');
      await waitUntil(
        allListed,
        10_000,
        () => `suggestions do not list every example group (${expected.join(', ')}); shown: ${labels.join(', ')}`,
      );
    });
    // Groups, the default kind of spec.owner, come first.
    assert.deepEqual(labels.slice(0, expected.length), expected, `groups are not listed first: ${labels.join(', ')}`);
    await workbench.screenshot('hover-completion-owner.png');

    await page.keyboard.press('Escape');
    await waitUntil(async () => (await workbench.suggestions()).length === 0, 5000, 'the suggest widget did not close');
    await workbench.undoUntilClean();
  });
});

/** The indentation of the first field under the first `spec:` of an examples/ file. */
function indentOfSpecFields(file: string): string {
  const lines = fs.readFileSync(path.join(examplesDir(), file), 'utf8').split(/\r?\n/);
  const spec = lines.findIndex((line) => /^spec:\s*$/.test(line));
  const first = lines[spec + 1] ?? '';
  const indent = /^( +)\S/.exec(first)?.[1];
  if (spec < 0 || indent === undefined) throw new Error(`no indented field under spec: in examples/${file}`);
  return indent;
}
