import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AgentContext } from '../../../src/agents';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../../../src/catalog';
import { nodeTemplateFileSystem } from '../../../src/scaffolder';

describe('AgentContext derived tables', () => {
  let folder: string;
  let workspace: MultiFolderCatalog;
  const contexts: AgentContext[] = [];

  const newContext = (): AgentContext => {
    const context = new AgentContext({
      index: workspace.index,
      roots: [folder],
      fs: nodeCatalogFileSystem,
      templateFs: nodeTemplateFileSystem,
    });
    contexts.push(context);
    return context;
  };

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'greenroom-agent-context-'));
    // Indexed in path order (a, b, c, d): the refs come out of the index unsorted.
    const kinds = { a: 'System', b: 'Resource', c: 'Component', d: 'API' };
    for (const [sub, kind] of Object.entries(kinds)) {
      mkdirSync(path.join(folder, sub));
      const spec =
        kind === 'System'
          ? 'owner: team-a'
          : kind === 'API'
            ? 'type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: x'
            : kind === 'Component'
              ? 'type: service\n  lifecycle: production\n  owner: team-a'
              : 'type: database\n  owner: team-a';
      writeFileSync(
        path.join(folder, sub, 'catalog-info.yaml'),
        `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${sub === 'a' ? 'Dup' : 'dup'}\n  annotations:\n    backstage.io/source-location: dir:.\nspec:\n  ${spec}\n`,
      );
    }
    workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    workspace.addFolder(folder);
    await workspace.loadAll();
  });

  after(() => {
    for (const context of contexts) {
      context.dispose();
    }
    workspace.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the records of a name in ref order, whether or not the sorted table was built first', () => {
    const refs = (records: readonly { ref: string }[] | undefined): string[] => (records ?? []).map((r) => r.ref);
    assert.notDeepEqual(
      workspace.index.entities().map((record) => record.ref),
      [...workspace.index.entities().map((record) => record.ref)].sort(),
      'the fixture must index out of ref order',
    );
    const nameFirst = newContext().derived.byName.get('dup');
    const sortedFirst = newContext();
    const sorted = sortedFirst.derived.sorted;
    assert.deepEqual(refs(nameFirst), [
      'api:default/dup',
      'component:default/dup',
      'resource:default/dup',
      'system:default/dup',
    ]);
    assert.deepEqual(refs(sortedFirst.derived.byName.get('dup')), refs(nameFirst));
    assert.deepEqual(
      refs(sorted),
      refs(sorted)
        .slice()
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  it('builds the folder tables from the sorted records and drops every table on a change', async () => {
    const context = newContext();
    const before = context.derived;
    assert.deepEqual(
      (before.byFolder.get(path.join(folder, 'c')) ?? []).map((record) => record.ref),
      ['component:default/dup'],
    );
    assert.deepEqual(
      (before.bySourceFolder.get(path.join(folder, 'd')) ?? []).map((record) => record.ref),
      ['api:default/dup'],
    );
    writeFileSync(
      path.join(folder, 'a', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: renamed\nspec:\n  owner: team-a\n',
    );
    await workspace.updateFile(path.join(folder, 'a', 'catalog-info.yaml'));
    assert.notEqual(context.derived, before);
    assert.deepEqual(
      (context.derived.byName.get('dup') ?? []).map((record) => record.ref),
      ['api:default/dup', 'component:default/dup', 'resource:default/dup'],
    );
  });
});
