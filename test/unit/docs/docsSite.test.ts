import * as assert from 'node:assert/strict';
import { DocsPathError } from '../../../src/docs/docsPaths';
import { DEFAULT_MAX_PAGE_BYTES, loadDocsSite, renderDocsPage, type DocsPageOptions } from '../../../src/docs/docsSite';
import { locateTechDocs, type TechDocsSite } from '../../../src/docs/techdocsLocation';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const ROOT = '/ws/services/playback';
const DOCS = `${ROOT}/docs`;
const SITE: TechDocsSite = {
  siteName: 'Playback service',
  root: ROOT,
  docsDir: DOCS,
  mkdocsFile: `${ROOT}/mkdocs.yml`,
};
const OPTIONS: DocsPageOptions = {
  assetUri: (absolutePath) => `https://file+.vscode-resource.vscode-cdn.net${absolutePath}`,
};

function playbackDocs(extra: Record<string, string> = {}, symlinks: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem(
    {
      [`${ROOT}/catalog-info.yaml`]:
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: playback\n  annotations:\n    backstage.io/techdocs-ref: dir:.\n',
      [`${ROOT}/mkdocs.yml`]:
        'site_name: Playback service\nnav:\n  - Overview: index.md\n  - architecture.md\n  - Ops:\n      - Runbook: ops/runbook.md\n      - ops/missing.md\n  - Source: https://github.com/larkspur/playback\nplugins:\n  - techdocs-core\n',
      [`${DOCS}/index.md`]:
        '# Playback service\n\nSee the [architecture](architecture.md) and the [runbook](ops/runbook.md#v1-endpoint).\n\n![Architecture](images/architecture.svg)\n',
      [`${DOCS}/architecture.md`]:
        '---\ntitle: How playback works\n---\n# Architecture\n\n## Request flow\n\nBack to [home](index.md).\n',
      [`${DOCS}/ops/runbook.md`]:
        '# Runbook\n\n## v1 endpoint\n\nSee [architecture](../architecture.md#request-flow).\n',
      [`${DOCS}/ops/index.md`]: '# Operations\n',
      [`${DOCS}/images/architecture.svg`]: '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash',
      '/ws/secret.md': '# Secret\n\nnot docs',
      ...extra,
    },
    { symlinks },
  );
}

