import * as assert from 'node:assert/strict';
import { codeOwnersOf, matchCodeOwners, parseCodeOwners } from '../../../src/catalog/codeOwners';
import { codeOwnersPatternToRegExp } from '../../../src/catalog/codeOwnersPattern';
import type { CatalogFileSystem } from '../../../src/catalog';

const ownersOf = (text: string, file: string): readonly string[] | undefined =>
  matchCodeOwners(parseCodeOwners('CODEOWNERS', text), file)?.owners;

function memoryFs(files: Record<string, string>): CatalogFileSystem {
  const bytes = (file: string): Uint8Array | undefined =>
    Object.hasOwn(files, file) ? new TextEncoder().encode(files[file]) : undefined;
  return {
    readFile: async (file) => bytes(file) ?? Promise.reject(new Error(`ENOENT ${file}`)),
    stat: async (file) => {
      const found = bytes(file);
      return found ? { isFile: true, isDirectory: false, size: found.length, mtimeMs: 0 } : undefined;
    },
    readDirectory: async () => [],
    realPath: async (file) => file,
  };
}

describe('CODEOWNERS', () => {
  describe('patterns (GitHub documentation examples)', () => {
    const cases: [string, string, boolean][] = [
      ['*', 'any/file.txt', true],
      ['*.js', 'src/deep/app.js', true],
      ['*.js', 'src/deep/app.ts', false],
      ['/build/logs/', 'build/logs/a/b.log', true],
      ['/build/logs/', 'src/build/logs/a.log', false],
      ['docs/*', 'docs/getting-started.md', true],
      ['docs/*', 'docs/build-app/troubleshooting.md', false],
      ['apps/', 'x/apps/y.txt', true],
      ['/docs/', 'docs/a/b.md', true],
      ['**/logs', 'build/logs/x.log', true],
      ['**/logs', 'catalogs/x', false],
      ['/scripts/**', 'scripts/a/b.sh', true],
      ['/apps/**/deploy', 'apps/a/b/deploy/x', true],
      ['/apps/**/deploy', 'apps/deploy/x', true],
      ['README.md', 'sub/README.md', true],
      ['file?.txt', 'file1.txt', true],
      ['a.b', 'aXb', false],
    ];
    for (const [pattern, file, expected] of cases) {
      it(`${pattern} ${expected ? 'matches' : 'does not match'} ${file}`, () => {
        assert.equal(codeOwnersPatternToRegExp(pattern)?.test(file), expected);
      });
    }
    it('refuses character ranges, which GitHub does not support', () => {
      assert.equal(codeOwnersPatternToRegExp('file[0-9].txt'), undefined);
    });
    it('reads escaped characters literally', () => {
      assert.equal(codeOwnersPatternToRegExp('\\#notes.md')?.test('#notes.md'), true);
    });
  });

  it('the last matching rule wins, in file order', () => {
    const text = [
      '* @org/everyone',
      '/services/ @org/platform',
      '/services/payments/ @org/payments',
      '/services/ @org/late-override',
    ].join('\n');
    assert.deepEqual(ownersOf(text, 'services/payments/catalog-info.yaml'), ['@org/late-override']);
    const earlier = ['* @org/everyone', '/services/ @org/platform', '/services/payments/ @org/payments'].join('\n');
    assert.deepEqual(ownersOf(earlier, 'services/payments/catalog-info.yaml'), ['@org/payments']);
    assert.deepEqual(ownersOf(earlier, 'README.md'), ['@org/everyone']);
  });

  it('skips comments, blank lines and trailing comments', () => {
    const text = ['# owners', '', '*.md @docs # the writers', '  '].join('\n');
    assert.deepEqual(ownersOf(text, 'a.md'), ['@docs']);
    assert.equal(matchCodeOwners(parseCodeOwners('CODEOWNERS', text), 'a.md')?.line, 3);
  });

  it('a rule without owners leaves the path unowned (GitHub)', () => {
    assert.deepEqual(ownersOf(['* @org/all', '/generated/'].join('\n'), 'generated/x.ts'), []);
  });

  it('ignores negated patterns in GitHub files, and says so', () => {
    const parsed = parseCodeOwners('CODEOWNERS', ['* @org/all', '!/docs/ @org/nobody'].join('\n'));
    assert.equal(parsed.format, 'github');
    assert.deepEqual(matchCodeOwners(parsed, 'docs/a.md')?.owners, ['@org/all']);
    assert.equal(parsed.skipped[0]?.line, 2);
  });

  describe('GitLab sections', () => {
    const gitlab = [
      '* @org/fallback',
      '[Documentation] @org/docs',
      'docs/',
      '*.md @org/writers',
      '^[Optional Review]',
      '/services/ @alice',
      '[Backend][2] @org/backend',
      '/services/',
      '!/services/generated/',
    ].join('\n');

    it('recognises the format and uses section default owners', () => {
      const parsed = parseCodeOwners('.gitlab/CODEOWNERS', gitlab);
      assert.equal(parsed.format, 'gitlab');
      assert.deepEqual(matchCodeOwners(parsed, 'docs/guide/setup.txt')?.owners, ['@org/fallback', '@org/docs']);
    });

    it('adds up owners across sections, last rule within each', () => {
      const match = matchCodeOwners(parseCodeOwners('CODEOWNERS', gitlab), 'services/api/catalog-info.yaml');
      assert.deepEqual(match?.owners, ['@org/fallback', '@alice', '@org/backend']);
      assert.deepEqual(
        match?.sections?.map((section) => [section.section, section.optional]),
        [
          ['', false],
          ['Optional Review', true],
          ['Backend', false],
        ],
      );
      assert.equal(match?.line, 8);
    });

    it('an exclusion removes the path from its section only', () => {
      const match = matchCodeOwners(parseCodeOwners('CODEOWNERS', gitlab), 'services/generated/x.ts');
      assert.deepEqual(match?.owners, ['@org/fallback', '@alice']);
    });

    it('merges sections that repeat a name, case-insensitively', () => {
      const text = ['[Docs] @org/a', 'docs/', '[Other]', 'src/ @org/src', '[docs]', '*.md @org/md'].join('\n');
      const parsed = parseCodeOwners('CODEOWNERS', text);
      assert.equal(parsed.sections.length, 2);
      assert.deepEqual(matchCodeOwners(parsed, 'docs/readme.md')?.owners, ['@org/md']);
    });
  });

  it('codeOwnersOf finds .github/CODEOWNERS first and keeps its result shape', async () => {
    const fs = memoryFs({ '/repo/.github/CODEOWNERS': '/svc/ @org/a\n', '/repo/CODEOWNERS': '* @org/b\n' });
    const match = await codeOwnersOf(fs, '/repo', '/repo/svc/catalog-info.yaml');
    assert.equal(match?.file, '.github/CODEOWNERS');
    assert.equal(match?.line, 1);
    assert.equal(match?.pattern, '/svc/');
    assert.deepEqual(match?.owners, ['@org/a']);
    assert.equal(await codeOwnersOf(memoryFs({}), '/repo', '/repo/x'), undefined);
  });
});
