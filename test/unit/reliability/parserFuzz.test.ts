import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isScalar, parseAllDocuments, stringify } from 'yaml';
import {
  MultiFolderCatalog,
  DEFAULT_MAX_FILE_SIZE_BYTES,
  parseCatalogFile,
  type CatalogProblem,
  type ParsedCatalogFile,
} from '../../../src/catalog';
import { ByteFileSystem } from './support/byteFileSystem';
import {
  applyMutation,
  componentLines,
  groupLines,
  mutatedFile,
  mutation,
  systemLines,
  text,
  userLines,
  validDocument,
  validFile,
  YAML_TOKENS,
} from './support/catalogDocs';
import { checkAsync, countCases, logCasesWhenDone } from './support/fuzz';
import { assertParsedWellFormed, assertProblemWellFormed, editorLines } from './support/wellFormed';

const SUITE = 'parser fuzzing';
const ROOT = '/ws';
const FILE = `${ROOT}/catalog-info.yaml`;
const ORIGIN = { type: 'workspace', folder: ROOT } as const;
/** No single file may keep the parser busy longer than this (the extension host is single-threaded). */
const PER_FILE_BUDGET_MS = 3_000;

/** Parses, timing it; any exception fails the test with the text that caused it. */
async function parse(source: string, file = FILE): Promise<ParsedCatalogFile> {
  const started = Date.now();
  let parsed: ParsedCatalogFile;
  try {
    parsed = await parseCatalogFile(file, source, ORIGIN);
  } catch (error) {
    assert.fail(
      `parseCatalogFile threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} on ${JSON.stringify(source.slice(0, 300))}`,
    );
  }
  const elapsed = Date.now() - started;
  assert.ok(elapsed < PER_FILE_BUDGET_MS, `parsing ${source.length} characters took ${elapsed} ms`);
  return parsed;
}

async function parseWellFormed(source: string): Promise<ParsedCatalogFile> {
  const parsed = await parse(source);
  assertParsedWellFormed(parsed, FILE, source);
  return parsed;
}

/**
 * Documents that are not empty: each must give an entity or at least one problem, so nothing
 * the user wrote disappears silently. Counted with the yaml parser itself (duplicate keys allowed).
 */
function nonEmptyDocuments(source: string): number {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return parseAllDocuments(body, { uniqueKeys: false }).filter(
    (document) =>
      document.errors.length > 0 ||
      (document.contents !== null &&
        !(isScalar(document.contents) && (document.contents.value === null || document.contents.value === undefined))),
  ).length;
}

function assertNothingDropped(parsed: ParsedCatalogFile, source: string): void {
  const documents = nonEmptyDocuments(source);
  assert.ok(
    parsed.entities.length + parsed.problems.length >= documents,
    `${documents} non-empty documents gave ${parsed.entities.length} entities and ${parsed.problems.length} problems`,
  );
}

function describeProblems(problems: readonly CatalogProblem[]): string {
  return JSON.stringify(
    problems.map(
      (problem) =>
        `${problem.code} ${problem.range.start.line}:${problem.range.start.column} ${problem.message.slice(0, 100)}`,
    ),
  );
}

function onlyCodes(problems: readonly CatalogProblem[]): string[] {
  return [...new Set(problems.map((problem) => problem.code))].sort();
}

const ENTITY_DOCUMENTS = fc.oneof(
  fc
    .tuple(fc.constantFrom('alpha', 'beta'), fc.constantFrom('team-a', 'team-b'))
    .map(([name, owner]) => componentLines(name, owner, ['  dependsOn:', '    - component:gamma'])),
  fc.constantFrom('team-a', 'team-b').map((team) => groupLines(team)),
  fc.constantFrom('team-a', 'team-b').map((team) => userLines('ann', team)),
  fc.constantFrom('alpha', 'beta').map((name) => systemLines(name, 'team-a')),
);

/** Three documents without block scalars (so every `key:` line really is a mapping key). */
const PLAIN_FILE = fc.array(ENTITY_DOCUMENTS, { minLength: 3, maxLength: 3 });

function joinDocuments(documents: readonly string[][]): { readonly source: string; readonly starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  documents.forEach((document, position) => {
    if (position > 0) {
      lines.push('---');
    }
    starts.push(lines.length);
    lines.push(...document);
  });
  return { source: text(lines), starts };
}

