import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import {
  CatalogIndex,
  MultiFolderCatalog,
  groupEntities,
  nodeCatalogFileSystem,
  matchesFilter,
  ownedEntities,
  parseCatalogFile,
  parseFilterQuery,
  rootGroups,
  unknownOwners,
  walkGroups,
  type CatalogEntityRecord,
} from '../../../src/catalog';
import { entityHoverMarkdown, type CommandLink } from '../../../src/catalog/language';
import { buildIndexReport } from '../../../src/cli/catalogReport';
import { toEntityView } from '../../../src/plugins/entityView';
import { overviewPlugin } from '../../../src/plugins/builtin/overviewPlugin';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { CatalogApiClient } from '../../../src/registry/catalogApiClient';
import { RegistrySync } from '../../../src/registry/registrySync';
import { fakeCatalog } from '../registry/support/fakeCatalog';
import { LoopbackServers } from '../registry/support/loopbackServer';
import { runCli } from '../support/runCli';
import {
  backstageAccepts,
  controlEntities,
  hostileEntities,
  PROTOTYPE_NAMES,
  watchObjectPrototype,
  type HostileEntity,
} from '../support/hostileEntities';

const link: CommandLink = (command, args) => `cmd:${command}:${JSON.stringify(args)}`;
const HOSTILE = hostileEntities();
const CONTROL_REF = 'component:default/control';
const WORKER_SCRIPT = path.resolve(__dirname, '../../../src/catalog/catalogWorker.js');

function yamlOf(entities: readonly unknown[]): string {
  return entities.map((entity) => stringify(entity)).join('---\n');
}

/** Everything a view builds for one record: hover card, entity page (overview tab), as plain strings. */
async function renderViews(index: CatalogIndex, record: CatalogEntityRecord): Promise<string> {
  const hover = entityHoverMarkdown(index, record, link);
  const view = toEntityView(index, record);
  const tab = overviewPlugin.entityTabs?.[0];
  const page = tab
    ? await tab.render(
        view,
        createTabRenderContext(index, undefined, () => undefined),
      )
    : '';
  return `${hover}\n${page}`;
}

/**
 * Backstage's verdict on what Greenroom keeps: a registry's `relations` are the server's output
 * (Greenroom derives its own), while in a file they are a foreign root field.
 */
async function judged(hostile: HostileEntity, label: 'workspace' | 'registry'): Promise<boolean> {
  const { relations: _relations, ...descriptor } = hostile.entity;
  const accepted = await backstageAccepts(label === 'registry' ? descriptor : hostile.entity);
  // No stock processor knows a prototype-named kind, so a backend reading the file rejects it
  // (seen in backstageParity.integration.ts); a registry that serves one has a processor for it.
  return accepted && (label === 'registry' || hostile.role !== 'kind');
}

/** The checks shared by the workspace and the registry paths. */
async function assertCatalogSurvives(index: CatalogIndex, label: 'workspace' | 'registry'): Promise<void> {
  for (const hostile of HOSTILE) {
    const record = index.get(hostile.ref);
    assert.ok(record, `${label}: ${hostile.role} ${JSON.stringify(hostile.key)} is indexed as ${hostile.ref}`);
    assert.equal(
      record.valid,
      await judged(hostile, label),
      `${label}: ${hostile.ref} is marked as Backstage judges it`,
    );
    const rendered = await renderViews(index, record);
    assert.ok(rendered.includes(hostile.ref), `${label}: the hover of ${hostile.ref} names it`);
  }
  // Views: every entity lands in exactly one kind folder; system and owner groupings complete.
  const inKindFolders = [...walkGroups(groupEntities(index, 'kind'))].flatMap(({ group }) =>
    group.entities.map((record) => record.ref),
  );
  assert.deepEqual(inKindFolders.sort(), [...index.refs()].sort(), `${label}: the kind tree holds every entity once`);
  for (const mode of ['system', 'owner'] as const) {
    assert.ok(groupEntities(index, mode).length > 0, `${label}: grouping by ${mode}`);
  }
  for (const key of PROTOTYPE_NAMES) {
    const tagged = index.entities().filter((record) => matchesFilter(record, parseFilterQuery(`tag:${key}`)));
    assert.deepEqual(
      tagged.map((record) => record.ref),
      HOSTILE.filter((hostile) => hostile.role === 'fields' && hostile.key === key).map((hostile) => hostile.ref),
      `${label}: tag filter ${key}`,
    );
    const owned = ownedEntities(index, `group:default/${key.toLowerCase()}`).map((record) => record.ref);
    const owner = HOSTILE.find((hostile) => hostile.role === 'fields' && hostile.key === key)?.ref ?? '-';
    // Read from the ref itself; an entity Backstage rejects owns nothing.
    assert.equal(owned.includes(owner), index.get(owner)?.valid === true, `${label}: owner ${key}`);
  }
  const accepted = HOSTILE.filter(
    (hostile) => hostile.role === 'fields' && index.get(hostile.ref)?.valid === true,
  ).length;
  assert.ok(unknownOwners(index).length >= accepted, `${label}: owners that are prototype names are listed as unknown`);
  assert.deepEqual(
    rootGroups(index).map((record) => record.ref),
    ['group:default/team-a'],
  );
  // Nothing else is affected: the healthy component keeps its validity and relations.
  const control = index.get(CONTROL_REF);
  assert.equal(control?.valid, true, `${label}: the control entity stays valid`);
  assert.deepEqual(
    index
      .relationsOf(CONTROL_REF)
      .outgoing.map((relation) => `${relation.type} ${relation.target}`)
      .sort(),
    ['ownedBy group:default/team-a', 'partOf system:default/control-system'],
  );
}

