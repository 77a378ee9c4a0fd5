import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../src/catalog';
import {
  entityDecorationUri,
  EntityProblemDecorations,
} from '../../../src/features/catalogTree/entityProblemDecorations';
import type { CatalogService } from '../../../src/services/catalogService';
import { api, component, documents, group, indexOf, upsertInto } from '../support/indexFixtures';
import type { FileDecoration, Uri } from '../support/vscodeFake';

function catalogOf(index: CatalogIndex): CatalogService {
  return {
    index,
    onDidChange: (listener: Parameters<CatalogIndex['onDidChange']>[0]) => index.onDidChange(listener),
  } as unknown as CatalogService;
}

describe('Entity problem decorations (fake vscode)', () => {
  it('marks the invalid entity of a file, not the valid one beside it', async () => {
    const index = await indexOf({
      'teams.yaml': documents(group('team-a')),
      'svc/catalog-info.yaml': documents(
        component('Not Valid!', ['  owner: team-a']),
        api('fine-api', ['  owner: team-a']),
      ),
    });
    const decorations = new EntityProblemDecorations(catalogOf(index));
    try {
      const brokenRef = index.byFile('/ws/svc/catalog-info.yaml').find((record) => !record.valid)?.ref;
      assert.ok(brokenRef, 'the fixture has no invalid entity');
      const broken = decorations.provideFileDecoration(entityDecorationUri(brokenRef)) as unknown as
        FileDecoration | undefined;
      const fine = decorations.provideFileDecoration(entityDecorationUri('api:default/fine-api'));
      assert.ok(broken, 'the invalid component has no mark');
      assert.equal(broken.color?.id, 'list.errorForeground');
      assert.equal(broken.badge, '1');
      assert.equal(fine, undefined, 'the valid API beside it is marked too');
    } finally {
      decorations.dispose();
    }
  });

  it('asks the view to repaint the entities of the files an edit affected', async () => {
    const index = await indexOf({
      'teams.yaml': documents(group('team-a')),
      'svc/catalog-info.yaml': documents(component('svc', ['  owner: team-b'])),
    });
    const decorations = new EntityProblemDecorations(catalogOf(index));
    const repainted: string[] = [];
    decorations.onDidChangeFileDecorations((uris) =>
      repainted.push(...(uris as unknown as Uri[]).map((uri) => decodeURIComponent(uri.path))),
    );
    try {
      await upsertInto(index, 'teams.yaml', documents(group('team-a'), group('team-b')));
      assert.ok(
        repainted.includes('/component:default/svc'),
        `the svc row was not repainted after its owner appeared: ${repainted.join(', ')}`,
      );
      assert.equal(decorations.provideFileDecoration(entityDecorationUri('component:default/svc') as never), undefined);
    } finally {
      decorations.dispose();
    }
  });
});
