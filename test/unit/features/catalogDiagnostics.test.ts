import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../src/catalog';
import { registerCatalogDiagnostics } from '../../../src/features/diagnostics/registerCatalogDiagnostics';
import type { CatalogService } from '../../../src/services/catalogService';
import { component, documents, group, indexOf, upsertInto } from '../support/indexFixtures';
import { DiagnosticSeverity, registered } from '../support/vscodeFake';

function catalogOf(index: CatalogIndex): CatalogService {
  return {
    index,
    onDidChange: (listener: Parameters<CatalogIndex['onDidChange']>[0]) => index.onDidChange(listener),
  } as unknown as CatalogService;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300)); // past the 150 ms batching

describe('Catalog diagnostics (fake vscode)', () => {
  it('publishes the problems of each changed file on their ranges, and clears them when fixed', async () => {
    const index = await indexOf({ 'teams.yaml': documents(group('team-a')) });
    const disposable = registerCatalogDiagnostics(catalogOf(index));
    const collection = registered.diagnosticCollections.at(-1);
    assert.ok(collection);
    try {
      await upsertInto(index, 'svc/catalog-info.yaml', documents(component('svc', ['  owner: team-b'])));
      await settle();
      const published = collection.byFile.get('/ws/svc/catalog-info.yaml') ?? [];
      assert.equal(published.length, 1, JSON.stringify(published));
      const [dangling] = published;
      assert.equal(dangling?.source, 'greenroom');
      assert.equal(dangling?.severity, DiagnosticSeverity.Warning);
      assert.match(dangling?.message ?? '', /team-b/);
      assert.equal(dangling?.range.start.line, 7, 'on the owner: line (0-based)');

      await upsertInto(index, 'svc/catalog-info.yaml', documents(component('svc', ['  owner: team-a'])));
      await settle();
      assert.deepEqual(collection.byFile.get('/ws/svc/catalog-info.yaml'), []);
    } finally {
      disposable.dispose();
    }
    assert.equal(collection.disposed, true, 'the collection must go with the feature');
    assert.equal(registered.codeActionProviders.length, 0, 'the quick-fix provider must go with the feature');
  });
});
