import * as assert from 'node:assert/strict';
import { docsLinkTarget } from '../../../src/docs/docsLinks';
import { renderMarkdown, type LinkTarget } from '../../../src/docs/renderMarkdown';

/** Renders as a page at `guides/deploy.md` would be: links resolved against its folder. */
function renderPage(markdown: string): string {
  return renderMarkdown(markdown, {
    resolveLink: (href) => docsLinkTarget('guides/deploy.md', href),
    resolveImage: (src) =>
      src.startsWith('data:') ? undefined : `https://file+.vscode-resource.vscode-cdn.net/docs/${src}`,
  }).html;
}

describe('renderMarkdown', () => {
  describe('headings', () => {
    it('gives headings GitHub-style ids, deduplicated, and returns the table of contents', () => {
      const result = renderMarkdown(
        [
          '# Playback service',
          '## At a glance',
          '## At a glance',
          '## At a glance-1',
          '### `POST /sessions` & friends!',
          '## Ünïcödé ÄÖ',
          '## !!!',
        ].join('\n\n'),
      );
      assert.deepEqual(result.toc, [
        { level: 1, text: 'Playback service', id: 'playback-service' },
        { level: 2, text: 'At a glance', id: 'at-a-glance' },
        { level: 2, text: 'At a glance', id: 'at-a-glance-1' },
        { level: 2, text: 'At a glance-1', id: 'at-a-glance-1-1' },
        { level: 3, text: 'POST /sessions & friends!', id: 'post-sessions--friends' },
        { level: 2, text: 'Ünïcödé ÄÖ', id: 'ünïcödé-äö' },
        { level: 2, text: '!!!', id: 'section' },
      ]);
      assert.equal(result.title, 'Playback service');
      assert.match(result.html, /<h2 id="at-a-glance-1">At a glance<\/h2>/);
      assert.match(result.html, /<h3 id="post-sessions--friends"><code>POST \/sessions<\/code> &amp; friends!<\/h3>/);
    });

    it('has no title without a level-1 heading, and the same ids on every render', () => {
      const first = renderMarkdown('## Only a section');
      assert.equal(first.title, undefined);
      assert.deepEqual(renderMarkdown('## Only a section').toc, first.toc);
    });
  });

  it('renders tables with alignment as classes, not inline styles', () => {
    const html = renderMarkdown('| Quality | Bitrate |\n|:--|--:|\n| `low` | 24 kbit/s |').html;
    assert.match(html, /<table>/);
    assert.match(html, /<th class="align-left">Quality<\/th>/);
    assert.match(html, /<td class="align-right">24 kbit\/s<\/td>/);
    assert.doesNotMatch(html, /style=/);
  });

  describe('code', () => {
    it('highlights fenced code in known languages with hljs classes', () => {
      const html = renderMarkdown('```typescript\nconst answer: number = 42;\n```').html;
      assert.match(html, /<pre><code class="language-typescript">/);
      assert.match(html, /<span class="hljs-keyword">const<\/span>/);
      assert.match(html, /<span class="hljs-number">42<\/span>/);
    });

    it('shows unknown languages and plain fences escaped, without highlighting', () => {
      const unknown = renderMarkdown('```no-such-language\n<b>not bold</b> & more\n```').html;
      assert.match(unknown, /&lt;b&gt;not bold&lt;\/b&gt; &amp; more/);
      assert.doesNotMatch(unknown, /hljs/);
      assert.match(renderMarkdown('```\n<i>x</i>\n```').html, /<pre><code>&lt;i&gt;x&lt;\/i&gt;/);
    });

    it('reads MkDocs-style info strings and escapes what highlight.js sees', () => {
      const html = renderMarkdown(
        '``` { .python }\nprint("<script>")\n```\n\n```python title="x.py"\nx = 1\n```\n\n```{.yaml}\nk: v\n```',
      ).html;
      assert.match(html, /hljs-string">"&lt;script&gt;"/);
      assert.match(html, /<span class="hljs-number">1<\/span>/);
      assert.match(html, /<span class="hljs-attr">k:<\/span>/);
      assert.doesNotMatch(html, /<script/);
    });

    it('keeps hljs sub-scope classes (class_, function_) and drops invented ones', () => {
      const html = renderMarkdown('```js\nclass A extends B {}\n```\n\n<span class="evil hljs-x">x</span>').html;
      assert.match(html, /class="hljs-title class_"/);
      assert.match(html, /<span class="hljs-x">x<\/span>/);
    });
  });

  describe('admonitions', () => {
    it('renders !!! admonitions with type, title and a markdown body', () => {
      const html = renderMarkdown(
        '!!! warning "Cache warm-up"\n    New pods need **90 seconds**.\n\n    - scale early\n\nAfter.',
      ).html;
      assert.equal(
        html,
        '<div class="admonition warning">\n<p class="admonition-title">Cache warm-up</p>\n<p>New pods need <strong>90 seconds</strong>.</p>\n<ul>\n<li>scale early</li>\n</ul>\n</div>\n<p>After.</p>\n',
      );
    });

    it('titles untitled admonitions by type, drops the title for "", maps aliases to types', () => {
      assert.match(
        renderMarkdown('!!! tip\n    body').html,
        /<div class="admonition tip">\n<p class="admonition-title">Tip<\/p>/,
      );
      assert.equal(
        renderMarkdown('!!! note ""\n    body').html,
        '<div class="admonition note">\n<p>body</p>\n</div>\n',
      );
      assert.match(
        renderMarkdown('!!! caution\n    body').html,
        /class="admonition warning">\n<p class="admonition-title">Caution/,
      );
      assert.match(
        renderMarkdown('!!! made-up "Custom"\n    body').html,
        /class="admonition note">\n<p class="admonition-title">Custom/,
      );
    });

    it('renders ??? as closed <details> and ???+ as open, with a <summary>', () => {
      assert.equal(
        renderMarkdown('??? question "Why Opus?"\n    Smaller.').html,
        '<details class="admonition question">\n<summary class="admonition-title">Why Opus?</summary>\n<p>Smaller.</p>\n</details>\n',
      );
      assert.match(
        renderMarkdown('???+ example\n    Shown.').html,
        /^<details class="admonition example" open>\n<summary class="admonition-title">Example<\/summary>/,
      );
    });

    it('keeps code, nested admonitions and blank lines inside the body, escapes titles', () => {
      const html = renderMarkdown(
        '!!! note "<b>A</b> & B"\n    ```bash\n    make deps\n    ```\n\n    !!! danger\n        nested\n\n    last line\nnot in it',
      ).html;
      assert.match(html, /<p class="admonition-title">&lt;b&gt;A&lt;\/b&gt; &amp; B<\/p>/);
      assert.match(html, /<pre><code class="language-bash">make deps\n<\/code><\/pre>/);
      assert.match(
        html,
        /<div class="admonition danger">\n<p class="admonition-title">Danger<\/p>\n<p>nested<\/p>\n<\/div>/,
      );
      assert.match(html, /<p>last line<\/p>\n<\/div>\n<p>not in it<\/p>/);
    });

    it('leaves look-alikes alone', () => {
      assert.equal(renderMarkdown('!!!').html, '<p>!!!</p>\n');
      assert.equal(renderMarkdown('Wow!!! great').html, '<p>Wow!!! great</p>\n');
      assert.match(renderMarkdown('    !!! note\n        indented code').html, /<pre><code>!!! note/);
    });
  });

  it('renders task lists as disabled checkboxes', () => {
    const html = renderMarkdown('- [x] done\n- [ ] todo\n    - [X] nested\n- plain\n- [y] not a task').html;
    assert.match(html, /<ul class="contains-task-list">/);
    assert.match(
      html,
      /<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled checked \/> done<\/li>/,
    );
    assert.match(
      html,
      /<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled \/> todo/,
    );
    assert.match(html, /disabled checked \/> nested/);
    assert.match(html, /<li>plain<\/li>/);
    assert.match(html, /<li>\[y\] not a task<\/li>/);
    assert.equal(html.match(/<input/g)?.length, 3);
  });

  describe('links and images', () => {
    it('turns page links into in-panel navigation with data-page / data-anchor', () => {
      const html = renderPage(
        '[Runbook](../runbook.md#v1-endpoint) [rollback](rollback.md) [folder](../ops/) [here](#steps) [root](/index.md)',
      );
      assert.match(html, /<a href="#" data-page="runbook\.md" data-anchor="v1-endpoint">Runbook<\/a>/);
      assert.match(html, /<a href="#" data-page="guides\/rollback\.md">rollback<\/a>/);
      assert.match(html, /<a href="#" data-page="ops\/">folder<\/a>/);
      assert.match(html, /<a href="#" data-page="guides\/deploy\.md" data-anchor="steps">here<\/a>/);
      assert.match(html, /<a href="#" data-page="index\.md">root<\/a>/);
    });

    it('keeps http(s) and mailto links with data-external, including linkified ones', () => {
      const html = renderPage(
        '[site](https://backstage.io/docs?x=1&y=2) <mailto:team@example.com> see https://example.com/a',
      );
      assert.match(html, /<a href="https:\/\/backstage\.io\/docs\?x=1&amp;y=2" data-external>site<\/a>/);
      assert.match(html, /<a href="mailto:team@example\.com" data-external>/);
      assert.match(html, /<a href="https:\/\/example\.com\/a" data-external>https:\/\/example\.com\/a<\/a>/);
    });

    it('marks links to other files in the docs folder as assets', () => {
      assert.match(
        renderPage('[the spec](../api/openapi.yaml)'),
        /<a href="#" data-asset="api\/openapi\.yaml">the spec<\/a>/,
      );
    });

    it('drops links that leave the docs folder, keeping their text', () => {
      const html = renderPage('[passwd](../../../etc/passwd) [home](/../../x.md)');
      assert.match(html, /<a>passwd<\/a> <a>home<\/a>/);
      assert.doesNotMatch(html, /etc|data-page/);
    });

    it('maps image sources through the caller and drops what it refuses', () => {
      const html = renderPage('![arch](images/arch.svg "Architecture") ![inline](data:image/png;base64,iVBORw0KGgo=)');
      assert.match(
        html,
        /<img src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/docs\/images\/arch\.svg" alt="arch" title="Architecture" \/>/,
      );
      assert.match(html, /<span class="missing-image">inline<\/span>/);
    });

    it('rewrites links in raw HTML the same way as markdown links', () => {
      const html = renderPage(
        '<p><a href="../runbook.md#x" id="y" target="_blank">raw</a> <img src="images/a.png" width="40" height="huge" onerror="x"></p>',
      );
      assert.match(html, /<a href="#" data-page="runbook\.md" data-anchor="x">raw<\/a>/);
      assert.match(
        html,
        /<img src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/docs\/images\/a\.png" alt="" width="40" \/>/,
      );
    });

    it('without a link policy keeps only external links, same-page anchors and raster data: images', () => {
      const html = renderMarkdown(
        '[a](other.md) [b](#top) [c](https://x.example) ![d](data:image/gif;base64,R0lGOD==) ![e](e.png) ![f](data:image/svg+xml;base64,PHN2Zz4=)',
      ).html;
      assert.match(html, /<a>a<\/a>/);
      // An empty data-page means "this page".
      assert.match(html, /<a href="#" data-page data-anchor="top">b<\/a>/);
      assert.match(html, /<a href="https:\/\/x\.example" data-external>c<\/a>/);
      assert.match(html, /<img src="data:image\/gif;base64,R0lGOD==" alt="d" \/>/);
      assert.match(html, /<span class="missing-image">e<\/span> <span class="missing-image">f<\/span>/);
    });

    it('never lets a policy put a non-raster data: URL into an image', () => {
      const target: LinkTarget = { kind: 'external', url: 'https://example.com' };
      const html = renderMarkdown('![x](x.png)', {
        resolveLink: () => target,
        resolveImage: () => 'data:image/svg+xml;base64,PHN2Zz4=',
      }).html;
      assert.doesNotMatch(html, /<img/);
    });
  });

  it('keeps harmless raw HTML (details, kbd, sub) and strips unknown tags but not their text', () => {
    const html = renderMarkdown(
      '<details><summary>More</summary>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, <blink>old</blink></details>',
    ).html;
    assert.equal(
      html,
      '<details><summary>More</summary>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, old</details>',
    );
  });
});
