import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../../src/catalog';
import {
  buildCatalogTable,
  MAX_PAGE_ROWS,
  queryCatalogTable,
  type TableQuery,
  type TableViewer,
} from '../../../../src/catalog/views/catalogTable';
import { compareNatural } from '../../../../src/catalog/naturalSort';
import { identityOwnerRefs } from '../../../../src/catalog/views/ownedBy';
import { parseStarred, toggleStarred } from '../../../../src/catalog/views/starred';
import { api, component, documents, group, indexOf, system, user } from '../../support/indexFixtures';

const FILES: Record<string, string> = {
  'org.yaml': documents(
    group('org', ['  children: [eng]'], { metadata: ['  title: Organisation'] }),
    group('eng', ['  parent: org', '  children: [team-a]'], { metadata: ['  title: Engineering'] }),
    group('team-a', ['  parent: eng', '  members: [alice]', '  profile:', '    displayName: Team Alpha']),
    group('team-b', ['  members: [bob]']),
    group('loop-1', ['  parent: loop-2']),
    group('loop-2', ['  parent: loop-1', '  members: [carol]']),
    user('alice', ['  memberOf: [team-a]']),
    user('bob', ['  memberOf: []']),
    user('carol', ['  memberOf: [loop-2]']),
  ),
  'things.yaml': documents(
    component('svc 10', ['  owner: team-a', '  system: audio'], {
      metadata: ['  tags: [java, web]', '  description: Streams the bytes'],
    }),
    component('svc 2', ['  owner: team-b', '  system: audio']),
    component('svc 1', ['  owner: eng']),
    component('solo', ['  owner: user:alice'], { metadata: ['  title: Alice Solo'] }),
    component('org-wide', ['  owner: org']),
    api('svc-api', ['  owner: team-b']),
    system('audio', ['  owner: team-a']),
    component('orphan', ['  owner: ghost']),
  ),
};

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
const NOBODY: TableViewer = { ownerRefs: undefined, starred: new Set() };

