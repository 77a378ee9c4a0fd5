import * as assert from 'node:assert/strict';
import type { CatalogFileSystem } from '../../../src/catalog';
import { ShortLivedReads } from '../../../src/agents/shortLivedReads';

describe('ShortLivedReads', () => {
  let reads: string[];
  let content: string;
  let failNext: boolean;
  const inner: CatalogFileSystem = {
    stat: async (file) => {
      reads.push(`stat ${file}`);
      return { isFile: true, isDirectory: false, size: content.length, mtimeMs: 1 };
    },
    readFile: async (file) => {
      reads.push(`read ${file}`);
      if (failNext) {
        failNext = false;
        throw new Error('EIO');
      }
      return new TextEncoder().encode(content);
    },
    readDirectory: async () => [],
    realPath: async (file) => file,
  };

  beforeEach(() => {
    reads = [];
    content = '* @team-a';
    failNext = false;
  });

  it('answers repeated stats and reads from memory until the time is up or clear()', async () => {
    let now = 1_000;
    const cache = new ShortLivedReads(inner, 5_000, () => now);
    await cache.fs.stat('/w/CODEOWNERS');
    await cache.fs.stat('/w/CODEOWNERS');
    assert.equal(new TextDecoder().decode(await cache.fs.readFile('/w/CODEOWNERS')), '* @team-a');
    content = '* @team-b';
    assert.equal(new TextDecoder().decode(await cache.fs.readFile('/w/CODEOWNERS')), '* @team-a');
    assert.deepEqual(reads, ['stat /w/CODEOWNERS', 'read /w/CODEOWNERS']);
    now += 5_000;
    assert.equal(new TextDecoder().decode(await cache.fs.readFile('/w/CODEOWNERS')), '* @team-b');
    content = '* @team-c';
    cache.clear();
    assert.equal(new TextDecoder().decode(await cache.fs.readFile('/w/CODEOWNERS')), '* @team-c');
    assert.equal(reads.filter((entry) => entry.startsWith('read')).length, 3);
  });

  it('does not remember a failed read', async () => {
    const cache = new ShortLivedReads(inner, 5_000, () => 0);
    failNext = true;
    await assert.rejects(cache.fs.readFile('/w/CODEOWNERS'), /EIO/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(new TextDecoder().decode(await cache.fs.readFile('/w/CODEOWNERS')), '* @team-a');
  });
});
