import * as assert from 'node:assert/strict';
import { buildSearchIndex, search } from '../../../src/docs/docsSearch';
import type { TechDocsSite } from '../../../src/docs/techdocsLocation';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const DOCS = '/repo/docs';
const SITE: TechDocsSite = { siteName: 'Playback', root: '/repo', docsDir: DOCS, mkdocsFile: undefined };

async function index(
  files: Record<string, string>,
  symlinks: Record<string, string> = {},
): Promise<ReturnType<typeof buildSearchIndex>> {
  return buildSearchIndex(new MemoryFileSystem(files, { symlinks }), SITE);
}

describe('docs search', () => {
  const pages = {
    [`${DOCS}/index.md`]:
      '# Playback service\n\nThe service authorises streams. Sessions are short-lived.\n\n```bash\nkubectl scale deploy/playback\n```\n',
    [`${DOCS}/runbook.md`]:
      '# Runbook\n\n## High session latency\n\nCheck the entitlement cache. Session latency rises when the cache is cold. Session, session, session.\n\n!!! tip "Cache warm-up"\n    Scale out early.\n',
    [`${DOCS}/sessions.md`]: '---\ntitle: Sessions explained\n---\n\nA session is one listener on one device.\n',
    [`${DOCS}/unrelated.md`]: '# Billing\n\nInvoices and obsession with sessionless payments.\n',
  };

  it('ranks pages with the words in the title first, then by how often they occur', async () => {
    const hits = search(await index(pages), 'session');
    assert.deepEqual(
      hits.map((hit) => [hit.path, hit.title]),
      [
        ['sessions.md', 'Sessions explained'],
        ['runbook.md', 'Runbook'],
        ['index.md', 'Playback service'],
        ['unrelated.md', 'Billing'],
      ],
    );
    assert.ok((hits[0]?.score ?? 0) >= 1000);
    assert.ok((hits[1]?.score ?? 0) > (hits[2]?.score ?? 0));
  });

  it('matches words case-insensitively at word starts, and needs every query word', async () => {
    const built = await index(pages);
    assert.deepEqual(
      search(built, 'SESSION latency').map((hit) => hit.path),
      ['runbook.md'],
    );
    assert.deepEqual(
      search(built, 'obsession').map((hit) => hit.path),
      ['unrelated.md'],
    );
    assert.deepEqual(search(built, 'ession'), []);
    assert.deepEqual(
      search(built, 'kubectl').map((hit) => hit.path),
      ['index.md'],
      'code blocks are searchable',
    );
    assert.deepEqual(
      search(built, 'warm-up').map((hit) => hit.path),
      ['runbook.md'],
      'admonition titles are searchable',
    );
    assert.deepEqual(search(built, '   '), []);
    assert.deepEqual(search(built, '.*+?'), []);
  });

  it('gives an escaped snippet around the first hit with the words marked', async () => {
    const built = await index({
      [`${DOCS}/x.md`]: `# X\n\n${'Lorem ipsum dolor sit amet. '.repeat(10)}Use \`<script>alert("token")</script>\` & the TOKEN endpoint. ${'More text follows here. '.repeat(10)}`,
    });
    const [hit] = search(built, 'token');
    assert.ok(hit);
    assert.match(hit.snippet, /^…/);
    assert.match(hit.snippet, /…$/);
    assert.match(
      hit.snippet,
      /Use &lt;script&gt;alert\(&quot;<mark>token<\/mark>&quot;\)&lt;\/script&gt; &amp; the <mark>TOKEN<\/mark> endpoint\./,
    );
    assert.doesNotMatch(hit.snippet, /<script/);
  });

  it('indexes the docs folder only: symbolic links out and oversized pages are skipped', async () => {
    const built = await index(
      {
        [`${DOCS}/index.md`]: '# Home\n\nhello',
        '/etc/passwd.md': 'root secret',
        [`${DOCS}/big.md`]: `# Big\n\n${'secret '.repeat(200_000)}`,
      },
      { [`${DOCS}/passwd.md`]: '/etc/passwd.md' },
    );
    assert.deepEqual(
      built.entries.map((entry) => entry.path),
      ['index.md'],
    );
    assert.deepEqual(search(built, 'secret'), []);
  });

  it('limits the number of hits', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 80 }, (_, index) => [`${DOCS}/page-${index}.md`, `# Page ${index}\n\ncommon word`]),
    );
    const built = await index(many);
    assert.equal(search(built, 'common').length, 50);
    assert.equal(search(built, 'common', 5).length, 5);
  });
});
