import * as assert from 'node:assert/strict';
import {
  countOf,
  groupEntities,
  parseFilterQuery,
  walkGroups,
  type CatalogIndex,
  type EntityGroup,
} from '../../../../src/catalog';
import {
  api,
  component,
  documents,
  domain,
  entityLines,
  group,
  indexOf,
  refsOf,
  resource,
  system,
  upsertInto,
  user,
  yaml,
} from '../../support/indexFixtures';

/** A tree as plain data: `label [codicon] (count) {flags}` with entity refs and child folders. */
interface Shape {
  readonly id: string;
  readonly label: string;
  readonly codicon: string;
  readonly ref?: string;
  readonly unresolved?: boolean;
  readonly entities: string[];
  readonly groups: Shape[];
}

function shape(groups: readonly EntityGroup[]): Shape[] {
  return groups.map((folder) => ({
    id: folder.id,
    label: folder.label,
    codicon: folder.codicon,
    ...(folder.ref !== undefined ? { ref: folder.ref } : {}),
    ...(folder.unresolved !== undefined ? { unresolved: folder.unresolved } : {}),
    entities: refsOf(folder.entities),
    groups: shape(folder.groups),
  }));
}

function ids(groups: readonly EntityGroup[]): string[] {
  return [...walkGroups(groups)].map(({ group: folder }) => folder.id);
}

function find(groups: readonly EntityGroup[], id: string): EntityGroup {
  const found = [...walkGroups(groups)].find(({ group: folder }) => folder.id === id)?.group;
  if (!found) {
    throw new Error(`no group ${id}; have ${ids(groups).join(', ')}`);
  }
  return found;
}

/**
 * A small organisation: a domain with two systems (one empty), a system without domain, a
 * system in an unknown domain, an empty domain, parts with and without systems, owners
 * resolved (groups, a user) and not.
 */
const FILES: Record<string, string> = {
  'org.yaml': documents(
    group('team-audio', ['  profile:', '    displayName: Audio Team'], { metadata: ['  title: Ignored Title'] }),
    group('team-bee', [], { metadata: ['  title: Bee Squad'] }),
    group('team-zeta'),
    user('jdoe', ['  profile:', '    displayName: Jenny Doe', '  memberOf: [team-audio]']),
  ),
  'systems.yaml': documents(
    domain('audio', ['  owner: team-audio'], { metadata: ['  title: Audio'] }),
    domain('empty-domain', ['  owner: team-audio']),
    system('playback', ['  owner: team-audio', '  domain: audio']),
    system('quiet', ['  owner: team-audio', '  domain: audio']),
    system('search', ['  owner: team-bee']),
    system('lonely', ['  owner: team-bee']),
    system('orphan', ['  owner: team-bee', '  domain: ghost-domain']),
  ),
  'services.yaml': documents(
    component('player', ['  owner: team-audio', '  system: playback'], { metadata: ['  title: Audio Player'] }),
    component('mixer', ['  owner: team-audio', '  system: playback']),
    api('playback-api', ['  owner: team-audio', '  system: playback']),
    component('search-service', ['  owner: user:jdoe', '  system: search']),
    component('orphan-worker', ['  owner: team-bee', '  system: orphan']),
    component('stray', ['  owner: team-zeta', '  system: missing-system']),
    component('cli-tool', ['  owner: team-ghost']),
    resource('billing-db', ['  owner: user:ghost']),
    api('legacy-api', ['  owner: team-bee']),
  ),
  'extras.yaml': documents(
    entityLines('Template', 'node-service', {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      spec: ['  owner: team-audio', '  type: service', '  steps: []'],
    }),
    entityLines('Location', 'more', { spec: ['  type: file', '  target: ./nowhere.yaml', '  presence: optional'] }),
    entityLines('Widget', 'gizmo', { apiVersion: 'example.com/v1', spec: ['  owner: team-bee'] }),
  ),
};

