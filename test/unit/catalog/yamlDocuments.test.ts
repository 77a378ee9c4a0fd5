import * as assert from 'node:assert/strict';
import type { FieldRanges } from '../../../src/catalog';
import { parseYamlDocuments } from '../../../src/catalog/yamlDocuments';
import { onlyProblem, spanOf, startOf, yamlLines } from '../support/catalogFixtures';

const FILE = '/ws/catalog-info.yaml';

/** Nine levels of `&x [*prev × 9]`: 9^9 ≈ 387 million strings if every alias were expanded. */
function billionLaughs(): string {
  const names = 'abcdefghi';
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < names.length; level++) {
    const previous = names[level - 1] ?? 'a';
    const current = names[level] ?? 'a';
    lines.push(`${current}: &${current} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
  }
  return yamlLines(...lines);
}

describe('parseYamlDocuments', () => {
  it('returns one value per document of a multi-document file, with its index and first line', () => {
    const text = yamlLines('kind: A', '---', 'kind: B', 'extra: 1', '---', 'kind: C');
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      documents.map((document) => [document.documentIndex, document.value['kind'], document.range.start.line]),
      [
        [0, 'A', 0],
        [1, 'B', 2],
        [2, 'C', 5],
      ],
    );
  });

  it('skips empty documents (leading, blank, comment-only and trailing `---`) but keeps counting them', () => {
    const text = yamlLines('---', 'kind: A', '---', '', '---', '# just a comment', '---', 'kind: B', '---');
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      documents.map((document) => [document.documentIndex, document.value['kind']]),
      [
        [0, 'A'],
        [3, 'B'],
      ],
    );
  });

  it('gives nothing and no problem for an empty or blank file', () => {
    assert.deepEqual(parseYamlDocuments(FILE, ''), { documents: [], problems: [] });
    assert.deepEqual(parseYamlDocuments(FILE, '\n\n   \n'), { documents: [], problems: [] });
  });

  it('reports a scalar document as not-an-object at the line of its content', () => {
    const { documents, problems } = parseYamlDocuments(FILE, yamlLines('kind: A', '---', 'just a string'));
    assert.equal(documents.length, 1);
    const problem = onlyProblem(problems);
    assert.equal(problem.code, 'not-an-object');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.message, 'Expected object at root, got string');
    assert.equal(startOf(problem.range), '2:0');
  });

  it('reports an array document and a number document as not-an-object, each at its own line', () => {
    const { documents, problems } = parseYamlDocuments(FILE, yamlLines('- one', '- two', '---', '42'));
    assert.equal(documents.length, 0);
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.message, startOf(problem.range)]),
      [
        ['not-an-object', 'Expected object at root, got array', '0:0'],
        ['not-an-object', 'Expected object at root, got number', '3:0'],
      ],
    );
  });

  it('reports a YAML syntax error with its line and column and keeps the other documents', () => {
    const text = yamlLines('kind: A', '---', 'kind: B', 'spec:', '  x: @foo');
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.deepEqual(
      documents.map((document) => document.value['kind']),
      ['A'],
    );
    const problem = onlyProblem(problems);
    assert.equal(problem.code, 'yaml-syntax');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /^YAML error: .*reserved character @/);
    assert.equal(spanOf(problem.range), '4:5-4:6');
  });

  it('reports an unclosed flow mapping as yaml-syntax', () => {
    const { documents, problems } = parseYamlDocuments(FILE, yamlLines('kind: A', 'metadata: {name: a'));
    assert.equal(documents.length, 0);
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['yaml-syntax'],
    );
    assert.equal(problems[0]?.range.start.line, 2);
  });

  it('refuses duplicate keys, pointing at the second occurrence', () => {
    const text = yamlLines('kind: A', 'metadata:', '  name: a', '  title: x', '  name: b');
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.equal(documents.length, 0);
    const problem = onlyProblem(problems);
    assert.equal(problem.code, 'yaml-syntax');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /Map keys must be unique/);
    assert.equal(startOf(problem.range), '4:2');
  });

  it('stops a "billion laughs" alias bomb with yaml-alias-limit, quickly', function () {
    this.timeout(5000);
    const started = Date.now();
    const { documents, problems } = parseYamlDocuments(FILE, billionLaughs());
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
    assert.equal(documents.length, 0);
    const problem = onlyProblem(problems);
    assert.equal(problem.code, 'yaml-alias-limit');
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /limited to 100 expansions/);
    assert.equal(startOf(problem.range), '0:0');
  });

  it('still expands a handful of ordinary aliases', () => {
    const text = yamlLines('base: &owner team-a', 'spec:', '  owner: *owner', '  also: *owner');
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.deepEqual(problems, []);
    assert.deepEqual(documents[0]?.value['spec'], { owner: 'team-a', also: 'team-a' });
  });

  it('reads a file with a byte-order mark and CRLF line ends with the lines and columns an editor shows', () => {
    const text =
      '\ufeffkind: Component\r\nmetadata:\r\n  name: svc\r\n---\r\nkind: Group\r\nmetadata:\r\n  name: team\r\n';
    const { documents, problems } = parseYamlDocuments(FILE, text);
    assert.deepEqual(problems, []);
    assert.equal(documents.length, 2);
    const [first, second] = documents;
    assert.equal(spanOf(first?.fields.get(['kind'])?.keyRange ?? assert.fail('no kind key')), '0:0-0:4');
    assert.equal(spanOf(first?.fields.get(['kind'])?.valueRange ?? assert.fail('no kind value')), '0:6-0:15');
    assert.equal(spanOf(first?.fields.get(['metadata', 'name'])?.valueRange ?? assert.fail('no name')), '2:8-2:11');
    assert.equal(second?.range.start.line, 4);
    assert.equal(spanOf(second?.fields.get(['metadata', 'name'])?.valueRange ?? assert.fail('no name')), '6:8-6:12');
    assert.equal(first?.value['kind'], 'Component');
  });

  describe('field ranges', () => {
    const text = yamlLines(
      'apiVersion: backstage.io/v1alpha1', // 0
      'kind: Component', // 1
      'metadata:', // 2
      '  name: playback', // 3
      'spec:', // 4
      '  type: service', // 5
      '  lifecycle: production', // 6
      '  owner: team-a', // 7
      '  dependsOn:', // 8
      '    - resource:db', // 9
      '    - component:cache', // 10
    );
    const fields = (): FieldRanges => {
      const document = parseYamlDocuments(FILE, text).documents[0];
      return document?.fields ?? assert.fail('no document');
    };

    it('locates the value of metadata.name', () => {
      assert.equal(spanOf(fields().get(['metadata', 'name'])?.valueRange ?? assert.fail('missing')), '3:8-3:16');
    });

    it('locates a sequence item, spec.dependsOn[1], without a key range', () => {
      const location = fields().get(['spec', 'dependsOn', 1]) ?? assert.fail('missing');
      assert.equal(spanOf(location.valueRange), '10:6-10:21');
      assert.equal(location.keyRange, undefined);
    });

    it('locates the key and the value of spec.owner separately', () => {
      const location = fields().get(['spec', 'owner']) ?? assert.fail('missing');
      assert.equal(spanOf(location.keyRange ?? assert.fail('no key range')), '7:2-7:7');
      assert.equal(spanOf(location.valueRange), '7:9-7:15');
    });

    it('falls back to the closest located parent for a missing field', () => {
      assert.equal(
        spanOf(fields().closest(['spec', 'system'])?.valueRange ?? assert.fail('missing')),
        spanOf(fields().get(['spec'])?.valueRange ?? assert.fail('no spec')),
      );
      assert.equal(fields().get(['spec', 'system']), undefined);
    });
  });
});
