// Descriptors not named catalog-info.yaml, as a user meets them: invisible at first; Greenroom:
// Choose Catalog Files… finds them, offers a glob per file name, and once accepted they are in
// the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import { waitUntil } from './support/workbench';

const FOLDER = 'legacy-descriptors';
const NAMES = ['ledger-reconciler', 'ledger-exporter'];

describe('Choose Catalog Files: descriptors with other names', () => {
  const settingsFile = (): string => path.join(e2e().workspaceFolder, '.vscode', 'settings.json');
  let settingsBefore: string | undefined;

  before(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    settingsBefore = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
    for (const name of NAMES) {
      const folder = path.join(workspaceFolder, FOLDER, name);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(
        path.join(folder, 'backstage.yaml'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Component',
          'metadata:',
          `  name: ${name}`,
          'spec:',
          '  type: service',
          '  lifecycle: production',
          '  owner: team-payments',
          '',
        ].join('\n'),
      );
    }
  });

  after(async () => {
    const { workbench, workspaceFolder } = e2e();
    await workbench.closeAllEditors();
    fs.rmSync(path.join(workspaceFolder, FOLDER), { recursive: true, force: true });
    if (settingsBefore === undefined) {
      fs.rmSync(settingsFile(), { force: true });
    } else {
      fs.writeFileSync(settingsFile(), settingsBefore);
    }
  });

  it('finds backstage.yaml files, adds their glob, and shows their entities', async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView('Catalog');
    await workbench.collapseAllRows('Catalog');
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.page.waitForTimeout(1500);
    const before = await workbench.treeRows('Catalog');
    assert.ok(
      !before.some((row) => NAMES.includes(row.label)),
      'the backstage.yaml files were indexed before being chosen',
    );

    await workbench.runCommand('Greenroom: Choose Catalog Files…');
    let labels: string[] = [];
    await waitUntil(
      async () => (labels = await workbench.quickInputLabels()).some((label) => label.includes('backstage.yaml')),
      30_000,
      () => `no glob offered for backstage.yaml: ${labels.join(' | ')}`,
    );
    // Only what a glob would bring in: the template skeleton's catalog-info.yaml is excluded, so it is not offered.
    assert.deepEqual(
      labels.filter((label) => label.includes('*')).map((label) => label.split(' ')[0]),
      ['**/backstage.yaml'],
      `offered: ${labels.join(' | ')}`,
    );
    await workbench.screenshot('journey-choose-catalog-files.png');
    await workbench.quickInput().locator('input').first().press('Enter');
    await waitUntil(
      async () => (await workbench.notifications()).some((text) => text.includes('greenroom.catalogGlobs')),
      15_000,
      'no message about the added glob',
    );
    assert.match(fs.readFileSync(settingsFile(), 'utf8'), /backstage\.yaml/);

    await workbench.collapseAllRows('Catalog');
    await workbench.expandRow('Components', 'Catalog', 1);
    await workbench.waitForTreeRows(
      'Catalog',
      (rows) => NAMES.every((name) => rows.some((row) => row.label === name)),
      30_000,
    );
    await workbench.screenshot('journey-choose-catalog-files-tree.png');
  });
});