describe('groupEntities', () => {
  let index: CatalogIndex;

  beforeEach(async () => {
    index = await indexOf(FILES);
  });

  afterEach(() => index.dispose());

  describe('by kind', () => {
    it('orders known kinds as kinds.ts does, unknown kinds last, with plural labels, codicons and counts', () => {
      const groups = groupEntities(index, 'kind');
      assert.deepEqual(
        groups.map((folder) => `${folder.id} ${folder.label} [${folder.codicon}] ${countOf(folder)}`),
        [
          'kind:component Components [symbol-class] 6',
          'kind:api APIs [plug] 2',
          'kind:resource Resources [database] 1',
          'kind:system Systems [server-environment] 5',
          'kind:domain Domains [globe] 2',
          'kind:group Groups [organization] 3',
          'kind:user Users [person] 1',
          'kind:template Templates [new-file] 1',
          'kind:location Locations [location] 1',
          'kind:widget Widgets [symbol-misc] 1',
        ],
      );
      assert.ok(groups.every((folder) => folder.groups.length === 0 && folder.ref === undefined));
    });

    it('sorts the entities of a kind by label (title, else name), case-insensitively', () => {
      const components = find(groupEntities(index, 'kind'), 'kind:component');
      assert.deepEqual(refsOf(components.entities), [
        'component:default/player', // "Audio Player"
        'component:default/cli-tool',
        'component:default/mixer',
        'component:default/orphan-worker',
        'component:default/search-service',
        'component:default/stray',
      ]);
    });

    it('leaves out kinds with no match under a filter', () => {
      const groups = groupEntities(index, 'kind', parseFilterQuery('playback'));
      assert.deepEqual(shape(groups), [
        { id: 'kind:api', label: 'APIs', codicon: 'plug', entities: ['api:default/playback-api'], groups: [] },
        {
          id: 'kind:system',
          label: 'Systems',
          codicon: 'server-environment',
          entities: ['system:default/playback'],
          groups: [],
        },
      ]);
    });

    it('gives no folders for an empty index or a filter matching nothing', async () => {
      const empty = await indexOf({});
      assert.deepEqual(groupEntities(empty, 'kind'), []);
      assert.deepEqual(groupEntities(empty, 'system'), []);
      assert.deepEqual(groupEntities(empty, 'owner'), []);
      assert.deepEqual(groupEntities(index, 'kind', { text: 'no-such-thing' }), []);
      assert.deepEqual(groupEntities(index, 'system', { text: 'no-such-thing' }), []);
    });
  });

  describe('by owner', () => {
    it('makes one folder per owner ref, labelled by profile.displayName, else title, else name, sorted by label', () => {
      assert.deepEqual(
        groupEntities(index, 'owner').map(
          (folder) =>
            `${folder.label} | ${folder.id} [${folder.codicon}]${folder.unresolved ? ' unresolved' : ''} ${folder.entities.length}`,
        ),
        [
          'Audio Team | owner:group:default/team-audio [organization] 8',
          'Bee Squad | owner:group:default/team-bee [organization] 5',
          'Jenny Doe | owner:user:default/jdoe [person] 1',
          'team-ghost | owner:group:default/team-ghost [warning] unresolved 1',
          'team-zeta | owner:group:default/team-zeta [organization] 1',
          'user:ghost | owner:user:default/ghost [warning] unresolved 1',
        ],
      );
    });

    it('carries the owner ref and whether it resolves', () => {
      const groups = groupEntities(index, 'owner');
      assert.deepEqual(
        shape(groups).filter(
          (folder) => folder.ref === 'group:default/team-ghost' || folder.ref === 'user:default/jdoe',
        ),
        [
          {
            id: 'owner:user:default/jdoe',
            label: 'Jenny Doe',
            codicon: 'person',
            ref: 'user:default/jdoe',
            unresolved: false,
            entities: ['component:default/search-service'],
            groups: [],
          },
          {
            id: 'owner:group:default/team-ghost',
            label: 'team-ghost',
            codicon: 'warning',
            ref: 'group:default/team-ghost',
            unresolved: true,
            entities: ['component:default/cli-tool'],
            groups: [],
          },
        ],
      );
    });

    it('lists what an owner owns, sorted by label, and leaves out entities without owner', () => {
      const groups = groupEntities(index, 'owner');
      assert.deepEqual(refsOf(find(groups, 'owner:group:default/team-audio').entities), [
        'domain:default/audio', // "Audio"
        'component:default/player', // "Audio Player"
        'domain:default/empty-domain',
        'component:default/mixer',
        'template:default/node-service',
        'system:default/playback',
        'api:default/playback-api',
        'system:default/quiet',
      ]);
      const all = [...walkGroups(groups)].flatMap(({ group: folder }) => refsOf(folder.entities));
      assert.ok(
        !all.some((ref) => ref.startsWith('group:') || ref.startsWith('user:') || ref.startsWith('location:')),
        all.join(', '),
      );
    });

    it('keeps only owners of matching entities under a filter', () => {
      assert.deepEqual(shape(groupEntities(index, 'owner', parseFilterQuery('search'))), [
        {
          id: 'owner:group:default/team-bee',
          label: 'Bee Squad',
          codicon: 'organization',
          ref: 'group:default/team-bee',
          unresolved: false,
          entities: ['system:default/search'],
          groups: [],
        },
        {
          id: 'owner:user:default/jdoe',
          label: 'Jenny Doe',
          codicon: 'person',
          ref: 'user:default/jdoe',
          unresolved: false,
          entities: ['component:default/search-service'],
          groups: [],
        },
      ]);
    });
  });

  describe('by system', () => {
    it('nests Domain → System → parts, then domain-less systems, then "(no system)"', () => {
      assert.deepEqual(shape(groupEntities(index, 'system')), [
        {
          id: 'domain:domain:default/audio',
          label: 'Audio',
          codicon: 'globe',
          ref: 'domain:default/audio',
          unresolved: false,
          entities: [],
          groups: [
            {
              id: 'system:system:default/playback',
              label: 'playback',
              codicon: 'server-environment',
              ref: 'system:default/playback',
              unresolved: false,
              entities: ['component:default/player', 'component:default/mixer', 'api:default/playback-api'],
              groups: [],
            },
            {
              id: 'system:system:default/quiet',
              label: 'quiet',
              codicon: 'server-environment',
              ref: 'system:default/quiet',
              unresolved: false,
              entities: [],
              groups: [],
            },
          ],
        },
        {
          id: 'domain:domain:default/empty-domain',
          label: 'empty-domain',
          codicon: 'globe',
          ref: 'domain:default/empty-domain',
          unresolved: false,
          entities: [],
          groups: [],
        },
        {
          id: 'domain:domain:default/ghost-domain',
          label: 'ghost-domain',
          codicon: 'warning',
          ref: 'domain:default/ghost-domain',
          unresolved: true,
          entities: [],
          groups: [
            {
              id: 'system:system:default/orphan',
              label: 'orphan',
              codicon: 'server-environment',
              ref: 'system:default/orphan',
              unresolved: false,
              entities: ['component:default/orphan-worker'],
              groups: [],
            },
          ],
        },
        {
          id: 'system:system:default/lonely',
          label: 'lonely',
          codicon: 'server-environment',
          ref: 'system:default/lonely',
          unresolved: false,
          entities: [],
          groups: [],
        },
        {
          id: 'system:system:default/missing-system',
          label: 'missing-system',
          codicon: 'warning',
          ref: 'system:default/missing-system',
          unresolved: true,
          entities: ['component:default/stray'],
          groups: [],
        },
        {
          id: 'system:system:default/search',
          label: 'search',
          codicon: 'server-environment',
          ref: 'system:default/search',
          unresolved: false,
          entities: ['component:default/search-service'],
          groups: [],
        },
        {
          id: 'system:none',
          label: '(no system)',
          codicon: 'circle-slash',
          entities: ['resource:default/billing-db', 'component:default/cli-tool', 'api:default/legacy-api'],
          groups: [],
        },
      ]);
    });

    it('puts only Components, APIs and Resources in "(no system)"; Groups, Users, Templates, Locations and other kinds are left out', () => {
      const all = [...walkGroups(groupEntities(index, 'system'))].flatMap(({ group: folder }) =>
        refsOf(folder.entities),
      );
      assert.deepEqual(
        all
          .map((ref) => ref.split(':')[0])
          .filter((kind, position, kinds) => kinds.indexOf(kind) === position)
          .sort(),
        ['api', 'component', 'resource'],
      );
    });

    it('has no "(no system)" folder when every part has a system', async () => {
      const small = await indexOf({
        'a.yaml': documents(system('s', ['  owner: t']), component('c', ['  owner: t', '  system: s'])),
      });
      assert.deepEqual(ids(groupEntities(small, 'system')), ['system:system:default/s']);
    });

    it('prunes empty systems and domains under a filter', () => {
      assert.deepEqual(ids(groupEntities(index, 'system', parseFilterQuery('player'))), [
        'domain:domain:default/audio',
        'system:system:default/playback',
      ]);
      assert.deepEqual(
        refsOf(
          find(groupEntities(index, 'system', parseFilterQuery('player')), 'system:system:default/playback').entities,
        ),
        ['component:default/player'],
      );
      assert.deepEqual(ids(groupEntities(index, 'system', parseFilterQuery('tool'))), ['system:none']);
    });

    it('does not keep a System folder because the System itself matches the filter: only its parts count', () => {
      // "quiet" names only the system itself: with no matching parts, the folder is pruned.
      assert.deepEqual(groupEntities(index, 'system', parseFilterQuery('quiet')), []);
    });
  });

  describe('stable ids', () => {
    it('gives the same ids after recomputation and after an unrelated file changes', async () => {
      for (const mode of ['kind', 'owner', 'system'] as const) {
        const before = ids(groupEntities(index, mode));
        assert.deepEqual(ids(groupEntities(index, mode)), before, mode);
        await upsertInto(index, 'services.yaml', FILES['services.yaml'] ?? '');
        assert.deepEqual(ids(groupEntities(index, mode)), before, `${mode} after re-indexing`);
        assert.equal(new Set(before).size, before.length, `${mode} ids are unique`);
      }
    });

    it('keeps a folder id when its label changes', async () => {
      await upsertInto(
        index,
        'org.yaml',
        FILES['org.yaml']?.replace('displayName: Audio Team', 'displayName: Sound People') ?? '',
      );
      const folder = find(groupEntities(index, 'owner'), 'owner:group:default/team-audio');
      assert.equal(folder.label, 'Sound People');
    });
  });
});

