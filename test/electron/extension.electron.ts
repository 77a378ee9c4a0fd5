import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GreenroomApi } from '../../src/api';

async function greenroom(): Promise<GreenroomApi> {
  const extension = vscode.extensions.getExtension<GreenroomApi>('greenroom-dev.greenroom');
  assert.ok(extension, 'Greenroom is not installed in the test editor');
  const api = await extension.activate();
  await api.whenIndexed();
  return api;
}

function examplesFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite opens examples/ as its workspace');
  return vscode.Uri.file(path.join(folder.uri.fsPath, ...parts));
}

describe('Greenroom in desktop VS Code', () => {
  it('indexes examples/ and serves its entities through the API', async () => {
    const api = await greenroom();
    const entities = api.getEntities();
    assert.ok(entities.length > 40, `only ${entities.length} entities indexed`);
    const playback = api.getEntity('component:default/playback-service');
    assert.ok(playback, 'playback-service missing');
    assert.equal(playback.kind, 'Component');
  });

  it('shows a hover card on an owner ref', async () => {
    await greenroom();
    const document = await vscode.workspace.openTextDocument(
      examplesFile('services', 'playback-service', 'catalog-info.yaml'),
    );
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => /^\s*owner:/.test(text));
    assert.ok(line >= 0, 'no owner: line in the playback descriptor');
    const character = document.lineAt(line).text.indexOf(':') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(line, character),
    );
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(text, /Group/, `the hover did not describe the owner group: ${text.slice(0, 300)}`);
  });

  it('contributes its commands', async () => {
    await greenroom();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['greenroom.refresh', 'greenroom.goToEntity', 'greenroom.openEntity']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});
