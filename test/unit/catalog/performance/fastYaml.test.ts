import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fastYamlDocuments } from '../../../../src/catalog/fastYaml';
import { collectFieldRanges, collectFieldRangesByPath, type FieldRanges } from '../../../../src/catalog/fieldRanges';
import { LineIndex } from '../../../../src/catalog/sourceRange';
import { parseYamlDocuments, type YamlDocumentsResult } from '../../../../src/catalog/yamlDocuments';
import { generatedCatalogFile, repositoryYamlFiles } from '../../support/catalogCorpus';
import { generateYaml, SeededRandom } from '../../support/yamlGenerator';

const FILE = '/ws/catalog-info.yaml';

function fieldsOf(fields: FieldRanges): unknown[] {
  return [...fields.entries()];
}

/** Everything a caller can observe of a parse, in plain data. */
function observable(result: YamlDocumentsResult): unknown {
  return {
    problems: result.problems,
    documents: result.documents.map((document) => ({
      index: document.documentIndex,
      value: document.value,
      range: document.range,
      fields: fieldsOf(document.fields),
    })),
  };
}

function assertSameAsYaml(text: string, label: string): boolean {
  const fast = parseYamlDocuments(FILE, text);
  const slow = parseYamlDocuments(FILE, text, { fastPath: false });
  assert.deepStrictEqual(
    observable(fast),
    observable(slow),
    `${label}: fast path differs from yaml for ${JSON.stringify(text)}`,
  );
  return fastYamlDocuments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) !== undefined;
}

describe('YAML fast path', () => {
  it('reads every YAML file of the repository exactly as yaml does (and most of them itself)', () => {
    const files = repositoryYamlFiles();
    let fast = 0;
    for (const { name, text } of files) {
      if (assertSameAsYaml(text, name)) {
        fast++;
      }
    }
    assert.ok(files.length > 20 && fast / files.length > 0.6, `fast path used for ${fast} of ${files.length} files`);
  });

  it('agrees with yaml on 4,000 generated documents in and around the subset it reads', () => {
    let fast = 0;
    for (let seed = 1; seed <= 4_000; seed++) {
      const text = generateYaml(new SeededRandom(seed), { oddity: seed % 4 === 0 ? 0.05 : 0 });
      if (assertSameAsYaml(text, `seed ${seed}`)) {
        fast++;
      }
    }
    assert.ok(fast > 800, `the fast path read only ${fast} generated documents`);
  });

  it('agrees with yaml on generated catalog files, with their comments, lists, block scalars and mistakes', () => {
    let fast = 0;
    for (let seed = 1; seed <= 1_500; seed++) {
      if (assertSameAsYaml(generatedCatalogFile(seed), `catalog seed ${seed}`)) {
        fast++;
      }
    }
    assert.ok(fast > 1_000, `the fast path read only ${fast} generated catalog files`);
  });

  it('reads the usual catalog shapes itself', () => {
    const texts = [
      'kind: Component\nmetadata:\n  name: a\n',
      'a: 1\nb: -2.5\nc: true\nd: null\ne: ~\nf: 0x1F\ng: .inf\nh: 1e3\n',
      "a: 'it''s'\nb: \"quoted # not a comment\"\nc: [x, 'y', 3]\nd: []\ne: {}\n",
      'a: |\n  line 1\n\n  line 2\nb: >-\n  folded\n  text\n\n  para\n',
      '# header\n---\nkind: A\n---\n# only a comment\n---\nkind: B # trailing\n',
      'list:\n- a\n- b: 1\n  c: 2\n-   d\nnext: 1\n',
      'spec:\n  # a comment\n  owner: team-a\n# root comment\nkind: X\n',
      'emoji: 🎉 party\nunicode: Ünïcode\n',
    ];
    for (const text of texts) {
      assert.ok(assertSameAsYaml(text, 'shape'), `fast path gave up on ${JSON.stringify(text)}`);
    }
  });

  it('gives up on what it does not read, leaving it to yaml', () => {
    const texts = [
      'a: 1\r\nb: 2\r\n', // CRLF
      'a:\t1\n', // tab
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !tag 1\n',
      'a: "esc\\n"\n',
      'a: multi\n  line\n',
      'a: {b: 1}\n',
      'a: |+\n  keep\n\n',
      'a:\n  b: 1\n  # trailing comment inside a nested map\n',
      'a: 1\na: 2\n', // duplicate key
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      '- root sequence\n',
      '? complex key\n: value\n',
      '"quoted key": 1\n',
      'true: 1\n',
    ];
    for (const text of texts) {
      assert.equal(fastYamlDocuments(text), undefined, `fast path should give up on ${JSON.stringify(text)}`);
      assertSameAsYaml(text, 'give-up');
    }
  });
});

describe('packed field ranges', () => {
  it('answer get, closest and entries exactly as the path-keyed map does', () => {
    const texts = [
      ...repositoryYamlFiles().map((file) => file.text),
      ...Array.from({ length: 600 }, (_unused, seed) => generateYaml(new SeededRandom(seed + 1))),
    ];
    for (const text of texts) {
      const lines = new LineIndex(text);
      for (const document of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) {
        if (!document.contents || document.errors.length > 0) {
          continue;
        }
        const packed = collectFieldRanges(document.contents, lines);
        const byPath = collectFieldRangesByPath(document.contents, lines);
        const entries = [...byPath.entries()];
        assert.deepStrictEqual([...packed.entries()], entries);
        for (const [fieldPath] of entries) {
          for (const probe of [fieldPath, [...fieldPath, 'missing'], [...fieldPath, 0, 'x'], fieldPath.slice(0, -1)]) {
            assert.deepStrictEqual(packed.get(probe), byPath.get(probe), `get ${JSON.stringify(probe)}`);
            assert.deepStrictEqual(packed.closest(probe), byPath.closest(probe), `closest ${JSON.stringify(probe)}`);
          }
        }
        assert.deepStrictEqual(packed.get(['nope']), byPath.get(['nope']));
        assert.deepStrictEqual(packed.closest(['nope', 1]), byPath.closest(['nope', 1]));
      }
    }
  });

  it('take explicitly set fields on top of the parsed ones', () => {
    const text = 'kind: A\nmetadata:\n  name: x\n';
    const document = parseAllDocuments(text)[0];
    const fields = collectFieldRanges(document?.contents as never, new LineIndex(text));
    const range = { start: { line: 9, column: 0 }, end: { line: 9, column: 1 } };
    fields.set(['extra'], { valueRange: range });
    assert.deepStrictEqual(fields.get(['extra']), { valueRange: range });
    assert.equal(fields.get(['metadata', 'name'])?.valueRange.start.line, 2);
    assert.equal(fields.pack(), undefined, 'hand-set fields are not packed');
  });
});
