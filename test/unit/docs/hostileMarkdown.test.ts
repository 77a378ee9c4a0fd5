import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { docsLinkTarget } from '../../../src/docs/docsLinks';
import { renderDocsPage } from '../../../src/docs/docsSite';
import { renderMarkdown } from '../../../src/docs/renderMarkdown';
import type { TechDocsSite } from '../../../src/docs/techdocsLocation';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { decodeEntities, openingTags, withoutAttributeValues } from './htmlInspection';

// Compiled to out/test/unit/docs, so the repository root is four levels up.
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const HOSTILE = readFileSync(path.join(REPO_ROOT, 'test/fixtures/docs/hostile.md'), 'utf8');
const RESOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

const FORBIDDEN_MARKUP = [
  '<script',
  '<iframe',
  '<svg',
  '<style',
  '<meta',
  '<base',
  '<form',
  '<object',
  '<embed',
  '<link',
  '<math',
  '<textarea',
  '<template',
  '<video',
  '<audio',
  '<body',
  '<button',
  '<isindex',
  '<xmp',
  '<noscript',
  '<marquee',
];

/** What each tag may carry after sanitizing; anything else (on*, style, srcdoc, formaction…) is a failure. */
const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'data-page', 'data-anchor', 'data-external', 'data-asset'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  input: ['class', 'type', 'checked', 'disabled'],
  details: ['open', 'class'],
  ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, ['id']])),
};
const CLASS_ONLY = ['div', 'p', 'span', 'summary', 'ul', 'ol', 'li', 'code', 'th', 'td'];

function assertSafe(html: string, context: string): void {
  const lower = decodeEntities(html).toLowerCase();
  for (const markup of FORBIDDEN_MARKUP) {
    assert.ok(!html.toLowerCase().includes(markup), `${context}: ${markup} survived in\n${html}`);
  }
  for (const scheme of ['javascript:', 'vbscript:', 'data:text']) {
    assert.ok(!lower.includes(scheme), `${context}: ${scheme} survived in\n${html}`);
  }
  assert.doesNotMatch(
    withoutAttributeValues(html),
    /\son[a-z]+\s*=/i,
    `${context}: an event handler survived in\n${html}`,
  );
  for (const tag of openingTags(html)) {
    const allowed = ALLOWED_ATTRIBUTES[tag.name] ?? (CLASS_ONLY.includes(tag.name) ? ['class'] : []);
    for (const [name, value] of tag.attributes) {
      assert.ok(allowed.includes(name), `${context}: <${tag.name} ${name}="${value}"> survived in\n${html}`);
    }
    const href = tag.attributes.get('href');
    if (href !== undefined) {
      assert.match(href, /^(#|https?:\/\/[^/]|mailto:)/, `${context}: href ${href}`);
      assert.ok(!href.startsWith('#') || href === '#', `${context}: href ${href}`);
    }
    const src = tag.attributes.get('src');
    if (src !== undefined) {
      assert.ok(
        src.startsWith(`${RESOURCE}/`) || /^data:image\/(png|gif|jpeg|webp);base64,/.test(src),
        `${context}: src ${src}`,
      );
    }
    const page = tag.attributes.get('data-page');
    if (page !== undefined) {
      assert.ok(!page.startsWith('/') && !page.split('/').includes('..'), `${context}: data-page ${page}`);
    }
  }
}

/** The corpus split into its blocks, so one failing vector is named rather than hidden in the whole. */
const BLOCKS = HOSTILE.split(/\n\s*\n/).filter((block) => block.trim().length > 0);

describe('hostile markdown (test/fixtures/docs/hostile.md)', () => {
  it('has checks that catch what they look for (so a pass means something)', () => {
    for (const unsafe of [
      '<script>x</script>',
      '<p onclick="x">a</p>',
      '<a href="java&#115;cript:x">a</a>',
      '<img src="https://evil.example/x">',
      '<a href="#" data-page="../x">a</a>',
      '<p style="color:red">a</p>',
      '<svg></svg>',
      '<a href="/x">a</a>',
    ]) {
      assert.throws(() => assertSafe(unsafe, 'sample'), assert.AssertionError, unsafe);
    }
    assert.doesNotThrow(() =>
      assertSafe(`<p><a href="#" data-page="a.md">a</a> <img src="${RESOURCE}/x.png" alt=""></p>`, 'sample'),
    );
  });

  it('has a corpus worth the name', () => {
    assert.ok(BLOCKS.length > 60, `${BLOCKS.length} blocks`);
  });

  it('renderMarkdown with the default policy lets nothing dangerous through', () => {
    const html = renderMarkdown(HOSTILE).html;
    assertSafe(html, 'whole corpus');
    assert.match(html, /<p>The end: this paragraph must survive\.<\/p>/);
  });

  it('renderMarkdown with a docs link policy lets nothing dangerous through, block by block', () => {
    for (const block of BLOCKS) {
      const html = renderMarkdown(block, {
        resolveLink: (href) => docsLinkTarget('guides/page.md', href),
        // A permissive image policy: the sanitizer must still refuse what is not a raster data: URI.
        resolveImage: (src) => (src.startsWith('data:') ? src : `${RESOURCE}/docs/${encodeURIComponent(src)}`),
      }).html;
      assertSafe(html, block);
    }
  });

  it('renderDocsPage on the corpus lets nothing dangerous through and reports the refused links', async () => {
    const site: TechDocsSite = { siteName: 'Hostile', root: '/repo', docsDir: '/repo/docs', mkdocsFile: undefined };
    const fs = new MemoryFileSystem({ '/repo/docs/hostile.md': HOSTILE, '/repo/docs/x': 'not really an image' });
    const page = await renderDocsPage(fs, site, 'hostile.md', {
      assetUri: (absolutePath) => `${RESOURCE}${absolutePath}`,
    });
    assertSafe(page.html, 'renderDocsPage');
    assert.equal(page.title, 'Hostile markdown');
    assert.match(page.html, /<img src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/repo\/docs\/x" alt="" \/>/);
    assert.match(
      page.problems.join('\n'),
      /link javascript:alert\(1\) leads outside the docs or uses an unsupported scheme/,
    );
    assert.match(
      page.problems.join('\n'),
      /image https:\/\/tracker\.example\.com\/pixel\.gif is not in the docs folder/,
    );
  });

  it('keeps the text of refused links and the headings of the corpus', () => {
    const html = renderMarkdown(HOSTILE).html;
    for (const text of [
      '<a>plain</a>',
      '<a>raw entities</a>',
      '<a>protocol relative</a>',
      '<h2 id="x">heading with a handler</h2>',
      '<span class="missing-image">markdown image</span>',
    ]) {
      assert.ok(html.includes(text), `${text} missing`);
    }
  });
});
