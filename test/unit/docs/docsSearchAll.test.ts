import * as assert from 'node:assert/strict';
import {
  DEFAULT_DOCS_SEARCH_LIMITS,
  searchAllDocs,
  snippetText,
  type DocsIndexCache,
  type EntityDocsSite,
} from '../../../src/docs/docsSearchAll';
import { MemoryFileSystem } from '../support/memoryFileSystem';

function site(ref: string, entityTitle: string, folder: string): EntityDocsSite {
  return {
    ref,
    entityTitle,
    site: { siteName: entityTitle, root: folder, docsDir: `${folder}/docs`, mkdocsFile: undefined },
  };
}

const FILES = {
  '/ws/playback/docs/index.md':
    '# Playback\n\nStreams start in under 200 ms. Runbook for incidents when x < 5 & y > 3.\n',
  '/ws/playback/docs/runbook.md': '# Runbook\n\nWhen latency rises, scale the gateway.\n',
  '/ws/payments/docs/index.md': '# Payments\n\nThe runbook covers refunds. Runbook again.\n',
  '/ws/search/docs/index.md': '# Search\n\nNothing about operations here.\n',
};

const SITES = [
  site('component:default/playback', 'Playback', '/ws/playback'),
  site('component:default/payments', 'Payments', '/ws/payments'),
  site('component:default/search', 'Search', '/ws/search'),
];

describe('docs search across entities', () => {
  it('merges hits from every site, title matches first, with the entity of each', async () => {
    const result = await searchAllDocs(new MemoryFileSystem(FILES), SITES, 'runbook');
    assert.deepEqual(
      result.hits.map((hit) => [hit.ref, hit.path, hit.title]),
      [
        ['component:default/playback', 'runbook.md', 'Runbook'],
        ['component:default/payments', 'index.md', 'Payments'],
        ['component:default/playback', 'index.md', 'Playback'],
      ],
    );
    assert.equal(result.truncated, false);
    assert.equal(result.sitesSearched, 3);
  });

  it('gives plain-text snippets: markup in the docs stays text, marks removed', async () => {
    const result = await searchAllDocs(new MemoryFileSystem(FILES), SITES, 'incidents');
    assert.equal(result.hits.length, 1);
    assert.match(result.hits[0]?.snippet ?? '', /incidents when x < 5 & y > 3/);
    assert.equal(snippetText('a &lt;b&gt; <mark>x</mark> &amp;amp;'), 'a <b> x &amp;');
  });

  it('reads each site once across searches through the cache, and a shared site once per search', async () => {
    const fs = new MemoryFileSystem(FILES);
    const cache: DocsIndexCache = new Map();
    const shared = [...SITES, site('api:default/playback-api', 'Playback API', '/ws/playback')];
    const first = await searchAllDocs(fs, shared, 'runbook', { cache });
    assert.equal(first.hits.filter((hit) => hit.ref === 'api:default/playback-api').length, 0);
    const readsAfterFirst = fs.reads.length;
    await searchAllDocs(fs, shared, 'gateway', { cache });
    assert.equal(fs.reads.length, readsAfterFirst);
  });

  it('stops at the site and page limits and says the result is partial', async () => {
    const fs = new MemoryFileSystem(FILES);
    const bySites = await searchAllDocs(fs, SITES, 'runbook', {
      limits: { ...DEFAULT_DOCS_SEARCH_LIMITS, maxSites: 1 },
    });
    assert.equal(bySites.truncated, true);
    assert.deepEqual([...new Set(bySites.hits.map((hit) => hit.ref))], ['component:default/playback']);
    const byPages = await searchAllDocs(fs, SITES, 'runbook', {
      limits: { ...DEFAULT_DOCS_SEARCH_LIMITS, maxPages: 2 },
    });
    assert.equal(byPages.truncated, true);
    assert.equal(byPages.sitesSearched, 1);
    const byChars = await searchAllDocs(fs, SITES, 'runbook', {
      limits: { ...DEFAULT_DOCS_SEARCH_LIMITS, maxChars: 10 },
    });
    assert.equal(byChars.sitesSearched, 0);
    const capped = await searchAllDocs(fs, SITES, 'runbook', { limits: { ...DEFAULT_DOCS_SEARCH_LIMITS, maxHits: 2 } });
    assert.equal(capped.hits.length, 2);
  });

  it('stops when cancelled and returns nothing', async () => {
    let checks = 0;
    const result = await searchAllDocs(new MemoryFileSystem(FILES), SITES, 'runbook', {
      isCancelled: () => ++checks > 1,
    });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.hits, []);
  });

  it('skips a site whose folder cannot be read and searches the rest', async () => {
    const result = await searchAllDocs(
      new MemoryFileSystem(FILES),
      [site('component:default/ghost', 'Ghost', '/ws/ghost'), ...SITES],
      'gateway',
    );
    assert.deepEqual(
      result.hits.map((hit) => hit.ref),
      ['component:default/playback'],
    );
  });
});
