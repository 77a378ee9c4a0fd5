import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, HOVER_COMMANDS, PANEL_COMMANDS } from '../../../src/shared/commands';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
};

describe('command IDs', () => {
  it('package.json contributes exactly the commands the code names', () => {
    const contributed = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('links may only run commands that exist', () => {
    const known = new Set<string>(Object.values(Commands));
    for (const command of [...HOVER_COMMANDS, ...PANEL_COMMANDS]) {
      assert.ok(known.has(command), command);
    }
  });
});
