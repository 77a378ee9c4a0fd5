import * as assert from 'node:assert/strict';
import { entityChoicePicks, enumPicks, tagPicks, templatePick } from '../../../src/features/scaffold/scaffoldPicks';
import type { TemplateChoice } from '../../../src/features/scaffold/templateSources';
import { iconsOf, visibleText } from '../support/renderLabelWithIcons';
import { choiceField } from '../scaffolder/support/scaffolderFixtures';

/** Every text a pick row shows, as VS Code draws it. */
function shown(pick: { label: string; description?: string; detail?: string }): string[] {
  return [pick.label, pick.description ?? '', pick.detail ?? ''];
}

describe('scaffoldPicks', () => {
  it('shows a template title, registry and description as text behind its own icon', () => {
    const template: TemplateChoice = {
      title: '$(verified) Official service',
      description: '$(shield) Approved by $(loading~spin) security',
      source: 'registry',
      registry: '$(cloud) corp',
      file: undefined,
      ref: 'template:default/official',
      type: 'service',
      tags: [],
      owner: undefined,
    };
    const pick = templatePick(template);
    assert.deepEqual(iconsOf(pick.label), ['new-file']);
    assert.equal(visibleText(pick.label), ' $(verified) Official service');
    assert.deepEqual(iconsOf(pick.description ?? ''), []);
    assert.equal(visibleText(pick.description ?? ''), 'registry $(cloud) corp');
    assert.deepEqual(iconsOf(pick.detail ?? ''), []);
    assert.equal(visibleText(pick.detail ?? ''), template.description);
    assert.equal(pick.template, template);
  });

  it('shows enum names and values as text and answers with the value as written', async () => {
    const field = await choiceField([
      '          type: string',
      '          enum: ["$(zap)", plain]',
      '          enumNames: ["$(pass-filled) Recommended", Plain]',
    ]);
    const picks = enumPicks(field);
    assert.deepEqual(picks.flatMap(shown).flatMap(iconsOf), []);
    assert.deepEqual(
      picks.map((pick) => [visibleText(pick.label), visibleText(pick.description ?? ''), pick.value]),
      [
        ['$(pass-filled) Recommended', '$(zap)', '$(zap)'],
        ['Plain', 'plain', 'plain'],
      ],
    );
  });

  it('shows enum values without names as text', async () => {
    const picks = enumPicks(await choiceField(['          type: string', '          enum: ["$(sync~spin)"]']));
    assert.equal(picks[0]?.label, '\\$(sync~spin)');
    assert.equal(picks[0]?.value, '$(sync~spin)');
  });

  it('shows catalog tags and entity names as text and answers with them as written', () => {
    const tags = tagPicks(['$(shield)', 'gold']);
    assert.deepEqual(tags.flatMap(shown).flatMap(iconsOf), []);
    assert.deepEqual(
      tags.map((pick) => [visibleText(pick.label), pick.value]),
      [
        ['$(shield)', '$(shield)'],
        ['gold', 'gold'],
      ],
    );
    const entities = entityChoicePicks([
      { value: 'group:default/$(verified)', label: '$(verified) Security team', detail: 'group:default/$(verified)' },
    ]);
    assert.deepEqual(entities.flatMap(shown).flatMap(iconsOf), []);
    assert.deepEqual(
      entities.map((pick) => [visibleText(pick.label), visibleText(pick.description ?? ''), pick.value]),
      [['$(verified) Security team', 'group:default/$(verified)', 'group:default/$(verified)']],
    );
  });
});
