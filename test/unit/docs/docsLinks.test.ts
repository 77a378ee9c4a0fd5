import * as assert from 'node:assert/strict';
import { docsImageSource, docsLinkTarget } from '../../../src/docs/docsLinks';
import { DocsPathError, normalizeDocsPath } from '../../../src/docs/docsPaths';
import { classifyHref } from '../../../src/docs/hrefs';

describe('classifyHref', () => {
  it('keeps http(s) and mailto as external, everything else with a scheme is unsafe', () => {
    assert.deepEqual(classifyHref('https://backstage.io'), { kind: 'external', url: 'https://backstage.io' });
    assert.deepEqual(classifyHref('MAILTO:a@b.c'), { kind: 'external', url: 'MAILTO:a@b.c' });
    for (const unsafe of [
      'javascript:alert(1)',
      'JaVaScRiPt:x',
      ' javascript:x',
      'java\tscript:x',
      'java\nscript:x',
      '\u0000javascript:x',
      'vbscript:x',
      'data:text/html,x',
      'file:///etc/passwd',
      'vscode:extension/x',
      'command:workbench.action.quit',
      '//evil.example.com',
      '\\\\evil\\share',
      'java%09script:x',
    ]) {
      assert.deepEqual(classifyHref(unsafe), { kind: 'unsafe' }, unsafe);
    }
  });

  it('splits relative links into a decoded path and anchor, dropping queries', () => {
    assert.deepEqual(classifyHref('#top'), { kind: 'anchor', anchor: 'top' });
    assert.deepEqual(classifyHref('my%20page.md?x=1#sec%20two'), {
      kind: 'relative',
      path: 'my page.md',
      anchor: 'sec two',
    });
    assert.deepEqual(classifyHref('../a.md'), { kind: 'relative', path: '../a.md' });
    assert.deepEqual(classifyHref('bad%zzescape.md'), { kind: 'relative', path: 'bad%zzescape.md' });
  });
});

describe('docsLinkTarget and docsImageSource', () => {
  it('resolves page, folder, anchor and asset links from the page folder', () => {
    assert.deepEqual(docsLinkTarget('a/b/page.md', '../c.md#x'), { kind: 'page', path: 'a/c.md', anchor: 'x' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', 'sub/'), { kind: 'page', path: 'a/b/sub/' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', 'other'), { kind: 'page', path: 'a/b/other' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', '#only'), { kind: 'page', path: 'a/b/page.md', anchor: 'only' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', '?q#y'), { kind: 'page', path: 'a/b/page.md', anchor: 'y' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', '/index.md'), { kind: 'page', path: 'index.md' });
    assert.deepEqual(docsLinkTarget('a/b/page.md', 'files/report.pdf'), {
      kind: 'asset',
      path: 'a/b/files/report.pdf',
    });
  });

  it('refuses links that climb out of the docs folder or use unsafe schemes', () => {
    for (const href of ['../../../x.md', '/../x.md', '../../../../etc/passwd', 'javascript:alert(1)', '//evil/x.md']) {
      assert.equal(docsLinkTarget('a/b/page.md', href), undefined, href);
    }
  });

  it('loads images from the docs folder or raster data: URIs only', () => {
    assert.deepEqual(docsImageSource('a/page.md', 'img/x.png'), { kind: 'file', path: 'a/img/x.png' });
    assert.deepEqual(docsImageSource('a/page.md', 'data:image/webp;base64,UklGR=='), {
      kind: 'inline',
      src: 'data:image/webp;base64,UklGR==',
    });
    for (const src of [
      'https://tracker.example/p.gif',
      '../../x.png',
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html,<b>',
      'javascript:x',
    ]) {
      assert.equal(docsImageSource('a/page.md', src), undefined, src);
    }
  });
});

describe('normalizeDocsPath', () => {
  it('normalises inside paths and refuses the rest', () => {
    assert.equal(normalizeDocsPath('./a/./b/../c.md'), 'a/c.md');
    assert.equal(normalizeDocsPath('a\\b.md'), 'a/b.md');
    assert.equal(normalizeDocsPath(''), '');
    assert.equal(normalizeDocsPath('.'), '');
    for (const bad of ['..', '../x', 'a/../../x', '/abs', 'C:/x', 'c:\\x', '\\\\server\\x', 'a\0b', 'x'.repeat(2000)]) {
      assert.throws(() => normalizeDocsPath(bad), DocsPathError, bad);
    }
  });
});
