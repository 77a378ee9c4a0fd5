import * as assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import {
  CatalogIndex,
  isInsideFolder,
  nodeCatalogFileSystem,
  FolderCatalog,
  type LocationTarget,
} from '../../../src/catalog';
import { resolveLocationTargets } from '../../../src/catalog/locations';
import {
  nodeResultWriter,
  ScaffolderError,
  unsafePathReason,
  writeResult,
  type ResultWriter,
  type WritableFile,
} from '../../../src/scaffolder';
import { resolveInside } from '../../../src/scaffolder/workspacePaths';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { tempFolder, type TempFolder } from '../scaffolder/support/scaffolderFixtures';
import { componentLines, locationLines, text } from './support/catalogDocs';
import { check, checkAsync, logCasesWhenDone } from './support/fuzz';

/**
 * Random path strings (`..`, absolute, Windows forms, globs, encodings, links out of the root)
 * through the two places untrusted paths meet the file system: Location targets (read) and
 * template outputs (written). Whatever the string, nothing outside the root is read or written,
 * and every refusal is a clear problem or error naming the path.
 */
const SUITE = 'path safety';
const ROOT = '/ws';

/** Path pieces that mean something to some file system or glob engine. */
const SEGMENTS = [
  '..',
  '.',
  '',
  'inside',
  'a.yaml',
  'outside',
  'secret.yaml',
  'link-dir',
  'link-file.yaml',
  'link-up',
  'ok-link.yaml',
  'loop',
  'ws',
  'ws-evil',
  'x.yaml',
  '*',
  '**',
  '*.yaml',
  '{a,..}',
  '?',
  '[.][.]',
  '%2e%2e',
  '..%2f',
  '....',
  '. .',
  '.. ',
  'C:',
  'c:..',
  '\\',
  '..\\..',
  '~',
  'etc',
  'passwd',
  '\u0000',
  'con',
  'a:b',
  '\u2024\u2024',
  'ＮＵＬ',
] as const;
const PREFIXES = [
  '',
  '',
  '',
  './',
  '/',
  '//',
  '\\\\server\\share\\',
  'C:\\',
  'C:/',
  'c:',
  'file://',
  '~/',
  '../',
  './../',
] as const;

const pathString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...PREFIXES),
        fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('/', '/', '/', '\\', '//'),
      )
      .map(([prefix, segments, separator]) => prefix + segments.join(separator)),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('.', '/', '\\', 'a', ':', '*', 'C', ' ', '\u0000', '~'),
      minLength: 1,
      maxLength: 12,
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A workspace with secrets around it: outside files, a prefix-sharing sibling, and links out. */
function hostileWorld(): MemoryFileSystem {
  return new MemoryFileSystem(
    {
      [`${ROOT}/inside/a.yaml`]: text(componentLines('inside-a', 'team-a')),
      [`${ROOT}/inside/x.yaml`]: text(componentLines('inside-x', 'team-a')),
      [`${ROOT}/deep/x/y.yaml`]: text(componentLines('deep-y', 'team-a')),
      '/outside/secret.yaml': text(componentLines('secret-outside', 'team-a')),
      '/outside/x.yaml': text(componentLines('secret-outside-x', 'team-a')),
      '/ws-evil/x.yaml': text(componentLines('secret-prefix', 'team-a')),
      '/secret.yaml': text(componentLines('secret-root', 'team-a')),
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    },
    {
      symlinks: {
        [`${ROOT}/link-file.yaml`]: '/outside/secret.yaml',
        [`${ROOT}/link-dir`]: '/outside',
        [`${ROOT}/inside/link-up`]: '/ws-evil',
        [`${ROOT}/ok-link.yaml`]: `${ROOT}/inside/a.yaml`,
        [`${ROOT}/loop`]: `${ROOT}/loop2`,
        [`${ROOT}/loop2`]: `${ROOT}/loop`,
      },
    },
  );
}

async function insideRoot(fs: MemoryFileSystem, file: string): Promise<boolean> {
  const real = await fs.realPath(file);
  return isInsideFolder(ROOT, path.posix.resolve(file)) && real !== undefined && isInsideFolder(ROOT, real);
}

