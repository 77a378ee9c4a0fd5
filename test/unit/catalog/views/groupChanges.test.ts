import * as assert from 'node:assert/strict';
import {
  countOf,
  diffGroups,
  groupEntities,
  type CatalogIndex,
  type EntityGroup,
  type GroupingMode,
} from '../../../../src/catalog';
import {
  api,
  component,
  documents,
  domain,
  group,
  indexOf,
  resource,
  system,
  upsertInto,
} from '../../support/indexFixtures';

/** One entity per file, so re-indexing a file changes exactly one record. */
const FILES: Record<string, string> = {
  'org.yaml': documents(group('team-audio'), group('team-bee')),
  'domain.yaml': documents(domain('audio', ['  owner: team-audio'])),
  'playback.yaml': documents(system('playback', ['  owner: team-audio', '  domain: audio'])),
  'search.yaml': documents(system('search', ['  owner: team-bee'])),
  'player.yaml': documents(component('player', ['  owner: team-audio', '  system: playback'])),
  'finder.yaml': documents(component('finder', ['  owner: team-bee', '  system: search'])),
  'tool.yaml': documents(component('tool', ['  owner: team-bee'])),
};

describe('diffGroups', () => {
  let index: CatalogIndex;

  beforeEach(async () => {
    index = await indexOf(FILES);
  });

  afterEach(() => index.dispose());

  /** Groups `mode`, applies `change`, groups again and diffs. */
  async function changesAfter(
    mode: GroupingMode,
    change: () => Promise<void>,
  ): Promise<{ root: boolean; groups: readonly string[] }> {
    const before = groupEntities(index, mode);
    await change();
    return diffGroups(before, groupEntities(index, mode));
  }

  it('reports nothing when the index did not change', async () => {
    for (const mode of ['kind', 'system', 'owner'] as const) {
      assert.deepEqual(await changesAfter(mode, async () => undefined), { root: false, groups: [] }, mode);
    }
  });

  it('reports nothing for identical trees', () => {
    const groups = groupEntities(index, 'system');
    assert.deepEqual(diffGroups(groups, groups), { root: false, groups: [] });
    assert.deepEqual(diffGroups([], []), { root: false, groups: [] });
  });

  it('reports only the folder of an edited entity', async () => {
    const edit = (): Promise<void> =>
      upsertInto(
        index,
        'player.yaml',
        FILES['player.yaml']?.replace('name: player', 'name: player\n  description: now described') ?? '',
      );
    assert.deepEqual(await changesAfter('kind', edit), { root: false, groups: ['kind:component'] });
  });

  it('reports the system, not its domain, when an entity inside is edited and the count is unchanged', async () => {
    const edit = (): Promise<void> =>
      upsertInto(
        index,
        'player.yaml',
        FILES['player.yaml']?.replace('name: player', 'name: player\n  description: now described') ?? '',
      );
    assert.deepEqual(await changesAfter('system', edit), { root: false, groups: ['system:system:default/playback'] });
  });

  it('reports the domain when an entity is added to a system inside it (its count changes)', async () => {
    const add = (): Promise<void> =>
      upsertInto(index, 'mixer.yaml', documents(component('mixer', ['  owner: team-audio', '  system: playback'])));
    const changes = await changesAfter('system', add);
    assert.deepEqual(changes, { root: false, groups: ['domain:domain:default/audio'] });
  });

  it('reports the domain when a system is added to it or renamed in it', async () => {
    assert.deepEqual(
      await changesAfter('system', () =>
        upsertInto(index, 'quiet.yaml', documents(system('quiet', ['  owner: team-audio', '  domain: audio']))),
      ),
      {
        root: false,
        groups: ['domain:domain:default/audio'],
      },
    );
    const retitle = (): Promise<void> =>
      upsertInto(
        index,
        'playback.yaml',
        FILES['playback.yaml']?.replace('name: playback', 'name: playback\n  title: Playback') ?? '',
      );
    assert.deepEqual(await changesAfter('system', retitle), { root: false, groups: ['domain:domain:default/audio'] });
  });

  it('reports each changed top-most folder, in tree order', async () => {
    const edits = async (): Promise<void> => {
      await upsertInto(
        index,
        'tool.yaml',
        FILES['tool.yaml']?.replace('name: tool', 'name: tool\n  description: x') ?? '',
      );
      await upsertInto(
        index,
        'finder.yaml',
        FILES['finder.yaml']?.replace('name: finder', 'name: finder\n  description: x') ?? '',
      );
    };
    assert.deepEqual(await changesAfter('system', edits), {
      root: false,
      groups: ['system:system:default/search', 'system:none'],
    });
  });

  it('refreshes the root when a top-level folder appears, disappears, moves or is relabelled', async () => {
    assert.deepEqual(
      await changesAfter('kind', () => upsertInto(index, 'api.yaml', documents(api('new-api', ['  owner: team-bee'])))),
      { root: true, groups: [] },
      'new kind',
    );
    assert.deepEqual(
      await changesAfter('kind', async () => void index.removeFile('/ws/api.yaml')),
      { root: true, groups: [] },
      'kind gone',
    );
    assert.deepEqual(
      await changesAfter('system', () =>
        upsertInto(index, 'db.yaml', documents(resource('aaa-db', ['  owner: team-bee', '  system: aardvark']))),
      ),
      { root: true, groups: [] },
      'new top-level system',
    );
    assert.deepEqual(
      await changesAfter('owner', () =>
        upsertInto(
          index,
          'org.yaml',
          documents(group('team-audio', [], { metadata: ['  title: Zz Audio'] }), group('team-bee')),
        ),
      ),
      { root: true, groups: [] },
      'owner relabelled and reordered',
    );
  });

  it('refreshes the root when only a top-level codicon changes', () => {
    const folder: EntityGroup = {
      id: 'owner:group:default/x',
      label: 'x',
      codicon: 'organization',
      groups: [],
      entities: [],
    };
    assert.deepEqual(diffGroups([folder], [{ ...folder, codicon: 'warning' }]), { root: true, groups: [] });
  });

  it('reports a folder whose child folder changed its codicon', () => {
    const child: EntityGroup = { id: 'system:s', label: 's', codicon: 'server-environment', groups: [], entities: [] };
    const parent: EntityGroup = { id: 'domain:d', label: 'd', codicon: 'globe', groups: [child], entities: [] };
    assert.deepEqual(diffGroups([parent], [{ ...parent, groups: [{ ...child, codicon: 'warning' }] }]), {
      root: false,
      groups: ['domain:d'],
    });
  });
});

describe('countOf', () => {
  it('counts the entities of a folder and of every folder below it', async () => {
    const index = await indexOf(FILES);
    const [audio] = groupEntities(index, 'system');
    assert.equal(audio?.id, 'domain:domain:default/audio');
    assert.equal(audio.entities.length, 0);
    assert.equal(countOf(audio), 1);
    assert.deepEqual(
      groupEntities(index, 'kind').map((folder) => `${folder.label} ${countOf(folder)}`),
      ['Components 3', 'Systems 2', 'Domains 1', 'Groups 2'],
    );
  });

  it('is zero for an empty folder', () => {
    assert.equal(
      countOf({
        id: 'x',
        label: 'x',
        codicon: 'x',
        groups: [{ id: 'y', label: 'y', codicon: 'y', groups: [], entities: [] }],
        entities: [],
      }),
      0,
    );
  });
});