describe('loadDocsSite', () => {
  it('reads the nav from mkdocs.yml, titles untitled pages from their headings, lists every page', async () => {
    const content = await loadDocsSite(playbackDocs(), SITE);
    assert.equal(content.siteName, 'Playback service');
    assert.deepEqual(content.nav, [
      { title: 'Overview', path: 'index.md' },
      // The front matter title wins over the first heading, as in MkDocs.
      { title: 'How playback works', path: 'architecture.md', titleFromPage: true },
      {
        title: 'Ops',
        children: [
          { title: 'Runbook', path: 'ops/runbook.md' },
          { title: 'Missing', path: 'ops/missing.md', titleFromPage: true },
        ],
      },
      { title: 'Source', url: 'https://github.com/larkspur/playback' },
    ]);
    assert.deepEqual(content.pages, ['index.md', 'architecture.md', 'ops/index.md', 'ops/runbook.md']);
    assert.deepEqual(content.problems, [
      'nav entry "Missing" points to ops/missing.md, which is not a page in the docs folder',
    ]);
  });

  it('builds the nav from the folder tree when mkdocs.yml has none (or there is no mkdocs.yml)', async () => {
    const fs = playbackDocs({
      [`${ROOT}/mkdocs.yml`]:
        'site_name: Playback\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n',
    });
    const expected = [
      { title: 'Playback service', path: 'index.md', titleFromPage: true },
      { title: 'How playback works', path: 'architecture.md', titleFromPage: true },
      {
        title: 'Ops',
        children: [
          { title: 'Operations', path: 'ops/index.md', titleFromPage: true },
          { title: 'Runbook', path: 'ops/runbook.md', titleFromPage: true },
        ],
      },
    ];
    assert.deepEqual((await loadDocsSite(fs, SITE)).nav, expected);
    fs.delete(`${ROOT}/mkdocs.yml`);
    const withoutConfig = await loadDocsSite(fs, {
      siteName: undefined,
      root: ROOT,
      docsDir: DOCS,
      mkdocsFile: undefined,
    });
    assert.deepEqual(withoutConfig.nav, expected);
    assert.equal(withoutConfig.siteName, 'playback');
  });

  it('works from locateTechDocs on the entity descriptor', async () => {
    const fs = playbackDocs();
    const lookup = await locateTechDocs(fs, `${ROOT}/catalog-info.yaml`, 'dir:.', '/ws');
    assert.ok(lookup.ok);
    const content = await loadDocsSite(fs, lookup.site);
    assert.equal(content.siteName, 'Playback service');
    assert.equal(content.nav.length, 4);
  });

  it('reports an unreadable or hostile mkdocs.yml and still shows the docs', async () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: [${'*c, '.repeat(9)}*c]\n`;
    const content = await loadDocsSite(playbackDocs({ [`${ROOT}/mkdocs.yml`]: bomb }), SITE);
    assert.equal(content.pages.length, 4);
    assert.equal(content.nav.length, 3);
    assert.match(content.problems.join('\n'), /alias/i);
  });
});

describe('renderDocsPage', () => {
  it('renders a page with its title, toc, in-panel links and resolved images', async () => {
    const page = await renderDocsPage(playbackDocs(), SITE, 'index.md', OPTIONS);
    assert.equal(page.title, 'Playback service');
    assert.equal(page.path, 'index.md');
    assert.deepEqual(page.toc, [{ level: 1, text: 'Playback service', id: 'playback-service' }]);
    assert.match(page.html, /<a href="#" data-page="architecture\.md">architecture<\/a>/);
    assert.match(page.html, /<a href="#" data-page="ops\/runbook\.md" data-anchor="v1-endpoint">runbook<\/a>/);
    assert.match(
      page.html,
      /<img src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ws\/services\/playback\/docs\/images\/architecture\.svg" alt="Architecture" \/>/,
    );
    assert.deepEqual(page.problems, []);
  });

  it('resolves links relative to the page folder, front matter is not rendered', async () => {
    const runbook = await renderDocsPage(playbackDocs(), SITE, 'ops/runbook.md', OPTIONS);
    assert.match(runbook.html, /data-page="architecture\.md" data-anchor="request-flow"/);
    const architecture = await renderDocsPage(playbackDocs(), SITE, 'architecture.md', OPTIONS);
    assert.equal(architecture.title, 'How playback works');
    assert.doesNotMatch(architecture.html, /<hr|title:/);
  });

  it('finds folder pages and extension-less links the way MkDocs links them', async () => {
    const fs = playbackDocs();
    assert.equal((await renderDocsPage(fs, SITE, '', OPTIONS)).path, 'index.md');
    assert.equal((await renderDocsPage(fs, SITE, 'ops/', OPTIONS)).path, 'ops/index.md');
    assert.equal((await renderDocsPage(fs, SITE, 'ops', OPTIONS)).path, 'ops/index.md');
    assert.equal((await renderDocsPage(fs, SITE, 'architecture', OPTIONS)).path, 'architecture.md');
    assert.equal((await renderDocsPage(fs, SITE, './ops/../architecture.md', OPTIONS)).path, 'architecture.md');
  });

  describe('refuses page paths outside the docs folder', () => {
    for (const hostile of [
      '../../etc/passwd',
      '../mkdocs.yml',
      '../../../secret.md',
      'ops/../../catalog-info.yaml',
      '..\\..\\secret.md',
      '/etc/passwd',
      '/ws/secret.md',
      'C:\\Windows\\win.ini',
      'index.md\0.png',
      'java\tscript.md',
    ]) {
      it(JSON.stringify(hostile), async () => {
        const fs = playbackDocs();
        await assert.rejects(
          renderDocsPage(fs, SITE, hostile, OPTIONS),
          (error: unknown) => error instanceof DocsPathError && /refused|absolute|not a docs page/.test(error.message),
        );
        assert.ok(!fs.reads.some((read) => !read.startsWith(DOCS)), `read outside the docs: ${fs.reads.join(', ')}`);
      });
    }

    it('a symbolic link inside the docs folder that points out of it', async () => {
      const fs = playbackDocs({}, { [`${DOCS}/passwd.md`]: '/etc/passwd', [`${DOCS}/outside`]: '/ws' });
      await assert.rejects(
        renderDocsPage(fs, SITE, 'passwd.md', OPTIONS),
        /passwd\.md links to a file outside the docs folder; refused/,
      );
      await assert.rejects(renderDocsPage(fs, SITE, 'outside/secret.md', OPTIONS), DocsPathError);
      assert.deepEqual(fs.reads, []);
    });

    it('but follows a symbolic link that stays inside', async () => {
      const fs = playbackDocs({}, { [`${DOCS}/alias.md`]: `${DOCS}/ops/runbook.md` });
      assert.equal((await renderDocsPage(fs, SITE, 'alias.md', OPTIONS)).title, 'Runbook');
    });
  });

  it('does not load images that leave the docs folder, are remote or do not exist', async () => {
    const fs = playbackDocs(
      {
        [`${DOCS}/images.md`]:
          '![a](../../../../etc/passwd) ![b](https://tracker.example.com/p.gif) ![c](images/none.png) ![d](images/linked.png) ![e](data:image/png;base64,iVBORw0KGgo=)',
      },
      { [`${DOCS}/images/linked.png`]: '/etc/passwd' },
    );
    const page = await renderDocsPage(fs, SITE, 'images.md', OPTIONS);
    assert.match(
      page.html,
      /<span class="missing-image">a<\/span> <span class="missing-image">b<\/span> <span class="missing-image">c<\/span> <span class="missing-image">d<\/span> <img src="data:image\/png;base64,iVBORw0KGgo=" alt="e" \/>/,
    );
    assert.deepEqual(page.problems, [
      'image ../../../../etc/passwd is not in the docs folder; not shown',
      'image https://tracker.example.com/p.gif is not in the docs folder; not shown',
      'image images/none.png does not exist',
      'image images/linked.png: images/linked.png links to a file outside the docs folder; refused',
    ]);
  });

  it('shows a message page for a missing page', async () => {
    const page = await renderDocsPage(playbackDocs(), SITE, 'nope.md', OPTIONS);
    assert.equal(page.title, 'Page not found');
    assert.equal(page.path, 'nope.md');
    assert.match(page.html, /There is no page nope\.md in these docs\./);
  });

  it('shows a message page instead of rendering an oversized page', async () => {
    const fs = playbackDocs({ [`${DOCS}/huge.md`]: `# Huge\n\n${'word '.repeat(1000)}` });
    const page = await renderDocsPage(fs, SITE, 'huge.md', { ...OPTIONS, maxPageBytes: 1000 });
    assert.equal(page.title, 'Page too large');
    assert.match(page.html, /huge\.md is 0\.0 MB; pages over 0\.0 MB are not shown/);
    assert.ok(!fs.reads.some((read) => read.endsWith('huge.md')), 'the oversized page was read');
  });

  it('escapes the page name in message pages', async () => {
    const page = await renderDocsPage(playbackDocs(), SITE, '<img src=x onerror=alert(1)>.md', OPTIONS);
    assert.doesNotMatch(page.html, /<img/);
    assert.match(page.html, /&lt;img src=x onerror=alert\(1\)&gt;\.md/);
  });

  it('applies the default limit when the caller sets none', async () => {
    const fs = playbackDocs({ [`${DOCS}/dump.md`]: 'x'.repeat(DEFAULT_MAX_PAGE_BYTES + 1) });
    const page = await renderDocsPage(fs, SITE, 'dump.md', OPTIONS);
    assert.equal(page.title, 'Page too large');
    assert.deepEqual(page.problems, [
      'dump.md is 1.0 MB; pages over 1.0 MB are not shown. Open the file in the editor instead.',
    ]);
  });
});
