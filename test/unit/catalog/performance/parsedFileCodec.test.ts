import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { parseCatalogFile } from '../../../../src/catalog';
import {
  decodeParsedFile,
  encodeParsedFile,
  survivesJson,
  type EncodedCatalogFile,
} from '../../../../src/catalog/parsedFileCodec';
import { generatedCatalogFile, plainParse, repositoryYamlFiles } from '../../support/catalogCorpus';

const ROOT = '/ws';
const ORIGIN = { type: 'workspace', folder: ROOT } as const;

async function assertRoundTrip(file: string, text: string): Promise<boolean> {
  const parsed = await parseCatalogFile(file, text, ORIGIN);
  const encoded = encodeParsedFile(parsed);
  if (!encoded) {
    return false;
  }
  // Through JSON, as the cache file and the worker messages carry it.
  const decoded = decodeParsedFile(file, JSON.parse(JSON.stringify(encoded)) as EncodedCatalogFile, ORIGIN);
  assert.deepStrictEqual(plainParse(decoded), plainParse(parsed), `round trip of ${file}`);
  return true;
}

describe('parsed file codec', () => {
  it('decodes exactly what was parsed: records, relations, ranges, problems, Location targets', async () => {
    let encoded = 0;
    const files = repositoryYamlFiles();
    for (const { name, text } of files) {
      if (await assertRoundTrip(`${ROOT}/${name}`, text)) {
        encoded++;
      }
    }
    for (let seed = 1; seed <= 400; seed++) {
      if (await assertRoundTrip(`${ROOT}/generated-${seed}.yaml`, generatedCatalogFile(seed))) {
        encoded++;
      }
    }
    assert.ok(encoded >= files.length + 390, `only ${encoded} files were encodable`);
  });

  it('refuses values JSON would change, so such a file is parsed again instead', async () => {
    // eslint-disable-next-line no-sparse-arrays -- a hole is exactly what must be refused
    for (const value of [Number.NaN, Infinity, -0, undefined, [1, , 3], new Date(0), { ['__proto__']: 1 }]) {
      assert.equal(survivesJson({ spec: { value } }), false, `${inspect(value)} survives JSON`);
    }
    assert.equal(survivesJson({ a: [1, 'x', null, true, { b: 2.5 }] }), true);
    const parsed = await parseCatalogFile(
      `${ROOT}/nan.yaml`,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  lifecycle: production\n  owner: a\n  weight: .nan\n',
      ORIGIN,
    );
    assert.equal(encodeParsedFile(parsed), undefined);
  });

  it('throws on data that is not an encoding (a corrupt cache entry)', () => {
    for (const broken of [
      null,
      {},
      { l: [], e: [{}], p: [] },
      { l: [], e: [{ r: 'x', v: { kind: 'Component' }, s: [['spec.nope', 'x', 'y', [0, 0, 0, 0]]] }], p: [] },
    ]) {
      assert.throws(() => decodeParsedFile(`${ROOT}/x.yaml`, broken as never, ORIGIN));
    }
  });
});