/** Nine levels of nine aliases: 9^9 strings if everything were expanded. */
function billionLaughs(flow: boolean): string {
  const names = 'abcdefghi';
  const lines = flow
    ? ['{a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"],']
    : ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < names.length; level++) {
    const previous = names[level - 1] ?? 'a';
    const current = names[level] ?? 'a';
    const aliases = Array.from({ length: 9 }, () => `*${previous}`).join(', ');
    lines.push(
      flow
        ? ` ${current}: &${current} [${aliases}]${level === names.length - 1 ? '}' : ','}`
        : `${current}: &${current} [${aliases}]`,
    );
  }
  return text(lines);
}

function entityWith(specLines: readonly string[]): string {
  return text(componentLines('bomb', 'team-a', specLines));
}

describe('reliability: parser fuzzing', function () {
  this.timeout(60_000);
  logCasesWhenDone(SUITE);

  describe('properties (random and mutated documents)', () => {
    it('mutated catalog files: no exception, every problem has a known code and a range inside the text, nothing dropped silently', async () => {
      await checkAsync(
        SUITE,
        300,
        fc.asyncProperty(mutatedFile, async (source) => {
          const parsed = await parseWellFormed(source);
          assertNothingDropped(parsed, source);
        }),
      );
    });

    it('arbitrary strings (any UTF-16, lone surrogates included, and strings over the YAML alphabet)', async () => {
      const yamlAlphabet = fc.constantFrom(...'abc:-?[]{},&*!|>\'"%@`#\t \n\r\ufeff0.~<'.split(''), ...YAML_TOKENS);
      await checkAsync(
        SUITE,
        250,
        fc.asyncProperty(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: yamlAlphabet, maxLength: 200 })),
          async (source) => {
            const parsed = await parseWellFormed(source);
            assertNothingDropped(parsed, source);
          },
        ),
      );
    });

    it('arbitrary JSON-like values dumped as YAML, as a whole document or under spec, then mutated', async () => {
      const value = fc.jsonValue({ maxDepth: 6 });
      const asDocument = value.map((root) => stringify(root));
      const underSpec = value.map((spec) =>
        stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'fuzz' }, spec }),
      );
      await checkAsync(
        SUITE,
        200,
        fc.asyncProperty(
          fc.oneof(asDocument, underSpec),
          fc.array(mutation, { maxLength: 3 }),
          async (source, changes) => {
            const mutated = changes.reduce((current, change) => applyMutation(current, change), source);
            const parsed = await parseWellFormed(mutated);
            assertNothingDropped(parsed, mutated);
          },
        ),
      );
    });

    it('a BOM and CRLF line ends change nothing: same entities, same problems at the same lines and columns', async () => {
      // Mutations that do not themselves add line breaks, so both texts have the same lines.
      const lineSafe = mutation.filter(
        (change) => !('fragment' in change) || !/[\r\n\ufeff\u0085\u2028]/.test(change.fragment),
      );
      await checkAsync(
        SUITE,
        150,
        fc.asyncProperty(validFile, fc.array(lineSafe, { maxLength: 2 }), async (lines, changes) => {
          const lf = changes
            .reduce((current, change) => applyMutation(current, change), text(lines))
            .replace(/\r/g, '');
          const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
          const [plain, windows] = [await parseWellFormed(lf), await parseWellFormed(crlf)];
          assert.deepEqual(
            windows.entities.map((record) => [record.ref, record.range.start]),
            plain.entities.map((record) => [record.ref, record.range.start]),
          );
          // yaml quotes the text it stumbled on: there the CR shows.
          const key = (problem: CatalogProblem): string =>
            `${problem.code} ${problem.range.start.line}:${problem.range.start.column} ${problem.message.replace(/\\r/g, '')}`;
          assert.deepEqual(windows.problems.map(key), plain.problems.map(key));
        }),
      );
    });

    it('a duplicated key is a yaml-syntax problem on the second occurrence; the other documents still load', async () => {
      await checkAsync(
        SUITE,
        150,
        fc.asyncProperty(PLAIN_FILE, fc.nat({ max: 2 }), fc.nat(), async (documents, target, pick) => {
          const document = documents[target] ?? [];
          const keyLines = document
            .map((line, index) => ({ line, index }))
            .filter(({ line }) => /^\s*[A-Za-z][\w.-]*:/.test(line));
          const chosen = keyLines[pick % keyLines.length] ?? assert.fail('no key line');
          const changed = documents.map((lines, position) =>
            position === target
              ? [...lines.slice(0, chosen.index + 1), chosen.line, ...lines.slice(chosen.index + 1)]
              : lines,
          );
          const { source, starts } = joinDocuments(changed);
          const parsed = await parseWellFormed(source);
          const line = (starts[target] ?? 0) + chosen.index + 1;
          const duplicate = parsed.problems.find(
            (problem) => problem.code === 'yaml-syntax' && /Map keys must be unique/.test(problem.message),
          );
          assert.ok(duplicate, `no duplicate-key problem: ${describeProblems(parsed.problems)}`);
          assert.equal(duplicate.range.start.line, line);
          assert.equal(duplicate.range.start.column, chosen.line.length - chosen.line.trimStart().length);
          assert.equal(parsed.entities.length, 2, 'the other two documents must still give their entities');
        }),
      );
    });

    it('finds exactly the duplicate keys yaml itself reports (its quadratic check is replaced by a linear one)', async () => {
      const duplicates = mutation.filter((change) => change.kind === 'duplicateLine');
      await checkAsync(
        SUITE,
        200,
        fc.asyncProperty(mutatedFile, fc.array(duplicates, { maxLength: 3 }), async (source, changes) => {
          const mutated = changes.reduce((current, change) => applyMutation(current, change), source);
          const body = mutated.charCodeAt(0) === 0xfeff ? mutated.slice(1) : mutated;
          const expected = parseAllDocuments(body, { uniqueKeys: true }).flatMap((document) =>
            document.errors.filter((error) => error.code === 'DUPLICATE_KEY'),
          ).length;
          const parsed = await parseWellFormed(mutated);
          const found = parsed.problems.filter(
            (problem) => problem.message === 'YAML error: Map keys must be unique',
          ).length;
          assert.equal(found, expected, describeProblems(parsed.problems));
        }),
      );
    });

    it('a tab in the indentation is a yaml-syntax problem on that line; the other documents still load', async () => {
      await checkAsync(
        SUITE,
        150,
        fc.asyncProperty(
          PLAIN_FILE,
          fc.nat({ max: 2 }),
          fc.nat(),
          fc.boolean(),
          async (documents, target, pick, replaceIndent) => {
            const document = documents[target] ?? [];
            const index = pick % document.length;
            const original = document[index] ?? '';
            const indent = original.length - original.trimStart().length;
            const tabbed = replaceIndent
              ? `\t${original.trimStart()}`
              : `${' '.repeat(indent)}\t${original.trimStart()}`;
            const changed = documents.map((lines, position) =>
              position === target ? lines.map((line, at) => (at === index ? tabbed : line)) : lines,
            );
            const { source, starts } = joinDocuments(changed);
            const parsed = await parseWellFormed(source);
            const line = (starts[target] ?? 0) + index;
            const tab = parsed.problems.find(
              (problem) => problem.code === 'yaml-syntax' && problem.range.start.line === line,
            );
            assert.ok(tab, `no yaml-syntax problem on line ${line}: ${describeProblems(parsed.problems)}`);
            assert.ok(tab.range.start.column <= (replaceIndent ? 0 : indent));
            assert.equal(parsed.entities.length, 2);
          },
        ),
      );
    });
  });

  describe('hostile files, each through the whole workspace (the other files keep loading)', () => {
    const GOOD_FILES: Record<string, string> = {
      [`${ROOT}/good/catalog-info.yaml`]: text(componentLines('good-service', 'team-a')),
      [`${ROOT}/org/catalog-info.yaml`]: text(groupLines('team-a')),
      [`${ROOT}/z/last.catalog-info.yaml`]: text(systemLines('good-system', 'team-a')),
    };
    const GOOD_REFS = ['component:default/good-service', 'group:default/team-a', 'system:default/good-system'];

    interface Loaded {
      readonly workspace: MultiFolderCatalog;
      readonly fs: ByteFileSystem;
      readonly elapsedMs: number;
    }

    async function loadWith(
      hostile: Readonly<Record<string, string | Uint8Array>>,
      maxFileSizeBytes?: number,
    ): Promise<Loaded> {
      const fs = new ByteFileSystem(GOOD_FILES);
      for (const [file, content] of Object.entries(hostile)) {
        if (typeof content === 'string') {
          fs.write(file, content);
        } else {
          fs.writeBytes(file, content);
        }
      }
      const workspace = new MultiFolderCatalog({ fs, ...(maxFileSizeBytes === undefined ? {} : { maxFileSizeBytes }) });
      workspace.addFolder(ROOT);
      const started = Date.now();
      await workspace.loadAll();
      return { workspace, fs, elapsedMs: Date.now() - started };
    }

    /**
     * The good entities are there, every problem is well formed (inside its text, when the text
     * is given), and each hostile file with anything in it has entities or problems.
     */
    function assertHealthy(
      loaded: Loaded,
      hostileFiles: readonly string[],
      sources: Readonly<Record<string, string>> = {},
    ): CatalogProblem[] {
      const { index } = loaded.workspace;
      const refs = [...index.refs()];
      for (const ref of GOOD_REFS) {
        assert.ok(refs.includes(ref), `${ref} is missing; the index has ${JSON.stringify(refs.slice(0, 20))}`);
      }
      const problems = index.allProblems();
      const linesOf = new Map(Object.entries(sources).map(([file, source]) => [file, editorLines(source)]));
      for (const problem of problems) {
        assertProblemWellFormed(problem, problem.file, linesOf.get(problem.file));
      }
      for (const file of hostileFiles) {
        const source = sources[file];
        const found = index.byFile(file).length > 0 || index.problemsOf(file).length > 0;
        assert.ok(
          found || (source !== undefined && nonEmptyDocuments(source) === 0),
          `${file} gave neither an entity nor a problem`,
        );
      }
      return problems.filter((problem) => hostileFiles.includes(problem.file));
    }

    it('random bytes, PNG and ZIP headers, NULs and UTF-16 named catalog-info.yaml', async () => {
      await checkAsync(
        SUITE,
        60,
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ minLength: 1, maxLength: 2048 }),
            fc
              .uint8Array({ maxLength: 512 })
              .map((rest) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...rest])),
            fc.uint8Array({ maxLength: 512 }).map((rest) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...rest])),
            fc.integer({ min: 1, max: 4096 }).map((length) => new Uint8Array(length)),
            validFile.map((lines) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text(lines), 'utf16le')])),
          ),
          async (bytes) => {
            const hostile = `${ROOT}/binary/catalog-info.yaml`;
            const loaded = await loadWith({ [hostile]: bytes });
            assertHealthy(loaded, [hostile], { [hostile]: new TextDecoder().decode(bytes) });
          },
        ),
      );
    });

    it('non-UTF-8 bytes (Latin-1, cut multi-byte sequences) inside an otherwise valid descriptor', async () => {
      await checkAsync(
        SUITE,
        60,
        fc.asyncProperty(
          validFile,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 5 }),
          async (lines, corruptions) => {
            const bytes = Buffer.from(text(lines), 'utf8');
            for (const [at, byte] of corruptions) {
              bytes[at % bytes.length] = byte;
            }
            const hostile = `${ROOT}/latin1/catalog-info.yaml`;
            const loaded = await loadWith({ [hostile]: Uint8Array.from(bytes) });
            assertHealthy(loaded, [hostile], { [hostile]: new TextDecoder().decode(bytes) });
          },
        ),
      );
    });

    it('alias bombs: billion laughs (block and flow), a quadratic blow-up, recursive and undefined aliases, aliases as keys', async () => {
      const wide = `[${Array.from({ length: 50_000 }, () => '0').join(',')}]`;
      const bombs: Record<string, string> = {
        [`${ROOT}/bombs/laughs.catalog-info.yaml`]: billionLaughs(false),
        [`${ROOT}/bombs/flow.catalog-info.yaml`]: billionLaughs(true),
        [`${ROOT}/bombs/under-spec.catalog-info.yaml`]: entityWith(
          billionLaughs(false)
            .trimEnd()
            .split('\n')
            .map((line) => `  ${line}`),
        ),
        [`${ROOT}/bombs/quadratic.catalog-info.yaml`]: entityWith([
          `  big: &a ${wide}`,
          `  refs: [${Array.from({ length: 99 }, () => '*a').join(', ')}]`,
        ]),
        [`${ROOT}/bombs/recursive-seq.catalog-info.yaml`]: entityWith(['  loop: &a [1, *a]']),
        [`${ROOT}/bombs/recursive-map.catalog-info.yaml`]: entityWith(['  loop: &a { x: *a }']),
        [`${ROOT}/bombs/recursive-root.catalog-info.yaml`]: `&root\n${entityWith(['  loop: *root'])}`,
        [`${ROOT}/bombs/undefined.catalog-info.yaml`]: entityWith(['  x: *nowhere']),
        [`${ROOT}/bombs/keys.catalog-info.yaml`]: entityWith(['  k: &k [1, 2]', '  m: { ? *k : v, ? *k : w }']),
      };
      countCases(SUITE, Object.keys(bombs).length);
      const warnings: string[] = [];
      const onWarning = (warning: Error): void => {
        warnings.push(warning.message);
      };
      process.on('warning', onWarning);
      const loaded = await loadWith(bombs).finally(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        process.off('warning', onWarning);
      });
      assert.deepEqual(warnings, [], 'a hostile file made the parser write process warnings');
      const problems = assertHealthy(loaded, Object.keys(bombs), bombs);
      assert.ok(loaded.elapsedMs < 10_000, `loading the bombs took ${loaded.elapsedMs} ms`);
      for (const file of Object.keys(bombs).filter((name) => !name.endsWith('/keys.catalog-info.yaml'))) {
        const codes = onlyCodes(problems.filter((problem) => problem.file === file));
        assert.ok(
          codes.includes('yaml-alias-limit'),
          `${file}: expected yaml-alias-limit, got ${JSON.stringify(codes)}`,
        );
        assert.equal(loaded.workspace.index.byFile(file).length, 0, `${file} was indexed despite the bomb`);
      }
      const recursive = problems.find((problem) => problem.file.endsWith('/recursive-seq.catalog-info.yaml'));
      assert.match(recursive?.message ?? '', /refers to a node that contains it|recursive/i);
      const quadratic = problems.find((problem) => problem.file.endsWith('/quadratic.catalog-info.yaml'));
      assert.match(quadratic?.message ?? '', /expand/i);
    });

    it('a 10 MB file gets file-too-large (naming the setting) without being read; the unsaved text of one too', async () => {
      const huge = `${ROOT}/huge/catalog-info.yaml`;
      const tenMegabytes = `${text(componentLines('huge', 'team-a'))}# ${'x'.repeat(10 * 1024 * 1024)}\n`;
      countCases(SUITE, 2);
      const loaded = await loadWith({ [huge]: tenMegabytes });
      const [tooLarge, ...others] = assertHealthy(loaded, [huge]);
      assert.deepEqual(others, []);
      assert.equal(tooLarge?.code, 'file-too-large');
      assert.deepEqual(tooLarge.range.start, { line: 0, column: 0 });
      assert.match(
        tooLarge.message,
        new RegExp(`above the ${DEFAULT_MAX_FILE_SIZE_BYTES}-byte limit \\(setting greenroom\\.maxFileSizeKb\\)`),
      );
      assert.ok(!loaded.fs.reads.includes(huge), 'the oversized file was read');
      assert.equal(loaded.workspace.index.byFile(huge).length, 0);

      // The editor hands over the unsaved text of an open document: the limit applies to it too.
      const open = `${ROOT}/good/catalog-info.yaml`;
      const started = Date.now();
      await loaded.workspace.updateFile(open, tenMegabytes);
      assert.ok(Date.now() - started < PER_FILE_BUDGET_MS, `the unsaved 10 MB text took ${Date.now() - started} ms`);
      assert.deepEqual(onlyCodes(loaded.workspace.index.problemsOf(open)), ['file-too-large']);
      assert.equal(loaded.workspace.index.byFile(open).length, 0);
      await loaded.workspace.updateFile(open, text(componentLines('good-service', 'team-a')));
      assert.ok(
        loaded.workspace.index.has('component:default/good-service'),
        'the file came back once it was small again',
      );
    });

    it('honours a smaller greenroom.maxFileSizeKb: a 100k-line file above it is refused with the limit in the message', async () => {
      const long = `${ROOT}/long/catalog-info.yaml`;
      const lines = text([
        ...componentLines('long', 'team-a'),
        '  tags:',
        ...Array.from({ length: 100_000 }, (_, index) => `    - tag-${index}`),
      ]);
      countCases(SUITE, 1);
      const loaded = await loadWith({ [long]: lines }, 512 * 1024);
      const problems = assertHealthy(loaded, [long]);
      assert.deepEqual(onlyCodes(problems), ['file-too-large']);
      assert.match(problems[0]?.message ?? '', /above the 524288-byte limit \(setting greenroom\.maxFileSizeKb\)/);
    });

    it('100k-line files under the limit load in bounded time: a 100 000-key mapping; 2 500 documents and 30 000 broken lines', async () => {
      // Before yamlDocuments found duplicate keys itself, yaml's own check made a mapping of n keys cost n² comparisons:
      // the 100 000-key file took over a minute (the 5 MB limit allows 400 000 keys: hours).
      const files: Record<string, { readonly source: string; readonly lines: number }> = {
        [`${ROOT}/big/docs.catalog-info.yaml`]: {
          source: Array.from({ length: 2_500 }, (_, index) => text(componentLines(`svc-${index}`, 'team-a'))).join(
            '---\n',
          ),
          lines: 25_000,
        },
        // The flow mapping keeps the file off the fast path for plain YAML, so yaml itself reads it.
        [`${ROOT}/big/keys.catalog-info.yaml`]: {
          source: text([
            ...componentLines('keyed', 'team-a'),
            '  flow: { yaml: parses this }',
            '  many:',
            ...Array.from({ length: 100_000 }, (_, index) => `    key-${index}: ${index}`),
          ]),
          lines: 100_000,
        },
        [`${ROOT}/big/broken.catalog-info.yaml`]: {
          source: text(Array.from({ length: 30_000 }, (_, index) => `key${index}: [unclosed`)),
          lines: 30_000,
        },
      };
      countCases(SUITE, Object.keys(files).length);
      for (const [file, { source, lines }] of Object.entries(files)) {
        assert.ok(editorLines(source).length >= lines && Buffer.byteLength(source) < DEFAULT_MAX_FILE_SIZE_BYTES);
        const loaded = await loadWith({ [file]: source });
        assert.ok(loaded.elapsedMs < 15_000, `${file} took ${loaded.elapsedMs} ms`);
        assertHealthy(loaded, [file], { [file]: source });
      }
    });

    it('deeply nested documents (flow, compact and block, 100 to 20 000 levels) give a clear problem with a position, never a crash', async () => {
      const flowSeq = (depth: number): string => entityWith([`  deep: ${'['.repeat(depth)}${']'.repeat(depth)}`]);
      const flowMap = (depth: number): string => entityWith([`  deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`]);
      const compactSeq = (depth: number): string => entityWith(['  deep:', `    ${'- '.repeat(depth)}x`]);
      const blockMap = (depth: number): string =>
        entityWith(['  deep:', ...Array.from({ length: depth }, (_, level) => `${' '.repeat(4 + level)}k${level}:`)]);
      const cases: Record<string, string> = {};
      for (const depth of [100, 1_000, 20_000]) {
        cases[`${ROOT}/deep/flow-seq-${depth}.catalog-info.yaml`] = flowSeq(depth);
        cases[`${ROOT}/deep/flow-map-${depth}.catalog-info.yaml`] = flowMap(depth);
        cases[`${ROOT}/deep/compact-seq-${depth}.catalog-info.yaml`] = compactSeq(depth);
      }
      for (const depth of [100, 1_000]) {
        cases[`${ROOT}/deep/block-map-${depth}.catalog-info.yaml`] = blockMap(depth);
      }
      countCases(SUITE, Object.keys(cases).length);
      const loaded = await loadWith(cases);
      const problems = assertHealthy(loaded, Object.keys(cases), cases);
      assert.ok(loaded.elapsedMs < 15_000, `took ${loaded.elapsedMs} ms`);
      // Shallow ones load; where the stack ends depends on the engine, but 20 000 levels are past it
      // everywhere, and the problem says why.
      for (const file of Object.keys(cases).filter((name) => /-20000\./.test(name))) {
        const own = problems.filter((problem) => problem.file === file && problem.severity === 'error');
        assert.ok(
          own.some((problem) => /nested too deeply/.test(problem.message)),
          `${file}: unclear ${describeProblems(own)}`,
        );
      }
      for (const file of Object.keys(cases).filter((name) => /-100\./.test(name))) {
        assert.equal(loaded.workspace.index.byFile(file).length, 1, `${file} should load`);
      }
    });

    it('a mix of hostile files in one folder: every valid document of every file is indexed, whatever the others hold', async () => {
      await checkAsync(
        SUITE,
        40,
        fc.asyncProperty(
          fc.array(mutatedFile, { minLength: 1, maxLength: 5 }),
          validDocument,
          async (sources, extra) => {
            const hostile = Object.fromEntries(
              sources.map((source, position) => [`${ROOT}/mix/${position}/catalog-info.yaml`, source]),
            );
            const loaded = await loadWith({ ...hostile, [`${ROOT}/mix/valid.catalog-info.yaml`]: text(extra) });
            assertHealthy(loaded, Object.keys(hostile), hostile);
            const alone = await parseCatalogFile(`${ROOT}/mix/valid.catalog-info.yaml`, text(extra), ORIGIN);
            for (const record of alone.entities) {
              assert.ok(loaded.workspace.index.getAll(record.ref).length > 0, `${record.ref} was lost`);
            }
          },
        ),
      );
    });
  });
});
