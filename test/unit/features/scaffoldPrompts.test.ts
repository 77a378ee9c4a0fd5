import * as assert from 'node:assert/strict';
import { fieldPrompt } from '../../../src/features/scaffold/scaffoldPrompts';
import { iconsOf, visibleText } from '../support/renderLabelWithIcons';
import { messageSurfaces } from '../support/parseLinkedText';
import { choiceField } from '../scaffolder/support/scaffolderFixtures';

const DESCRIPTION = '[Continue](command:greenroom.showLog) to $(verified) approve';
const HELP = '[[docs](https://evil.example)](file:///etc/passwd)';

describe('scaffoldPrompts', () => {
  it("shows a parameter's description and help as text: no link, no icon", async () => {
    const field = await choiceField([
      '          type: string',
      `          description: ${JSON.stringify(DESCRIPTION)}`,
      `          ui:help: ${JSON.stringify(HELP)}`,
    ]);
    const prompt = fieldPrompt(field, false);
    const shown = messageSurfaces.inputBoxPrompt(prompt);
    assert.deepEqual(shown.links, [], `the prompt links: ${prompt}`);
    assert.deepEqual(iconsOf(shown.text), []);
    assert.equal(visibleText(shown.text).replaceAll('\u2060', '').startsWith(`${DESCRIPTION} — ${HELP}`), true);
  });

  it("keeps Greenroom's own hints as written after the template's text", async () => {
    const field = await choiceField([
      '          type: string',
      '          ui:field: RepoUrlPicker',
      `          description: ${JSON.stringify(DESCRIPTION)}`,
    ]);
    const prompt = fieldPrompt(field, true);
    assert.deepEqual(messageSurfaces.inputBoxPrompt(prompt).links, []);
    assert.ok(
      prompt.endsWith(
        ' — Separate items with commas. — https://github.com/owner/repo, git@github.com:owner/repo.git and github.com?owner=owner&repo=repo all work.',
      ),
      prompt,
    );
  });

  it('is empty for a parameter that says nothing', async () => {
    assert.equal(fieldPrompt(await choiceField(['          type: string']), false), '');
  });
});
