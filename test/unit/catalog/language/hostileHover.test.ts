import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../../src/catalog';
import {
  entityHoverMarkdown,
  entityTooltipMarkdown,
  unknownRefHoverMarkdown,
  type CommandLink,
  type TooltipLabels,
} from '../../../../src/catalog/language';
import { component, documents, group, indexOf, recordOf } from '../../support/indexFixtures';
import { renderHoverMarkdown } from '../../support/renderHoverMarkdown';

const link: CommandLink = (command, args) => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
const labels: TooltipLabels = {
  owner: 'Owner',
  hasErrors: 'This descriptor has errors.',
  rejectedByBackstage: 'Backstage would reject this entity.',
  fromUrl: (url) => `From URL location ${url}`,
  fromRegistry: (name) => `From registry ${name}`,
  relativePath: (file) => file.replace('/ws/', ''),
};

/** What a hostile catalog file puts in tags, title and description. */
const HOSTILE_TAGS = [
  'x` ![p](http://127.0.0.1:9/p.png) `y',
  '![x](http://127.0.0.1:9/x.png)',
  '[click](command:workbench.action.terminal.new)',
  '$(zap)',
  '<img src=x>',
  'a``b',
];
const OUR_ICONS = new Set([
  'account',
  'tag',
  'link-external',
  'preview',
  'go-to-file',
  'copy',
  'file',
  'server-environment',
  'book',
  'warning',
  'cloud',
  'error',
]);

describe('hover and tooltip with hostile entity data', () => {
  let index: CatalogIndex;

  before(async () => {
    const yamlString = (text: string): string => JSON.stringify(text);
    index = await indexOf({
      'hostile.yaml': documents(
        component('hostile', ['  owner: team-a'], {
          metadata: [
            `  title: ${yamlString('[Title](command:evil) $(zap) <b>bold</b>')}`,
            `  description: ${yamlString('![pixel](http://127.0.0.1:9/pixel.png) $(loading~spin) <script>x</script>')}`,
            `  tags: [${HOSTILE_TAGS.map(yamlString).join(', ')}]`,
            '  links:',
            `    - url: ${yamlString('https://example.com/a) ![img](http://127.0.0.1:9/y.png')}`,
            `      title: ${yamlString('[t](command:evil)')}`,
          ],
        }),
        group('team-a'),
      ),
    });
  });

  function assertInert(markdown: string): ReturnType<typeof renderHoverMarkdown> {
    const rendered = renderHoverMarkdown(markdown);
    assert.doesNotMatch(rendered.html, /<img\b/, 'no image element');
    assert.doesNotMatch(rendered.html, /<(script|b)\b/, 'no HTML from entity data');
    assert.deepEqual(
      rendered.icons.filter((icon) => !OUR_ICONS.has(icon)),
      [],
      'only our own icons',
    );
    const hrefs = [...rendered.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '');
    assert.deepEqual(
      hrefs.filter((href) => !href.startsWith('command:greenroom.') && !href.startsWith('https://example.com/')),
      [],
      'links only to our commands and the entity’s own (encoded) link',
    );
    return rendered;
  }

  it('the hover card shows every hostile tag, the title and the description as literal text', () => {
    const rendered = assertInert(entityHoverMarkdown(index, recordOf(index, 'component:default/hostile'), link));
    for (const tag of HOSTILE_TAGS) {
      assert.ok(rendered.text.includes(tag), `tag ${tag} not shown literally in:\n${rendered.text}`);
    }
    assert.ok(rendered.text.includes('[Title](command:evil) $(zap) <b>bold</b>'));
    assert.ok(rendered.text.includes('![pixel](http://127.0.0.1:9/pixel.png) $(loading~spin) <script>x</script>'));
    assert.ok(rendered.text.includes('[t](command:evil)'), 'the link title is text');
    assert.equal(
      (rendered.html.match(/href="https:\/\/example\.com\//g) ?? []).length,
      1,
      'the entity link stays one link',
    );
  });

  it('the tree tooltip shows them as literal text too', () => {
    const rendered = assertInert(entityTooltipMarkdown(recordOf(index, 'component:default/hostile'), labels));
    for (const tag of HOSTILE_TAGS) {
      assert.ok(rendered.text.includes(tag), `tag ${tag} not shown literally in:\n${rendered.text}`);
    }
    assert.ok(rendered.text.includes('hostile.yaml:1'));
  });

  it('the unknown-ref hover shows the ref literally', () => {
    const rendered = assertInert(unknownRefHoverMarkdown(index, 'component:default/x`y', ['Component'], link));
    assert.ok(rendered.text.includes('component:default/x`y'));
  });
});
