import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_FORMAT, CACHE_VERSION, RegistryCache } from '../../../src/registry/registryCache';
import { components } from './support/fakeCatalog';

const REGISTRY = { name: 'acme', baseUrl: 'https://backstage.acme.test' };

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

describe('RegistryCache', function () {
  this.timeout(30_000);
  let folder: string;

  beforeEach(async () => {
    folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-registry-cache-')));
  });

  afterEach(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('is missing before the first save', async () => {
    assert.deepEqual(await new RegistryCache(folder, REGISTRY).load(), { status: 'missing' });
  });

  it('round-trips a snapshot', async () => {
    const cache = new RegistryCache(path.join(folder, 'nested', 'dir'), REGISTRY);
    const snapshot = { syncedAt: '2026-01-02T03:04:05.000Z', entities: components(25) };
    await cache.save(snapshot);
    assert.deepEqual(await cache.load(), { status: 'loaded', snapshot });
    assert.deepEqual(
      await new RegistryCache(path.join(folder, 'nested', 'dir'), { ...REGISTRY }).load(),
      { status: 'loaded', snapshot },
      'a new instance for the same registry reads it',
    );
    const stat = await fs.stat(cache.file);
    assert.equal(stat.mode & 0o077, 0, 'only the user can read the cache');
    assert.deepEqual(
      (await fs.readdir(path.dirname(cache.file))).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('replaces the previous snapshot on save', async () => {
    const cache = new RegistryCache(folder, REGISTRY);
    await cache.save({ syncedAt: 'one', entities: components(3, 'old') });
    await cache.save({ syncedAt: 'two', entities: components(2, 'new') });
    assert.deepEqual(await cache.load(), {
      status: 'loaded',
      snapshot: { syncedAt: 'two', entities: components(2, 'new') },
    });
  });

  it('keeps registries apart: another name or baseUrl uses another file', async () => {
    const first = new RegistryCache(folder, REGISTRY);
    const renamed = new RegistryCache(folder, { ...REGISTRY, name: 'other' });
    const moved = new RegistryCache(folder, { ...REGISTRY, baseUrl: 'https://other.acme.test' });
    assert.equal(new Set([first.file, renamed.file, moved.file]).size, 3);
    await first.save({ syncedAt: 'x', entities: components(1) });
    assert.deepEqual(await renamed.load(), { status: 'missing' });
    assert.deepEqual(await moved.load(), { status: 'missing' });
  });

  describe('unreadable files are discarded (and deleted), never thrown', () => {
    const valid = {
      format: CACHE_FORMAT,
      version: CACHE_VERSION,
      registry: REGISTRY,
      syncedAt: 'x',
      entities: components(2),
    };
    const cases: { name: string; text: () => string; reason: RegExp }[] = [
      { name: 'truncated JSON', text: () => JSON.stringify(valid).slice(0, 60), reason: /JSON/ },
      { name: 'an empty file', text: () => '', reason: /JSON/ },
      { name: 'JSON null', text: () => 'null', reason: /not a Greenroom registry cache/ },
      {
        name: 'a wrong format',
        text: () => JSON.stringify({ ...valid, format: 'something-else' }),
        reason: /not a Greenroom registry cache/,
      },
      { name: 'an old version', text: () => JSON.stringify({ ...valid, version: 0 }), reason: /version 0/ },
      {
        name: 'a newer version',
        text: () => JSON.stringify({ ...valid, version: CACHE_VERSION + 1 }),
        reason: /version/,
      },
      {
        name: "another registry's cache",
        text: () => JSON.stringify({ ...valid, registry: { name: 'acme', baseUrl: 'https://evil.test' } }),
        reason: /another registry/,
      },
      {
        name: 'no registry at all',
        text: () => JSON.stringify({ ...valid, registry: undefined }),
        reason: /another registry/,
      },
      { name: 'entities missing', text: () => JSON.stringify({ ...valid, entities: undefined }), reason: /entities/ },
      {
        name: 'entities that are not entities',
        text: () => JSON.stringify({ ...valid, entities: [...components(1), { nope: 1 }, null] }),
        reason: /entit/,
      },
    ];
    for (const { name, text, reason } of cases) {
      it(name, async () => {
        const cache = new RegistryCache(folder, REGISTRY);
        await fs.writeFile(cache.file, text());
        const loaded = await cache.load();
        assert.equal(loaded.status, 'discarded');
        assert.match(loaded.status === 'discarded' ? loaded.reason : '', reason);
        assert.equal(await exists(cache.file), false, 'the discarded file is deleted');
        assert.deepEqual(await cache.load(), { status: 'missing' });
      });
    }
  });

  describe('atomic saves: a writer killed with SIGKILL at random moments', () => {
    const moduleFile = path.resolve(__dirname, '../../../src/registry/registryCache.js');
    const ENTITIES = 20_000;

    /** A child node process that saves a 20k-entity snapshot in a loop, printing `saved <n>` after each. */
    function startWriter(): { child: ChildProcess; saves: () => number; exited: Promise<void> } {
      const script = `
        const { RegistryCache } = require(${JSON.stringify(moduleFile)});
        const cache = new RegistryCache(${JSON.stringify(folder)}, ${JSON.stringify(REGISTRY)});
        const base = Array.from({ length: ${ENTITIES} }, (_, n) => ({
          apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
          metadata: { name: 'svc-' + n, namespace: 'default', description: 'service number ' + n + ' '.padEnd(80, 'x') },
          spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-' + (n % 50) },
        }));
        (async () => {
          for (let round = 1; ; round++) {
            const entities = base.map((entity) => ({ ...entity, metadata: { ...entity.metadata, labels: { round: String(round) } } }));
            await cache.save({ syncedAt: 'round-' + round, entities });
            process.stdout.write('saved ' + round + '\\n');
          }
        })();
      `;
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let saves = 0;
      child.stdout?.on('data', (chunk: Buffer) => {
        saves += (chunk.toString().match(/saved/g) ?? []).length;
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return { child, saves: () => saves, exited };
    }

    let writer: ReturnType<typeof startWriter> | undefined;

    afterEach(async () => {
      if (writer && writer.child.exitCode === null && writer.child.signalCode === null) {
        writer.child.kill('SIGKILL');
        await writer.exited;
      }
      writer = undefined;
    });

    it('load() finds either no cache or a complete snapshot, never a discarded one, and no stray temporary file', async () => {
      const cache = new RegistryCache(folder, REGISTRY);
      const outcomes: string[] = [];
      let strayTemporaries = 0;
      // The first kill lands anywhere in the first save; the others after a complete save, at a
      // random moment of a later one (serialising, writing, syncing or renaming).
      const kills = [
        { afterSaves: 0, delay: Math.random() * 200 },
        ...Array.from({ length: 5 }, () => ({ afterSaves: 1, delay: Math.random() * 250 })),
      ];
      for (const { afterSaves, delay } of kills) {
        writer = startWriter();
        const started = Date.now();
        while (writer.saves() < afterSaves && Date.now() - started < 15_000) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        assert.ok(writer.saves() >= afterSaves, 'the writer got going');
        await new Promise((resolve) => setTimeout(resolve, delay));
        writer.child.kill('SIGKILL');
        await writer.exited;
        assert.equal(writer.child.signalCode, 'SIGKILL');

        strayTemporaries += (await fs.readdir(folder)).filter((name) => name.endsWith('.tmp')).length;
        const loaded = await cache.load();
        assert.notEqual(
          loaded.status,
          'discarded',
          `after a kill ${Math.round(delay)} ms in: ${loaded.status === 'discarded' ? loaded.reason : ''}`,
        );
        if (loaded.status === 'loaded') {
          const { syncedAt, entities } = loaded.snapshot;
          assert.equal(entities.length, ENTITIES);
          const round = syncedAt.replace('round-', '');
          assert.ok(
            entities.every((entity) => entity.metadata.labels?.['round'] === round),
            'every entity comes from the same save',
          );
          assert.equal(entities[ENTITIES - 1]?.metadata.name, `svc-${ENTITIES - 1}`);
          outcomes.push(syncedAt);
        } else {
          outcomes.push(loaded.status);
        }
        assert.deepEqual(
          (await fs.readdir(folder)).filter((name) => name !== path.basename(cache.file)),
          [],
          'load() removed what killed writers left behind; only the cache file remains',
        );
      }
      assert.ok(
        outcomes.slice(1).every((outcome) => outcome.startsWith('round-')),
        `a kill after a complete save always finds a snapshot: ${outcomes.join(', ')} (${strayTemporaries} kills mid-write)`,
      );
      if (process.env['GREENROOM_DEBUG_CACHE_KILLS']) {
        process.stderr.write(
          `    ${strayTemporaries} of ${kills.length} kills landed mid-write; outcomes: ${outcomes.join(', ')}\n`,
        );
      }
    });
  });
});
