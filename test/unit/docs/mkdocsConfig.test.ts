import * as assert from 'node:assert/strict';
import { parseMkdocsConfig, titleFromFileName } from '../../../src/docs/mkdocsConfig';

describe('parseMkdocsConfig', () => {
  it('reads site_name, site_description, docs_dir and the default docs_dir', () => {
    const config = parseMkdocsConfig('site_name: Playback\nsite_description: How playback works\ndocs_dir: handbook\n');
    assert.equal(config.siteName, 'Playback');
    assert.equal(config.siteDescription, 'How playback works');
    assert.equal(config.docsDir, 'handbook');
    assert.equal(parseMkdocsConfig('site_name: X').docsDir, 'docs');
    assert.equal(parseMkdocsConfig('site_name: X').nav, undefined);
  });

  it('parses titled pages, bare pages, nested sections and external links', () => {
    const config = parseMkdocsConfig(
      [
        'nav:',
        '  - Home: index.md',
        '  - getting-started.md',
        '  - Guides:',
        '      - Deploying: guides/deploy.md',
        '      - guides/rollback.md',
        '      - Deep:',
        '          - Internals: guides/deep/internals.md',
        '  - GitHub: https://github.com/larkspur/playback',
        '  - Mail us: mailto:team@example.com',
        "  - './with-dot.md'",
      ].join('\n'),
    );
    assert.deepEqual(config.problems, []);
    assert.deepEqual(config.nav, [
      { title: 'Home', path: 'index.md' },
      { title: 'Getting started', path: 'getting-started.md', titleFromPage: true },
      {
        title: 'Guides',
        children: [
          { title: 'Deploying', path: 'guides/deploy.md' },
          { title: 'Rollback', path: 'guides/rollback.md', titleFromPage: true },
          { title: 'Deep', children: [{ title: 'Internals', path: 'guides/deep/internals.md' }] },
        ],
      },
      { title: 'GitHub', url: 'https://github.com/larkspur/playback' },
      { title: 'Mail us', url: 'mailto:team@example.com' },
      { title: 'With dot', path: 'with-dot.md', titleFromPage: true },
    ]);
  });

  it('tolerates Python and environment tags without executing or throwing', () => {
    const config = parseMkdocsConfig(
      [
        'site_name: !ENV [SITE_NAME, "Fallback name"]',
        'markdown_extensions:',
        '  - pymdownx.emoji:',
        '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
        '      emoji_generator: !!python/name:material.extensions.emoji.to_svg',
        '  - pymdownx.superfences:',
        '      custom_fences:',
        '        - name: mermaid',
        '          format: !!python/object/apply:pymdownx.superfences.fence_code_format',
        'extra:',
        '  root: !relative $config_dir',
        'nav:',
        '  - Home: index.md',
      ].join('\n'),
    );
    assert.equal(config.siteName, 'Fallback name');
    assert.deepEqual(config.nav, [{ title: 'Home', path: 'index.md' }]);
    assert.deepEqual(config.problems, []);
  });

  it('caps alias expansion (billion laughs) with a problem instead of hanging or throwing', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'nav: [*e]',
    ].join('\n');
    const config = parseMkdocsConfig(bomb);
    assert.equal(config.nav, undefined);
    assert.match(config.problems.join('\n'), /alias/i);
  });

  it('reports malformed YAML and malformed entries but keeps the good ones', () => {
    assert.match(parseMkdocsConfig('nav: [unclosed').problems.join('\n'), /mkdocs\.yml/);
    assert.deepEqual(parseMkdocsConfig('- just\n- a list').problems, ['mkdocs.yml: expected a mapping of settings']);
    const config = parseMkdocsConfig(
      [
        'nav:',
        '  - Good: good.md',
        '  - 42',
        '  - Empty:',
        '  - Two: a.md',
        '    Keys: b.md',
        '  - Escape: ../../etc/passwd.md',
        '  - Absolute: /etc/passwd.md',
        '  - Script: javascript:alert(1)',
        '  - Image: images/logo.png',
        '  - Sub project: "!include ./sub/mkdocs.yml"',
      ].join('\n'),
    );
    assert.deepEqual(config.nav, [
      { title: 'Good', path: 'good.md' },
      { title: 'Two', path: 'a.md' },
    ]);
    const problems = config.problems.join('\n');
    for (const expected of [
      /42/,
      /"Empty" has no page/,
      /"Two" has 2 keys/,
      /leaves the docs folder/,
      /absolute path/,
      /javascript:alert\(1\) is neither/,
      /not a markdown page/,
      /monorepo/,
    ]) {
      assert.match(problems, expected);
    }
  });

  it('falls back to no nav when nav is not a list or holds nothing usable', () => {
    const notAList = parseMkdocsConfig('nav: index.md');
    assert.equal(notAList.nav, undefined);
    assert.match(notAList.problems.join('\n'), /nav must be a list/);
    assert.equal(parseMkdocsConfig('nav: []').nav, undefined);
    assert.equal(parseMkdocsConfig('nav:').nav, undefined);
  });

  it('limits nesting depth', () => {
    let section: unknown = { Leaf: 'leaf.md' };
    for (let depth = 0; depth < 20; depth++) {
      section = { [`Level ${depth}`]: [section] };
    }
    // JSON is YAML: twenty sections, one inside the other.
    const config = parseMkdocsConfig(`nav: ${JSON.stringify([section])}`);
    assert.match(config.problems.join('\n'), /nested deeper than 12 levels/);
    let depth = 0;
    for (let items = config.nav; items?.[0]?.children; items = items[0].children) {
      depth++;
    }
    assert.equal(depth, 12);
  });

  it('never throws on arbitrary text', () => {
    for (const text of [
      '',
      '\0\0\0',
      ': : :',
      '[[[[',
      '{a: !!binary "@@@"}',
      '%YAML 9.9\n---\nx',
      'nav:\n  - !!python/object:os.system [rm -rf /]',
    ]) {
      assert.doesNotThrow(() => parseMkdocsConfig(text));
    }
  });
});

describe('titleFromFileName', () => {
  it('turns file names into titles; index pages take their folder name or Home', () => {
    assert.equal(titleFromFileName('getting-started.md'), 'Getting started');
    assert.equal(titleFromFileName('guides/on_call_rota.markdown'), 'On call rota');
    assert.equal(titleFromFileName('index.md'), 'Home');
    assert.equal(titleFromFileName('operations/README.md'), 'Operations');
  });
});
