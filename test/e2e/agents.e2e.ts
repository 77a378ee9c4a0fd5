// An agent in the editor uses Greenroom's language-model tools: here the third-party test
// extension calls vscode.lm.invokeTool as agent mode would, with no model involved, and shows
// what came back.
import * as assert from 'node:assert/strict';
import { e2e } from './hooks';
import { waitUntil } from './support/workbench';

describe('Language-model tools for agents', () => {
  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    await workbench.openViewContainer('Greenroom');
    await workbench.waitForTreeRows('Catalog', (rows) => rows.some((r) => r.label === 'Components'));
  });

  after(async () => {
    await e2e().workbench.dismissPopups();
  });

  it('who-owns and validate-entity answer through vscode.lm.invokeTool', async () => {
    const { workbench } = e2e();
    await workbench.runCommand("Acme: Ask Greenroom's Tools");
    let shown: string[] = [];
    await waitUntil(async () => {
      shown = await workbench.notifications();
      return shown.filter((text) => text.startsWith('Acme asked')).length >= 2;
    }, 30_000, () => `the tools did not both answer; notifications: ${JSON.stringify(shown)}`);
    const owner = shown.find((text) => text.includes('greenroom_who_owns')) ?? '';
    assert.doesNotMatch(owner, /failed/, owner);
    assert.match(owner, /group:default\/team-playback/, `who-owns did not name the owning group: ${owner}`);
    assert.match(owner, /"ref":"component:default\/playback-service"/, `who-owns did not name the entity governing the file: ${owner}`);
    const validation = shown.find((text) => text.includes('greenroom_validate_entity')) ?? '';
    assert.doesNotMatch(validation, /failed/, validation);
    assert.match(validation, /"isValid":false/, `an invalid name passed validation: ${validation}`);
    assert.match(validation, /"isValidYaml":true/, validation);
    await workbench.screenshot('agents-invoke-tool.png');
  });
});