/** What a Location target must give: refused (and how), or allowed. */
function expectedRefusal(
  locationFile: string,
  target: string,
): 'url' | 'location-invalid' | 'location-escape' | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    return 'url';
  }
  if (target.includes('\\') || (path.win32.isAbsolute(target) && !path.posix.isAbsolute(target))) {
    return 'location-invalid';
  }
  return isInsideFolder(ROOT, path.posix.resolve(path.posix.dirname(locationFile), target))
    ? undefined
    : 'location-escape';
}

describe('reliability: path safety', function () {
  this.timeout(60_000);
  logCasesWhenDone(SUITE);

  describe('Location targets', () => {
    it('resolveLocationTargets: every file it returns is inside the root, also after resolving links; never throws', async () => {
      await checkAsync(
        SUITE,
        400,
        fc.asyncProperty(
          fc.array(pathString, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(`${ROOT}/catalog-info.yaml`, `${ROOT}/inside/catalog-info.yaml`),
          async (targets, file) => {
            const fs = hostileWorld();
            const written: LocationTarget[] = targets.map((target) => ({
              locationRef: 'location:default/fuzz',
              file,
              target,
              type: 'file',
              optional: false,
              range: { start: { line: 6, column: 6 }, end: { line: 6, column: 6 + target.length } },
            }));
            const listing = ['inside/a.yaml', 'inside/x.yaml', 'deep/x/y.yaml', 'ok-link.yaml'];
            const resolved = await resolveLocationTargets(fs, ROOT, written, async () => listing);
            for (const found of resolved.files) {
              assert.ok(await insideRoot(fs, found), `${JSON.stringify(targets)} resolved to ${found}`);
            }
            for (const target of written) {
              const refusal = expectedRefusal(file, target.target);
              if (refusal === 'url') {
                assert.ok(resolved.urls.includes(target.target));
              } else if (refusal) {
                const problem = resolved.problems.find((candidate) => candidate.message.includes(`"${target.target}"`));
                assert.ok(problem, `${JSON.stringify(target.target)} was not refused`);
                assert.equal(problem.code, refusal, problem.message);
                assert.equal(problem.severity, 'error');
                assert.deepEqual(problem.range, target.range);
              }
            }
            for (const problem of resolved.problems) {
              assert.ok(
                problem.message.length < 1_000 && /Location target ".*"/s.test(problem.message),
                problem.message,
              );
            }
          },
        ),
      );
    });

    it('a workspace whose Locations hold random targets reads nothing outside the root and indexes nothing from there', async () => {
      await checkAsync(
        SUITE,
        200,
        fc.asyncProperty(
          fc
            .array(pathString, { minLength: 1, maxLength: 5 })
            .filter((targets) => targets.every((target) => target.trim().length > 0 && !target.includes('\u0000'))),
          fc.constantFrom('catalog-info.yaml', 'inside/catalog-info.yaml'),
          async (targets, relative) => {
            const fs = hostileWorld();
            const locationFile = `${ROOT}/${relative}`;
            fs.write(locationFile, text(locationLines('fuzz', targets)));
            const index = new CatalogIndex();
            const catalog = new FolderCatalog(ROOT, { fs, index });
            await catalog.loadAll();
            // Every file read, every folder listed and every file indexed is inside the root.
            for (const read of fs.reads) {
              assert.ok(await insideRoot(fs, read), `read ${read} for ${JSON.stringify(targets)}`);
            }
            for (const folder of fs.directoryReads) {
              assert.ok(isInsideFolder(ROOT, folder), `listed ${folder}`);
            }
            for (const file of index.indexedFiles()) {
              assert.ok(await insideRoot(fs, file), `indexed ${file}`);
            }
            const refs = [...index.refs()];
            assert.ok(!refs.some((ref) => ref.includes('secret')), `a secret was indexed: ${JSON.stringify(refs)}`);
            // Every target that leaves the root is refused on the target, naming it.
            const problems = index.problemsOf(locationFile);
            for (const target of targets.map((candidate) => candidate.trim())) {
              const refusal = expectedRefusal(locationFile, target);
              if (refusal && refusal !== 'url') {
                assert.ok(
                  problems.some(
                    (problem) =>
                      problem.code === refusal &&
                      problem.message.includes(`"${target}"`) &&
                      problem.range.start.line >= 7,
                  ),
                  `${JSON.stringify(target)}: no ${refusal} problem in ${JSON.stringify(problems.map((problem) => problem.message))}`,
                );
              }
            }
          },
        ),
      );
    });

    it('a glob-matched catalog file that is a link out of the root is never read, not at load time and not when the watcher reports it', async () => {
      const fs = new MemoryFileSystem(
        {
          [`${ROOT}/good/catalog-info.yaml`]: text(componentLines('good', 'team-a')),
          '/outside/catalog-info.yaml': text(componentLines('secret-outside', 'team-a')),
        },
        {
          symlinks: {
            [`${ROOT}/linked/catalog-info.yaml`]: '/outside/catalog-info.yaml',
            [`${ROOT}/dir-link`]: '/outside',
          },
        },
      );
      const index = new CatalogIndex();
      const catalog = new FolderCatalog(ROOT, { fs, index });
      await catalog.loadAll();
      for (const file of [`${ROOT}/linked/catalog-info.yaml`, `${ROOT}/dir-link/catalog-info.yaml`]) {
        await catalog.updateFile(file);
      }
      assert.deepEqual([...index.refs()], ['component:default/good']);
      assert.ok(
        !fs.reads.some((read) => read.includes('linked') || read.includes('dir-link') || read.startsWith('/outside')),
        JSON.stringify(fs.reads),
      );
    });

    it('random link graphs (loops, aliases, links into .git and out): the load ends, each real file is indexed once, nothing outside or in .git is read', async () => {
      const linkPool: readonly (readonly [string, string])[] = [
        [`${ROOT}/a`, ROOT],
        [`${ROOT}/b`, ROOT],
        [`${ROOT}/svc/up`, ROOT],
        [`${ROOT}/l1`, `${ROOT}/l2`],
        [`${ROOT}/l2`, `${ROOT}/l1`],
        [`${ROOT}/self`, `${ROOT}/self`],
        [`${ROOT}/svc/alias.yaml`, `${ROOT}/svc/c.yaml`],
        [`${ROOT}/svc/catalog-info.yaml`, `${ROOT}/svc/c.yaml`],
        [`${ROOT}/g`, `${ROOT}/.git`],
        [`${ROOT}/git.yaml`, `${ROOT}/.git/config`],
        [`${ROOT}/out`, '/outside'],
        [`${ROOT}/out.catalog-info.yaml`, '/outside/secret.yaml'],
      ];
      const secret = 'ghp_PropertySecret';
      const segment = fc.constantFrom(
        'a',
        'b',
        'svc',
        'up',
        'l1',
        'self',
        'g',
        'out',
        '.git',
        'config',
        'c.yaml',
        'alias.yaml',
        'catalog-info.yaml',
        'loc.yaml',
        'git.yaml',
        '..',
        '.',
        'node_modules',
        'p',
        '*.yaml',
        '**',
      );
      const target = fc.array(segment, { minLength: 1, maxLength: 6 }).map((segments) => `./${segments.join('/')}`);
      await checkAsync(
        SUITE,
        150,
        fc.asyncProperty(
          fc.subarray([...linkPool]),
          fc.array(target, { minLength: 1, maxLength: 4 }),
          fc.array(target, { minLength: 1, maxLength: 4 }),
          async (links, rootTargets, svcTargets) => {
            const fs = new MemoryFileSystem(
              {
                [`${ROOT}/catalog-info.yaml`]: text(locationLines('root', rootTargets)),
                [`${ROOT}/svc/loc.yaml`]: text(locationLines('svc', svcTargets)),
                [`${ROOT}/svc/c.yaml`]: text(componentLines('player', 'team-a')),
                [`${ROOT}/.git/config`]: `[remote "origin"]\n\turl = https://x-access-token:${secret}@github.com/org/repo\n`,
                [`${ROOT}/node_modules/p/catalog-info.yaml`]: text(componentLines('vendored', 'team-a')),
                '/outside/secret.yaml': text(componentLines('secret-outside', 'team-a')),
              },
              { symlinks: Object.fromEntries(links) },
            );
            const index = new CatalogIndex();
            await new FolderCatalog(ROOT, { fs, index }).loadAll();
            const indexed = index.indexedFiles();
            const realPaths = await Promise.all(indexed.map((file) => fs.realPath(file)));
            for (const [position, file] of indexed.entries()) {
              const real = realPaths[position];
              if (real === undefined || !isInsideFolder(ROOT, real)) {
                // A link out (or to nothing) is there only as its problem.
                assert.deepEqual(index.fileResult(file)?.entities, [], `${file} leads out and has entities`);
              } else {
                // Indexed under its identity: the real path (the root is not a link here).
                assert.equal(real, file, `${file} is indexed under a path through a link`);
              }
            }
            const readable = realPaths.filter(
              (real): real is string => real !== undefined && isInsideFolder(ROOT, real),
            );
            assert.equal(
              new Set(readable).size,
              readable.length,
              `a file is indexed twice: ${JSON.stringify(indexed)}`,
            );
            for (const read of fs.reads) {
              const real = (await fs.realPath(read)) ?? read;
              const segments = real.split('/');
              assert.ok(
                isInsideFolder(ROOT, real) && !segments.includes('.git') && !segments.includes('node_modules'),
                `read ${read} (${real}) for ${JSON.stringify([links, rootTargets, svcTargets])}`,
              );
            }
            for (const problem of index.allProblems()) {
              assert.ok(!problem.message.includes(secret), problem.message);
            }
            assert.ok(
              ![...index.refs()].some((ref) => ref.includes('secret') || ref.includes('vendored')),
              JSON.stringify([...index.refs()]),
            );
          },
        ),
      );
    });

    describe('on the real file system', () => {
      let temp: TempFolder;
      beforeEach(() => {
        temp = tempFolder('greenroom-path-safety-');
      });
      afterEach(() => temp.remove());

      it('random targets next to real links out of the workspace: no file outside is read or indexed', async () => {
        const sandbox = temp.path;
        const root = path.join(sandbox, 'ws');
        mkdirSync(path.join(root, 'inside'), { recursive: true });
        mkdirSync(path.join(sandbox, 'outside'));
        mkdirSync(path.join(sandbox, 'ws-evil'));
        writeFileSync(path.join(root, 'inside', 'a.yaml'), text(componentLines('inside-a', 'team-a')));
        writeFileSync(path.join(sandbox, 'outside', 'secret.yaml'), text(componentLines('secret-outside', 'team-a')));
        writeFileSync(path.join(sandbox, 'ws-evil', 'x.yaml'), text(componentLines('secret-prefix', 'team-a')));
        symlinkSync(path.join(sandbox, 'outside', 'secret.yaml'), path.join(root, 'link-file.yaml'));
        symlinkSync(path.join(sandbox, 'outside'), path.join(root, 'link-dir'));
        symlinkSync('../../ws-evil', path.join(root, 'inside', 'link-up'));
        symlinkSync(path.join(root, 'loop'), path.join(root, 'loop'));
        const reads: string[] = [];
        const recording = {
          ...nodeCatalogFileSystem,
          readFile: (file: string) => (reads.push(file), nodeCatalogFileSystem.readFile(file)),
        };
        const realRoot = await nodeCatalogFileSystem.realPath(root);
        await checkAsync(
          SUITE,
          60,
          fc.asyncProperty(
            fc
              .array(pathString, { minLength: 1, maxLength: 4 })
              .filter((targets) => targets.every((target) => target.trim().length > 0 && !target.includes('\u0000'))),
            async (targets) => {
              reads.length = 0;
              writeFileSync(path.join(root, 'catalog-info.yaml'), text(locationLines('fuzz', targets)));
              const index = new CatalogIndex();
              await new FolderCatalog(root, { fs: recording, index }).loadAll();
              for (const read of reads) {
                const real = await nodeCatalogFileSystem.realPath(read);
                assert.ok(
                  real !== undefined && realRoot !== undefined && isInsideFolder(realRoot, real),
                  `read ${read} (${real ?? 'nothing'}) for ${JSON.stringify(targets)}`,
                );
              }
              assert.ok(![...index.refs()].some((ref) => ref.includes('secret')), JSON.stringify([...index.refs()]));
            },
          ),
        );
      });
    });
  });

  describe('template output paths', () => {
    it('unsafePathReason and resolveInside: an accepted path stays inside its base on POSIX and on Windows; a refused one is a safety error naming it', () => {
      check(
        SUITE,
        3000,
        fc.property(pathString, fc.constantFrom('', 'service', 'a/b'), (candidate, base) => {
          let resolved: string | undefined;
          try {
            resolved = resolveInside(base, candidate, { what: 'output file' });
          } catch (error) {
            assert.ok(error instanceof ScaffolderError, `not a ScaffolderError: ${String(error)}`);
            assert.equal(error.kind, 'safety');
            assert.ok(error.message.includes(JSON.stringify(candidate)), error.message);
            assert.match(error.message, /refused/);
            return;
          }
          assert.equal(unsafePathReason(candidate), undefined);
          for (const part of [candidate, resolved]) {
            assert.ok(
              !part.includes('\\') && !part.includes('\u0000') && !part.startsWith('/') && !/^[A-Za-z]:/.test(part),
              `accepted ${JSON.stringify(candidate)} → ${JSON.stringify(resolved)}`,
            );
          }
          assert.ok(
            resolved
              .split('/')
              .every(
                (segment) =>
                  segment !== '..' &&
                  segment !== '.' &&
                  (resolved === '' || segment !== '') &&
                  !/^[. ]+$/.test(segment),
              ),
            `not normalized: ${JSON.stringify(resolved)}`,
          );
          assert.ok(
            resolved === base || resolved.startsWith(`${base}/`) || base === '',
            `${JSON.stringify(resolved)} left ${JSON.stringify(base)}`,
          );
          const posixRoot = '/srv/target';
          const windowsRoot = 'C:\\Users\\me\\target';
          const onPosix = path.posix.relative(posixRoot, path.posix.resolve(posixRoot, resolved));
          assert.ok(
            onPosix !== '..' && !onPosix.startsWith('../') && !path.posix.isAbsolute(onPosix),
            `on POSIX ${JSON.stringify(resolved)} → ${onPosix}`,
          );
          const onWindows = path.win32.relative(windowsRoot, path.win32.resolve(windowsRoot, resolved));
          assert.ok(
            onWindows !== '..' && !onWindows.startsWith('..\\') && !path.win32.isAbsolute(onWindows),
            `on Windows ${JSON.stringify(resolved)} → ${onWindows}`,
          );
        }),
      );
    });

    it('writeResult with a writer that has links: either every file lands inside the target, or nothing is written and the error names the path', async () => {
      // A virtual disk: the target /out holds links to a folder and a file outside, a dangling link and a loop.
      const links: Record<string, string> = {
        '/out/link-dir': '/elsewhere',
        '/out/link-file': '/elsewhere/file',
        '/out/dangling': '/elsewhere/missing-dir',
        '/out/loop': '/out/loop',
      };
      await checkAsync(
        SUITE,
        400,
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              pathString,
              fc.constantFrom(
                'link-dir/x',
                'link-file',
                'dangling/x',
                'dangling',
                'loop/x',
                'fine/ok.txt',
                'a/../b.txt',
              ),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          fc.boolean(),
          async (paths, overwrite) => {
            const existing = new Set(['/out', '/elsewhere', '/elsewhere/file', ...Object.keys(links)]);
            const writes: string[] = [];
            const folders: string[] = [];
            const resolveLinks = (target: string): string | undefined => {
              let current = target;
              for (let hops = 0; hops < 16; hops++) {
                const parts = current.split('/').filter(Boolean);
                let replaced = false;
                for (let length = 1; length <= parts.length; length++) {
                  const prefix = `/${parts.slice(0, length).join('/')}`;
                  const link = links[prefix];
                  if (link !== undefined) {
                    current = path.posix.join(link, ...parts.slice(length));
                    replaced = true;
                    break;
                  }
                }
                if (!replaced) {
                  return existing.has(current) || writes.includes(current) ? current : undefined;
                }
              }
              return undefined;
            };
            const writer: ResultWriter = {
              exists: async (file) => existing.has(file) || writes.includes(file),
              mkdirp: async (folder) => {
                folders.push(folder);
              },
              writeFile: async (file) => {
                writes.push(file);
              },
              realPath: async (file) => resolveLinks(file),
            };
            const files: WritableFile[] = paths.map((file) => ({
              path: file,
              bytes: new Uint8Array([120]),
              executable: false,
            }));
            try {
              await writeResult({ files }, '/out', writer, { overwrite });
            } catch (error) {
              assert.ok(
                error instanceof ScaffolderError && (error.kind === 'safety' || error.kind === 'input'),
                `not a clear refusal: ${String(error)}`,
              );
              assert.ok(
                paths.some((file) => error.message.includes(JSON.stringify(file))),
                error.message,
              );
              assert.deepEqual(writes, [], 'something was written before the refusal');
              return;
            }
            for (const written of [...writes, ...folders]) {
              assert.ok(isInsideFolder('/out', written), `wrote ${written}`);
              const real = resolveLinks(path.posix.dirname(written));
              assert.ok(
                real === undefined || isInsideFolder('/out', real),
                `${written} is below a link to ${real ?? ''}`,
              );
            }
            assert.ok(
              !writes.some((file) =>
                ['/out/link-dir', '/out/link-file', '/out/dangling', '/out/loop'].some((link) =>
                  file.startsWith(`${link}/`),
                ),
              ),
              JSON.stringify(writes),
            );
          },
        ),
      );
    });

    describe('on the real file system', () => {
      let temp: TempFolder;
      beforeEach(() => {
        temp = tempFolder('greenroom-write-safety-');
      });
      afterEach(() => temp.remove());

      /** Every entry below a folder: path → file content or link target, to compare before and after. */
      function snapshot(folder: string): Record<string, string> {
        const result: Record<string, string> = {};
        const walk = (current: string): void => {
          for (const name of readdirSync(current)) {
            const full = path.join(current, name);
            const stat = lstatSync(full);
            if (stat.isSymbolicLink()) {
              result[full] = `-> ${readlinkSync(full)}`;
            } else if (stat.isDirectory()) {
              result[`${full}/`] = 'dir';
              walk(full);
            } else {
              result[full] = readFileSync(full, 'utf8');
            }
          }
        };
        walk(folder);
        return result;
      }

      it('random output paths into a real target with links out: nothing outside changes, refusals are clear and come before any write', async () => {
        const outside = path.join(temp.path, 'outside');
        mkdirSync(path.join(outside, 'dir'), { recursive: true });
        writeFileSync(path.join(outside, 'file'), 'original');
        writeFileSync(path.join(outside, 'dir', 'kept'), 'kept');
        const outsideBefore = snapshot(outside);
        let run = 0;
        await checkAsync(
          SUITE,
          150,
          fc.asyncProperty(
            fc.array(
              fc.oneof(
                pathString,
                fc.constantFrom(
                  'link-dir/x',
                  'link-dir/kept',
                  'link-file',
                  'dangling/x',
                  'dangling',
                  'loop/x',
                  'fine/ok.txt',
                  'fine',
                ),
              ),
              { minLength: 1, maxLength: 3 },
            ),
            fc.boolean(),
            async (paths, overwrite) => {
              // A fresh target each time: links to a folder and a file outside, a dangling link, a loop.
              const target = path.join(temp.path, `target-${run++}`);
              mkdirSync(target);
              symlinkSync(path.join(outside, 'dir'), path.join(target, 'link-dir'));
              symlinkSync(path.join(outside, 'file'), path.join(target, 'link-file'));
              symlinkSync(path.join(outside, 'new-dir'), path.join(target, 'dangling'));
              symlinkSync(path.join(target, 'loop'), path.join(target, 'loop'));
              const targetBefore = snapshot(target);
              const files: WritableFile[] = paths.map((file) => ({
                path: file,
                bytes: new TextEncoder().encode('pwned'),
                executable: false,
              }));
              try {
                await writeResult({ files }, target, nodeResultWriter, { overwrite });
              } catch (error) {
                // Unsafe paths are safety errors; a path needed as both a file and a folder is an input error.
                assert.ok(
                  error instanceof ScaffolderError && (error.kind === 'safety' || error.kind === 'input'),
                  `not a clear refusal for ${JSON.stringify(paths)}: ${String(error)}`,
                );
                assert.deepEqual(snapshot(target), targetBefore, 'a refused result was written in part');
              }
              assert.deepEqual(
                snapshot(outside),
                outsideBefore,
                `something outside changed after ${JSON.stringify(paths)}`,
              );
              assert.deepEqual(
                readdirSync(temp.path).filter((name) => !name.startsWith('target-')),
                ['outside'],
              );
            },
          ),
        );
      });
    });
  });
});
