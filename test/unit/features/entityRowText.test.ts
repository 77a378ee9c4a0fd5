import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import {
  appendOriginLine,
  appendScoreLine,
  entityRowDescription,
} from '../../../src/features/catalogTree/entityRowText';
import { component, documents, indexOf, recordOf } from '../support/indexFixtures';
import { MarkdownString } from '../support/vscodeFake';

describe('entity row text', () => {
  it('marks a workspace entity also served by a registry, and says so in words in the tooltip', async () => {
    const index = await indexOf({ 'catalog-info.yaml': documents(component('alpha', ['  owner: team-a'])) });
    const record = recordOf(index, 'component:default/alpha');
    assert.equal(entityRowDescription(record, ['larkspur-backstage'], { passed: 4, total: 6 }), '⇅ 4/6');
    const tooltip = appendOriginLine(
      appendScoreLine(new MarkdownString('') as unknown as vscode.MarkdownString, { passed: 4, total: 6 }),
      record,
      ['larkspur-backstage'],
    );
    assert.match(tooltip.value, /4 of 6 checks pass/);
    assert.match(tooltip.value, /Also in larkspur\\-backstage/); // Markdown-escaped
  });

  it('says nothing of registries for an entity only in the workspace', async () => {
    const index = await indexOf({ 'catalog-info.yaml': documents(component('alpha', ['  owner: team-a'])) });
    const record = recordOf(index, 'component:default/alpha');
    const tooltip = appendOriginLine(new MarkdownString('') as unknown as vscode.MarkdownString, record, []);
    assert.equal(tooltip.value, '');
    assert.equal(entityRowDescription(record, [], undefined), 'service');
  });
});
