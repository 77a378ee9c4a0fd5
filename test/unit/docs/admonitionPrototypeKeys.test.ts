import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/docs/renderMarkdown';
import { PROTOTYPE_NAMES } from '../support/hostileEntities';

describe('admonition types named like Object.prototype members', () => {
  for (const name of PROTOTYPE_NAMES.filter((candidate) => /^[A-Za-z_]+$/.test(candidate))) {
    it(`!!! ${name} renders as a note, not as a prototype member`, () => {
      const html = renderMarkdown(`!!! ${name} "Title"\n    body`).html;
      assert.match(
        html,
        /^<div class="admonition note">\n<p class="admonition-title">Title<\/p>\n<p>body<\/p>\n<\/div>\n$/,
        html,
      );
    });
  }
});