describe('walkGroups', () => {
  const leaf = (id: string): EntityGroup => ({ id, label: id, codicon: 'x', groups: [], entities: [] });
  const tree: EntityGroup[] = [
    { id: 'a', label: 'a', codicon: 'x', entities: [], groups: [leaf('a1'), { ...leaf('a2'), groups: [leaf('a2i')] }] },
    leaf('b'),
  ];

  it('visits every folder depth first with its parent', () => {
    assert.deepEqual(
      [...walkGroups(tree)].map(({ group: folder, parent }) => `${folder.id}<${parent?.id ?? 'root'}`),
      ['a<root', 'a1<a', 'a2<a', 'a2i<a2', 'b<root'],
    );
  });

  it('yields nothing for no folders', () => {
    assert.deepEqual([...walkGroups([])], []);
  });

  it('walks a real grouping', async () => {
    const index = await indexOf({
      'a.yaml': yaml(...domain('d', ['  owner: t']), '---', ...system('s', ['  owner: t', '  domain: d'])),
    });
    assert.deepEqual(
      [...walkGroups(groupEntities(index, 'system'))].map(
        ({ group: folder, parent }) => `${folder.id}<${parent?.id ?? 'root'}`,
      ),
      ['domain:domain:default/d<root', 'system:system:default/s<domain:domain:default/d'],
    );
  });
});
