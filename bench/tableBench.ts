// Catalog table at 20,000 entities: building the rows once, then what each keystroke or header
// click costs in the extension host (`npm run bench table`).
import { CatalogIndex, parseCatalogFile } from '../src/catalog';
import { buildCatalogTable, queryCatalogTable, type TableQuery } from '../src/catalog/views/catalogTable';
import { catalogText, orgText, type MonorepoShape } from './syntheticMonorepo';

const SHAPE: MonorepoShape = { files: 10_000, groups: 40, systems: 60 };
const ORIGIN = { type: 'workspace', folder: '/bench' } as const;
const BASE: TableQuery = {
  text: '',
  kind: '',
  ownedByMe: false,
  starredOnly: false,
  sort: 'name',
  direction: 'asc',
  offset: 0,
  limit: 100,
};

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

async function main(): Promise<void> {
  const index = new CatalogIndex();
  index.upsertFile(await parseCatalogFile('/bench/org.yaml', orgText(SHAPE), ORIGIN));
  for (let file = 0; file < SHAPE.files; file++) {
    index.upsertFile(await parseCatalogFile(`/bench/svc-${file}/catalog-info.yaml`, catalogText(file, SHAPE), ORIGIN));
  }
  console.log(`entities: ${index.size}`);
  const table = timed('build rows', () => buildCatalogTable(index));
  const viewer = { ownerRefs: new Set(['group:default/team-3']), starred: new Set<string>() };
  timed('first page, sorted by name (first sort)', () => queryCatalogTable(table, BASE, viewer));
  timed('first page, sorted by name again (cached order)', () => queryCatalogTable(table, BASE, viewer));
  timed('sort by owner, descending (first sort)', () =>
    queryCatalogTable(table, { ...BASE, sort: 'owner', direction: 'desc' }, viewer),
  );
  timed('filter "service 19" (text)', () => queryCatalogTable(table, { ...BASE, text: 'service 19' }, viewer));
  timed('kind API + owned by me', () => queryCatalogTable(table, { ...BASE, kind: 'API', ownedByMe: true }, viewer));
  const page = timed('page 150', () => queryCatalogTable(table, { ...BASE, offset: 15_000 }, viewer));
  console.log(
    `page 150 shows ${page.rows[0]?.name} … of ${page.total}; JSON of one page: ${JSON.stringify(page).length} bytes`,
  );
}

void main();
