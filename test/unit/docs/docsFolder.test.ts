import * as assert from 'node:assert/strict';
import { listDocsPages, navFromPages } from '../../../src/docs/docsFolder';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const DOCS = '/repo/docs';

describe('listDocsPages and navFromPages', () => {
  it('lists markdown pages with index first, then alphabetically, folders as sections', async () => {
    const fs = new MemoryFileSystem({
      [`${DOCS}/zebra.md`]: '# Zebra',
      [`${DOCS}/Apple.md`]: '# Apple',
      [`${DOCS}/index.md`]: '# Home',
      [`${DOCS}/guides/index.md`]: '# Guides',
      [`${DOCS}/guides/b.md`]: '# B',
      [`${DOCS}/guides/a.markdown`]: '# A',
      [`${DOCS}/images/logo.png`]: 'png',
      [`${DOCS}/.hidden/secret.md`]: '# Hidden',
      [`${DOCS}/notes.txt`]: 'text',
    });
    const listing = await listDocsPages(fs, DOCS);
    assert.deepEqual(listing.pages, [
      'index.md',
      'Apple.md',
      'guides/index.md',
      'guides/a.markdown',
      'guides/b.md',
      'zebra.md',
    ]);
    assert.deepEqual(listing.problems, []);
    assert.deepEqual(navFromPages(listing.pages), [
      { title: 'Home', path: 'index.md', titleFromPage: true },
      { title: 'Apple', path: 'Apple.md', titleFromPage: true },
      {
        title: 'Guides',
        children: [
          { title: 'Guides', path: 'guides/index.md', titleFromPage: true },
          { title: 'A', path: 'guides/a.markdown', titleFromPage: true },
          { title: 'B', path: 'guides/b.md', titleFromPage: true },
        ],
      },
      { title: 'Zebra', path: 'zebra.md', titleFromPage: true },
    ]);
  });

  it('follows symbolic links that stay inside the docs folder and skips those that leave it', async () => {
    const fs = new MemoryFileSystem(
      {
        [`${DOCS}/index.md`]: '# Home',
        [`${DOCS}/shared/common.md`]: '# Common',
        '/etc/passwd.md': 'root:x:0:0',
        '/outside/secret.md': '# Secret',
      },
      {
        symlinks: {
          [`${DOCS}/alias.md`]: `${DOCS}/shared/common.md`,
          [`${DOCS}/passwd.md`]: '/etc/passwd.md',
          [`${DOCS}/escape`]: '/outside',
          [`${DOCS}/loop`]: DOCS,
        },
      },
    );
    const listing = await listDocsPages(fs, DOCS);
    assert.deepEqual(listing.pages, ['index.md', 'alias.md', 'shared/common.md']);
    assert.match(listing.problems.join('\n'), /passwd\.md links outside the docs folder/);
    assert.match(listing.problems.join('\n'), /escape links outside the docs folder/);
    assert.ok(!fs.reads.some((read) => read.startsWith('/etc') || read.startsWith('/outside')));
  });

  it('reports an unreadable docs folder instead of throwing', async () => {
    const listing = await listDocsPages(new MemoryFileSystem({}), DOCS);
    assert.deepEqual(listing.pages, []);
    assert.match(listing.problems.join('\n'), /cannot read docs folder/);
  });
});