describe('prototype property names as user-controlled keys', function () {
  this.timeout(60_000);
  let changedPrototype: () => string[];

  beforeEach(() => {
    changedPrototype = watchObjectPrototype();
  });

  afterEach(() => {
    assert.deepEqual(changedPrototype(), [], 'Object.prototype is untouched');
    assert.equal(({} as Record<string, unknown>)['value'], undefined);
  });

  it(`covers ${PROTOTYPE_NAMES.length} names, __proto__ and constructor among them`, () => {
    assert.ok(
      PROTOTYPE_NAMES.includes('__proto__') &&
        PROTOTYPE_NAMES.includes('constructor') &&
        PROTOTYPE_NAMES.includes('toString'),
    );
    assert.equal(HOSTILE.length, PROTOTYPE_NAMES.length * 4);
  });

  it('a workspace file: parse, index, relations, tree data, hover and entity page all complete', async () => {
    const index = new CatalogIndex();
    for (const [position, hostile] of HOSTILE.entries()) {
      index.upsertFile(
        await parseCatalogFile(`/ws/hostile-${position}.yaml`, yamlOf([hostile.entity]), {
          type: 'workspace',
          folder: '/ws',
        }),
      );
    }
    index.upsertFile(
      await parseCatalogFile('/ws/control.yaml', yamlOf(controlEntities()), { type: 'workspace', folder: '/ws' }),
    );
    await assertCatalogSurvives(index, 'workspace');
    const problems = index.allProblems();
    assert.ok(problems.every((problem) => typeof problem.message === 'string' && problem.message.length > 0));
    assert.deepEqual(index.problemsOf('/ws/control.yaml'), [], 'the control file has no problems');
  });

  it('relations derived from a prototype-named kind are none, and from prototype-named refs resolve to their entities', async () => {
    const index = new CatalogIndex();
    index.upsertFile(
      await parseCatalogFile('/ws/all.yaml', yamlOf(HOSTILE.map((hostile) => hostile.entity)), {
        type: 'workspace',
        folder: '/ws',
      }),
    );
    for (const hostile of HOSTILE.filter((candidate) => candidate.role === 'kind')) {
      assert.deepEqual(
        index.get(hostile.ref)?.relations,
        [],
        `${hostile.ref}: an unknown kind has no reference fields`,
      );
    }
    for (const hostile of HOSTILE.filter((candidate) => candidate.role === 'fields')) {
      const lower = hostile.key.toLowerCase();
      const targets = [`component:default/${lower}`, `group:default/${lower}`, `system:default/${lower}`];
      // The refs resolve (hover, F12) whether or not Backstage accepts the entity...
      assert.deepEqual(
        index
          .get(hostile.ref)
          ?.references.map((site) => site.targetRef)
          .sort(),
        targets,
      );
      // ...and are relations only when it does.
      assert.deepEqual(
        index
          .relationsOf(hostile.ref)
          .outgoing.map((relation) => `${relation.type} ${relation.target}`)
          .sort(),
        index.get(hostile.ref)?.valid
          ? [`dependsOn ${targets[0]}`, `ownedBy ${targets[1]}`, `partOf ${targets[2]}`]
          : [],
      );
    }
  });

  describe('through the CLI', () => {
    let folder: string;

    before(async () => {
      folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-prototype-keys-')));
      await Promise.all(
        HOSTILE.map((hostile, position) =>
          fs.writeFile(path.join(folder, `hostile-${position}.catalog-info.yaml`), yamlOf([hostile.entity])),
        ),
      );
      await fs.writeFile(path.join(folder, 'catalog-info.yaml'), yamlOf(controlEntities()));
    });

    after(async () => {
      await fs.rm(folder, { recursive: true, force: true });
    });

    it('index --json lists every entity, marked as Backstage judges it', async () => {
      const run = await runCli('index', folder, '--json');
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { entities: { ref: string; valid: boolean }[] };
      const byRef = new Map(report.entities.map((entity) => [entity.ref, entity]));
      for (const hostile of HOSTILE) {
        assert.equal(byRef.get(hostile.ref)?.valid, await judged(hostile, 'workspace'), hostile.ref);
      }
      assert.equal(byRef.get(CONTROL_REF)?.valid, true);
    });

    it('the parse workers (structured clone, cache codec) index the same entities, marked the same, as in-process parsing', async () => {
      const withWorkers = new MultiFolderCatalog({
        fs: nodeCatalogFileSystem,
        workerScript: WORKER_SCRIPT,
        workers: 2,
      });
      const inProcess = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
      try {
        for (const workspace of [withWorkers, inProcess]) {
          workspace.addFolder(folder);
          await workspace.loadAll();
        }
        const state = (workspace: MultiFolderCatalog): string[] =>
          workspace.index
            .entities()
            .map(
              (record) => `${record.ref} ${record.valid} ${record.relations.length} ${JSON.stringify(record.entity)}`,
            )
            .sort();
        assert.equal(withWorkers.index.size, HOSTILE.length + controlEntities().length);
        assert.deepEqual(state(withWorkers), state(inProcess));
        assert.deepEqual(
          withWorkers.index
            .allProblems()
            .map((problem) => problem.message)
            .sort(),
          inProcess.index
            .allProblems()
            .map((problem) => problem.message)
            .sort(),
        );
      } finally {
        withWorkers.dispose();
        inProcess.dispose();
      }
    });

    it('validate reports the invalid ones and ends with exit 1, not a crash', async () => {
      const run = await runCli('validate', folder);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr.includes('TypeError'), false, run.stderr);
      assert.match(run.stdout, /hostile-\d+\.catalog-info\.yaml:\d+:\d+ error /);
    });
  });

  describe('from a registry (a loopback Backstage)', () => {
    const servers = new LoopbackServers();

    afterEach(() => servers.closeAll());

    async function servedEntities(): Promise<unknown[]> {
      // Through JSON text, as a server sends them: `__proto__` arrives as an own key.
      return JSON.parse(
        JSON.stringify([...HOSTILE.map((hostile: HostileEntity) => hostile.entity), ...controlEntities()]),
      ) as unknown[];
    }

    it('a sync completes; each entity is indexed, marked, and shown', async () => {
      const server = await servers.start(fakeCatalog({ entities: (await servedEntities()) as never }));
      const index = new CatalogIndex();
      const client = new CatalogApiClient({ name: 'acme', baseUrl: server.baseUrl }, { pageSize: 7, retries: 0 });
      const result = await new RegistrySync(index, client, undefined).sync();
      assert.equal(result.entities, HOSTILE.length + controlEntities().length);
      await assertCatalogSurvives(index, 'registry');
    });

    it('the CLI `index --registry` completes and lists them', async () => {
      const server = await servers.start(fakeCatalog({ entities: (await servedEntities()) as never }));
      const empty = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-prototype-registry-')));
      try {
        const report = await buildIndexReport(empty, { registryUrl: server.baseUrl });
        const byRef = new Map(report.entities.map((entity) => [entity.ref, entity]));
        for (const hostile of HOSTILE) {
          assert.equal(byRef.get(hostile.ref)?.valid, await judged(hostile, 'registry'), hostile.ref);
        }
        assert.equal(byRef.get(CONTROL_REF)?.valid, true);
      } finally {
        await fs.rm(empty, { recursive: true, force: true });
      }
    });
  });
});