describe('catalog table', () => {
  let index: CatalogIndex;
  before(async () => {
    index = await indexOf(FILES);
  });

  const names = (query: Partial<TableQuery>, viewer: TableViewer = NOBODY): string[] =>
    queryCatalogTable(buildCatalogTable(index), { ...BASE, ...query }, viewer).rows.map((row) => row.name);

  it('compares labels naturally: numbers by value, case ignored', () => {
    assert.deepEqual(['svc 10', 'svc 2', 'Svc 1', 'svc 100'].sort(compareNatural), [
      'Svc 1',
      'svc 2',
      'svc 10',
      'svc 100',
    ]);
  });

  it('makes one row per entity with owner and system shown by their display names', () => {
    const page = queryCatalogTable(buildCatalogTable(index), { ...BASE, text: 'svc 10' }, NOBODY);
    assert.equal(page.total, 1);
    const row = page.rows[0];
    assert.deepEqual(
      { ...row },
      {
        ref: 'component:default/svc 10',
        name: 'svc 10',
        kind: 'Component',
        owner: 'Team Alpha',
        ownerRef: 'group:default/team-a',
        system: 'audio',
        type: 'service',
        lifecycle: 'production',
        tags: ['java', 'web'],
        starred: false,
      },
    );
    assert.equal(page.all, 17);
  });

  it('shows an owner that is not in the catalog by its short ref', () => {
    const [row] = queryCatalogTable(buildCatalogTable(index), { ...BASE, text: 'orphan' }, NOBODY).rows;
    assert.equal(row?.owner, 'ghost');
  });

  it('sorts by name naturally, and descending on request', () => {
    const components = names({ kind: 'component' });
    assert.deepEqual(components, ['Alice Solo', 'org-wide', 'orphan', 'svc 1', 'svc 2', 'svc 10']);
    assert.deepEqual(names({ kind: 'component', direction: 'desc' }), [...components].reverse());
  });

  it('sorts by another column with empty cells last in both directions, ties by name', () => {
    assert.deepEqual(names({ kind: 'Component', sort: 'system' }).slice(0, 2), ['svc 2', 'svc 10']);
    assert.deepEqual(names({ kind: 'Component', sort: 'system', direction: 'desc' }).slice(0, 2), ['svc 2', 'svc 10']);
    assert.equal(names({ kind: 'Component', sort: 'system', direction: 'desc' }).length, 6);
    assert.deepEqual(names({ kind: 'Component', sort: 'tags' })[0], 'svc 10');
    assert.deepEqual(names({ kind: 'Component', sort: 'tags', direction: 'desc' })[0], 'svc 10');
    // Equal cells keep name order whichever way the column is sorted.
    assert.deepEqual(names({ kind: 'Component', sort: 'lifecycle', direction: 'desc' }), [
      'Alice Solo',
      'org-wide',
      'orphan',
      'svc 1',
      'svc 2',
      'svc 10',
    ]);
    assert.deepEqual(
      names({ sort: 'owner', direction: 'desc', text: 'svc' }),
      ['svc 2', 'svc-api', 'svc 10', 'svc 1'],
      'team-b, Team Alpha, Engineering; the two of team-b by name',
    );
  });

  it('filters by every word in name, owner, tags and description', () => {
    assert.deepEqual(names({ text: 'JAVA streams' }), ['svc 10']);
    assert.deepEqual(
      names({ text: 'team alpha' }).sort(compareNatural),
      ['audio', 'svc 10', 'Team Alpha'],
      'a group without a title is named by its profile display name',
    );
    assert.deepEqual(names({ text: 'nothing-matches-this' }), []);
  });

  it('lists the kinds present, in the catalog order', () => {
    const page = queryCatalogTable(buildCatalogTable(index), BASE, NOBODY);
    assert.deepEqual(page.kinds, ['Component', 'API', 'System', 'Group', 'User']);
  });

  it('keeps only starred rows when asked, and marks stars on every row', () => {
    const viewer: TableViewer = {
      ownerRefs: undefined,
      starred: new Set(['component:default/svc 2', 'api:default/svc-api']),
    };
    assert.deepEqual(names({ starredOnly: true }, viewer), ['svc 2', 'svc-api']);
    const page = queryCatalogTable(buildCatalogTable(index), { ...BASE, text: 'svc' }, viewer);
    assert.deepEqual(
      page.rows.filter((row) => row.starred).map((row) => row.name),
      ['svc 2', 'svc-api'],
    );
  });

  it('pages the rows and clamps an offset past the end to the last page', () => {
    const table = buildCatalogTable(index);
    const second = queryCatalogTable(table, { ...BASE, limit: 5, offset: 5 }, NOBODY);
    assert.equal(second.offset, 5);
    assert.equal(second.rows.length, 5);
    const past = queryCatalogTable(table, { ...BASE, limit: 5, offset: 999 }, NOBODY);
    assert.equal(past.offset, 15);
    assert.equal(past.rows.length, 2);
    const huge = queryCatalogTable(table, { ...BASE, limit: 1e9 }, NOBODY);
    assert.ok(huge.rows.length <= MAX_PAGE_ROWS);
  });

  describe('owned by me', () => {
    it("counts the user and the groups it is a direct member of, as Backstage's ownership claims do", () => {
      const owners = identityOwnerRefs(index, 'user:default/alice');
      assert.deepEqual([...owners].sort(), ['group:default/team-a', 'user:default/alice']);
      // svc 1 and org-wide belong to team-a's parents (eng, org): not "mine".
      assert.deepEqual(names({ ownedByMe: true }, { ownerRefs: owners, starred: new Set() }), [
        'Alice Solo',
        'audio',
        'svc 10',
      ]);
    });

    it('reads membership declared only on the group side', () => {
      assert.deepEqual([...identityOwnerRefs(index, 'User:default/Bob')].sort(), [
        'group:default/team-b',
        'user:default/bob',
      ]);
    });

    it('shows nothing without an identity rather than everything', () => {
      assert.deepEqual(names({ ownedByMe: true }), []);
    });
  });

  describe('starred list', () => {
    it('parses what was stored, dropping junk and duplicates', () => {
      assert.deepEqual(parseStarred(['Component:default/A', 'component:default/a', 7, '', null]), [
        'component:default/a',
      ]);
      assert.deepEqual(parseStarred('nope'), []);
    });

    it('stars to the front and unstars', () => {
      const starred = toggleStarred(['component:default/a'], 'Component:default/B', true);
      assert.deepEqual(starred, ['component:default/b', 'component:default/a']);
      assert.deepEqual(toggleStarred(starred, 'component:default/a', false), ['component:default/b']);
    });
  });
});
