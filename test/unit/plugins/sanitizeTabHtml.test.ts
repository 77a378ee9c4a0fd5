import * as assert from 'node:assert/strict';
import { relationsGraphSvg } from '../../../src/plugins/builtin/relationsGraph';
import { toEntityView } from '../../../src/plugins/entityView';
import { sanitizeTabHtml } from '../../../src/plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { component, documents, group, indexOf, recordOf } from '../support/indexFixtures';
import { openingTags, withoutAttributeValues } from '../docs/htmlInspection';

/** Markup that must never survive: it runs code, loads a frame, submits, or restyles the panel. */
const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'style',
  'meta',
  'base',
  'form',
  'object',
  'embed',
  'link',
  'math',
  'textarea',
  'template',
  'video',
  'audio',
  'button',
  'frame',
  'frameset',
  'noscript',
];

/** Known XSS vectors a plugin (or the docs it shows) could hand the entity page. */
const HOSTILE_CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="java&#115;cript:alert(1)">x</a>',
  '<a href="  JaVaScRiPt:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<form action="https://evil.example"><input type="text" name="q"><button>go</button></form>',
  '<input type="image" src="x" onerror="alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div onclick="alert(1)" onmouseover="alert(1)">x</div>',
  '<details open ontoggle=alert(1)>x</details>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<img src="//evil.example/x.png">',
  '<img src="file:///etc/passwd">',
  '<vscode-button onclick="alert(1)">x</vscode-button>',
  '<vscode-textfield value="x" onfocus="alert(1)" autofocus></vscode-textfield>',
  '<p class="x" id="y" data-command="workbench.action.terminal.new" onauxclick="alert(1)">x</p>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)//',
  '<a href="https://ok.example" target="_blank" rel="opener">x</a>',
];

function unsafeParts(html: string): string[] {
  const found: string[] = [];
  for (const tag of openingTags(html)) {
    if (FORBIDDEN_TAGS.includes(tag.name)) {
      found.push(`<${tag.name}>`);
    }
    for (const [name, value] of tag.attributes) {
      if (
        name.startsWith('on') ||
        name === 'style' ||
        name === 'srcdoc' ||
        name === 'target' ||
        name === 'xlink:href' ||
        name === 'autofocus'
      ) {
        found.push(`${tag.name}[${name}]`);
      }
      if (
        (name === 'href' && value !== '#') ||
        ((name === 'src' || name === 'data-href') &&
          /^\s*(javascript|vbscript|file|data:(?!image\/(png|gif|jpeg|webp);base64,))/i.test(value))
      ) {
        found.push(`${tag.name}[${name}=${value}]`);
      }
    }
  }
  if (/<script/i.test(withoutAttributeValues(html))) {
    found.push('script text');
  }
  return found;
}

describe('sanitizeTabHtml: hostile HTML from plugins', () => {
  for (const attack of HOSTILE_CORPUS) {
    it(`neutralises ${attack.slice(0, 70)}`, () => {
      const clean = sanitizeTabHtml(attack);
      assert.deepEqual(unsafeParts(clean), [], clean);
    });
  }

  it('keeps the structure and the link data tabs are built from', () => {
    const clean = sanitizeTabHtml(
      '<h2>Title</h2><table><tr><td align="right">1</td></tr></table><a href="https://x.example/a">ext</a><a href="#" data-entity-ref="component:default/a">a</a><vscode-badge variant="counter">3</vscode-badge>',
    );
    const tags = openingTags(clean);
    assert.deepEqual(
      tags.map((tag) => tag.name),
      ['h2', 'table', 'tr', 'td', 'a', 'a', 'vscode-badge'],
    );
    const links = tags.filter((tag) => tag.name === 'a');
    assert.equal(
      links[0]?.attributes.get('data-href'),
      'https://x.example/a',
      'an external link keeps its target for the host',
    );
    assert.equal(links[0]?.attributes.get('href'), '#', 'and never navigates the webview');
    assert.equal(links[1]?.attributes.get('data-entity-ref'), 'component:default/a');
  });

  it('judges data: images as the docs sanitizer does: small raster images only', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.match(sanitizeTabHtml(`<img src="${png}" alt="logo">`), /src="data:image\/png;base64,iVBORw0KGgo="/);
    const huge = `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}`;
    const clean = sanitizeTabHtml(`<img src="${huge}" alt="too big">`);
    assert.doesNotMatch(clean, /src=/, 'a data: image over the docs limit must not be inlined');
    assert.match(clean, /alt="too big"/);
  });
});

describe('sanitizeTabHtml: the relations graph survives', () => {
  it('keeps the SVG viewBox, so the graph scales to the panel instead of being cut at 150 px', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(
        component('a', ['  owner: team-a', '  dependsOn: [component:b]']),
        component('b', ['  owner: team-a']),
        group('team-a'),
      ),
    });
    const svg = sanitizeTabHtml(
      relationsGraphSvg(
        toEntityView(index, recordOf(index, 'component:default/a')),
        createTabRenderContext(index, undefined, () => undefined),
      ),
    );
    const tags = openingTags(svg);
    const root = tags.find((tag) => tag.name === 'svg');
    const [x = NaN, y = NaN, width = NaN, height = NaN] = (root?.attributes.get('viewbox') ?? '')
      .split(' ')
      .map(Number);
    assert.ok(width > 0 && height > 0, `no usable viewBox: ${svg.slice(0, 200)}`);
    // Every node lies inside the viewBox: the whole neighbourhood is drawn in view.
    const nodes = tags.filter(
      (tag) => tag.name === 'g' && (tag.attributes.get('transform') ?? '').startsWith('translate('),
    );
    assert.ok(nodes.length >= 3, `only ${nodes.length} nodes`);
    for (const node of nodes) {
      const [left = NaN, top = NaN] =
        /translate\((-?\d+),(-?\d+)\)/
          .exec(node.attributes.get('transform') ?? '')
          ?.slice(1)
          .map(Number) ?? [];
      assert.ok(
        left >= x && top >= y && left + 210 <= x + width && top + 40 <= y + height,
        `node at ${left},${top} outside ${x} ${y} ${width} ${height}`,
      );
    }
    // The depth, direction and zoom controls survive as the webview acts on them.
    assert.ok(
      tags.some((tag) => tag.attributes.get('data-tab-state') === 'graph:2:both#relations-graph'),
      'no depth 2 control',
    );
    assert.ok(
      tags.some((tag) => tag.attributes.get('data-graph-action') === 'fit'),
      'no fit control',
    );
  });
});
