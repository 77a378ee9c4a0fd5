// Records real by-query and by-refs answers from the Backstage harness into
// bench/fixtures/backstagePages.json, the templates the scale bench's loopback registry replays
// (`npm run bench record-pages`; needs GREENROOM_BACKSTAGE_DIR or installs Backstage).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { httpRequest, startBackstage } from '../test/backstage/backstageServer';
import { fixtureEntityCount, writeFixtureCatalog } from '../test/backstage/fixtureCatalog';

const COMPONENTS = 40;
const TOKEN = 'bench-record-token-42';
const IDENTITY = 'kind,metadata.namespace,metadata.name,metadata.uid,metadata.etag';

async function main(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-record-'));
  const backend = await startBackstage({
    token: TOKEN,
    catalogFiles: writeFixtureCatalog(folder, COMPONENTS),
    processingIntervalSeconds: 3600,
  });
  try {
    await backend.waitForEntityCount(fixtureEntityCount(COMPONENTS), 180_000);
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const get = async (query: string): Promise<string> => {
      const answer = await httpRequest('GET', `${backend.baseUrl}/api/catalog/entities/by-query?${query}`, auth);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
      return answer.body;
    };
    const full = await get('limit=1000&orderField=metadata.name,asc');
    const firstPage = await get('limit=20&orderField=metadata.name,asc');
    const identity = await get(`limit=20&orderField=metadata.name,asc&fields=${IDENTITY}`);
    const parsed = JSON.parse(full) as { items: { kind: string; metadata: { namespace?: string; name: string } }[] };
    const refs = parsed.items
      .slice(0, 3)
      .map((item) => `${item.kind.toLowerCase()}:${item.metadata.namespace ?? 'default'}/${item.metadata.name}`);
    const byRefs = await httpRequest(
      'POST',
      `${backend.baseUrl}/api/catalog/entities/by-refs`,
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify({ entityRefs: [...refs, 'component:default/does-not-exist'] }),
    );
    const record = {
      recordedFrom: 'test/backstage harness (real @backstage/plugin-catalog-backend), fixture catalog of 40 components',
      // The texts as served: key order, compact JSON, where pageInfo sits.
      firstPageText: firstPage,
      identityPageText: identity,
      byRefsText: byRefs.body,
      items: parsed.items,
    };
    const out = path.join(__dirname, '..', '..', 'bench', 'fixtures', 'backstagePages.json');
    fs.writeFileSync(out, `${JSON.stringify(record, null, 1)}\n`);
    process.stdout.write(`recorded ${parsed.items.length} entities into ${out}\n`);
  } finally {
    await backend.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
