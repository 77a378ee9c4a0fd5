// The Greenroom side bar as a user meets it: the catalog by kind and by owner, the Owners view,
// Go to Entity, problems as you type, and the tree following files created and deleted on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2e } from './hooks';
import {
  exampleEntities,
  findInExample,
  ownerLabel,
  parseRef,
  resolveRef,
  type ExampleEntity,
} from './support/examples';
import { escapeRegExp, waitUntil, type TreeRow } from './support/workbench';

const CATALOG = 'Catalog';
const OWNERS = 'Owners';

describe('Sidebar', () => {
  const entities = exampleEntities();
  const groups = entities.filter((e) => e.kind === 'Group');
  const users = entities.filter((e) => e.kind === 'User');
  const kindRoots = ['Components', 'APIs', 'Groups'];

  const labelsAt = (rows: readonly TreeRow[], level: number): string[] =>
    rows.filter((r) => r.level === level).map((r) => r.label);
  const isByKind = (rows: readonly TreeRow[]): boolean => kindRoots.every((k) => labelsAt(rows, 1).includes(k));
  // The labels of the direct children of one row. Other rows at the same depth may belong to
  // siblings that VS Code keeps expanded from an earlier test, so depth alone does not say whose they are.
  const childRows = (rows: readonly TreeRow[], parent: string, parentLevel: number): TreeRow[] => {
    const start = rows.findIndex((r) => r.level === parentLevel && r.label === parent);
    if (start < 0) return [];
    const end = rows.findIndex((r, i) => i > start && r.level <= parentLevel);
    return rows.slice(start + 1, end < 0 ? undefined : end).filter((r) => r.level === parentLevel + 1);
  };
  const childLabels = (rows: readonly TreeRow[], parent: string, parentLevel: number): string[] =>
    childRows(rows, parent, parentLevel).map((r) => r.label);

  before(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
    await workbench.closeAllEditors();
    await workbench.openViewContainer('Greenroom');
    await workbench.expandView(CATALOG);
    await workbench.waitForTreeRows(CATALOG, (rows) => rows.length > 0);
    await workbench.collapseAllRows(CATALOG);
    await workbench.waitForTreeRows(CATALOG, isByKind);
  });

  afterEach(async () => {
    const { workbench } = e2e();
    await workbench.dismissPopups();
  });

  after(async () => {
    const { workbench } = e2e();
    await workbench.closeAllEditors();
    await workbench.expandView(CATALOG);
    await workbench.expandView(OWNERS);
  });

  /** The Catalog view alone, with every folder collapsed: room for the rows a test looks at. */
  async function catalogOnly(): Promise<void> {
    const { workbench } = e2e();
    await workbench.expandView(CATALOG);
    await workbench.collapseView(OWNERS);
    await workbench.collapseAllRows(CATALOG);
  }

  it('by kind: expanding Groups lists the example groups', async () => {
    const { workbench } = e2e();
    await catalogOnly();
    const expected = groups.map((g) => g.label).sort();
    assert.ok(expected.length > 0, 'examples/ has no Group');

    await workbench.expandRow('Groups', CATALOG, 1);
    const rows = await workbench.waitForTreeRows(
      CATALOG,
      (all) => expected.every((label) => labelsAt(all, 2).includes(label)),
      15_000,
    );
    // Only Groups is expanded, so every second-level row is one of its groups.
    assert.deepEqual(labelsAt(rows, 2).sort(), expected);
    const groupsRow = rows.find((r) => r.level === 1 && r.label === 'Groups');
    assert.equal(groupsRow?.description, String(expected.length), 'the Groups folder does not count its groups');
    await workbench.screenshot('catalog-tree-groups.png');
  });

  it('by owner: the root rows are the owners, each holding what it owns', async () => {
    const { workbench } = e2e();
    await catalogOnly();
    // Owner folders: every spec.owner in examples/, named by the owner's profile.displayName, else title, else name.
    const owned = entities.filter((e): e is ExampleEntity & { owner: string } => e.owner !== undefined);
    const ownerOf = (e: ExampleEntity & { owner: string }): ExampleEntity => {
      const owner = resolveRef(entities, e.owner, 'group');
      assert.ok(owner, `owner ${e.owner} of ${e.kind} ${e.name} is not in examples/`);
      return owner;
    };
    const expectedRoots = [...new Set(owned.map((e) => ownerLabel(ownerOf(e))))].sort();
    const team = groups.find((g) => g.parent !== undefined && owned.some((e) => ownerOf(e) === g));
    assert.ok(team, 'examples/ has no team that owns something');
    const teamLabel = ownerLabel(team);
    const teamOwns = owned
      .filter((e) => ownerOf(e) === team)
      .map((e) => e.label)
      .sort();

    await workbench.runCommand('Greenroom: Group by Owner');
    try {
      const roots = await workbench.waitForTreeRows(
        CATALOG,
        (rows) => !isByKind(rows) && expectedRoots.every((label) => labelsAt(rows, 1).includes(label)),
        15_000,
      );
      assert.deepEqual(labelsAt(roots, 1).sort(), expectedRoots, 'the root rows are not exactly the owners');

      await workbench.expandRow(teamLabel, CATALOG, 1);
      const rows = await workbench.waitForTreeRows(
        CATALOG,
        (all) => teamOwns.every((label) => labelsAt(all, 2).includes(label)),
        15_000,
      );
      assert.deepEqual(labelsAt(rows, 2).sort(), teamOwns, `${teamLabel} does not hold exactly what ${team.name} owns`);
      assert.equal(rows.find((r) => r.level === 1 && r.label === teamLabel)?.description, String(teamOwns.length));
      await workbench.screenshot('catalog-tree-by-owner.png');
    } finally {
      // Back to folders by kind, which the other tests expect.
      await workbench.runCommand('Greenroom: Group by Kind');
    }
    const back = await workbench.waitForTreeRows(CATALOG, isByKind, 15_000);
    assert.ok(!labelsAt(back, 1).includes(teamLabel), `owner ${teamLabel} is still a root row after Group by Kind`);
  });

  it('Owners view: the root group expands to its teams and members, a team to its members and what it owns', async () => {
    const { workbench } = e2e();
    await workbench.expandView(OWNERS);
    await workbench.collapseView(CATALOG);
    await workbench.collapseAllRows(OWNERS);

    const rootGroups = groups.filter((g) => g.parent === undefined);
    assert.equal(rootGroups.length, 1, 'this test expects one root group in examples/org');
    const root = rootGroups[0] as ExampleEntity;
    const teams = groups.filter((g) => g.parent !== undefined && parseRef(g.parent, 'group').name === root.name);
    const team = teams.find((t) =>
      entities.some((e) => e.owner !== undefined && resolveRef(entities, e.owner, 'group') === t),
    );
    assert.ok(team, `no team under ${root.name} owns anything`);
    const membersOf = (group: ExampleEntity): string[] =>
      users
        .filter((u) => u.memberOf.some((ref) => parseRef(ref, 'group').name === group.name))
        .map(ownerLabel)
        .sort();
    const teamOwns = entities
      .filter((e) => e.owner !== undefined && resolveRef(entities, e.owner, 'group') === team)
      .map((e) => e.label)
      .sort();
    const teamMembers = membersOf(team);
    assert.ok(teamMembers.length > 0, `${team.name} has no members in examples/`);

    const roots = await workbench.waitForTreeRows(
      OWNERS,
      (rows) => labelsAt(rows, 1).includes(ownerLabel(root)),
      15_000,
    );
    assert.ok(labelsAt(roots, 1).includes(ownerLabel(root)));

    await workbench.expandRow(ownerLabel(root), OWNERS, 1);
    const level2 = await workbench.waitForTreeRows(
      OWNERS,
      (rows) => teams.every((t) => labelsAt(rows, 2).includes(ownerLabel(t))),
      15_000,
    );
    if (membersOf(root).length > 0)
      assert.ok(labelsAt(level2, 2).includes('Members'), `${ownerLabel(root)} has no Members row`);

    // Other teams may still be expanded from an earlier test: collapse them so the team's Members
    // row is the only one at depth 3, then read the team's own children.
    for (const other of teams.filter((t) => t !== team)) {
      if (level2.some((r) => r.level === 2 && r.label === ownerLabel(other) && r.expanded === true))
        await workbench.collapseRow(ownerLabel(other), OWNERS, 2);
    }
    await workbench.expandRow(ownerLabel(team), OWNERS, 2);
    const teamChildren = (rows: readonly TreeRow[]): string[] => childLabels(rows, ownerLabel(team), 2);
    const level3 = await workbench.waitForTreeRows(
      OWNERS,
      (rows) => teamOwns.every((label) => teamChildren(rows).includes(label)),
      15_000,
    );
    const membersRow = childRows(level3, ownerLabel(team), 2).find((r) => r.label === 'Members');
    assert.ok(membersRow, `${ownerLabel(team)} has no Members row`);
    assert.equal(membersRow.description, String(teamMembers.length), 'the Members row does not count the team members');
    assert.deepEqual(
      teamChildren(level3)
        .filter((l) => l !== 'Members')
        .sort(),
      teamOwns,
      `${ownerLabel(team)} does not list exactly what it owns`,
    );

    await workbench.expandRow('Members', OWNERS, 3);
    const level4 = await workbench.waitForTreeRows(
      OWNERS,
      (rows) => teamMembers.every((name) => childLabels(rows, 'Members', 3).includes(name)),
      15_000,
    );
    assert.deepEqual(childLabels(level4, 'Members', 3).sort(), teamMembers);
    await workbench.screenshot('owners-hierarchy.png');
  });

  it('Go to Entity finds an entity by part of its name; its page leads to the descriptor', async () => {
    const { workbench } = e2e();
    await workbench.expandView(CATALOG);
    await workbench.closeAllEditors();
    const typed = 'playlists';
    const target = entities.find((e) => e.kind === 'Component' && e.name.includes(typed));
    assert.ok(target, `no example Component named like ${typed}`);
    const matching = entities.filter((e) => e.name.includes(typed)).map((e) => e.label);

    await (await workbench.openGoToEntity()).pressSequentially(typed);
    let labels: string[] = [];
    await waitUntil(
      async () => (labels = await workbench.quickInputLabels()) && matching.every((label) => labels.includes(label)),
      10_000,
      () => `Go to Entity does not offer ${matching.join(', ')} for "${typed}"; offered: ${labels.join(', ')}`,
    );
    await workbench.screenshot('catalog-tree-goto-entity-picker.png');

    // Picking an entity opens its page, titled like the entity.
    await workbench.pickQuickInputRow(target.label);
    await workbench.waitForActiveEditor(
      (tab) => tab.title === target.label,
      `Go to Entity did not open the page of ${target.label}`,
    );
    const entityPage = workbench.activeWebview();
    await entityPage.locator('h1', { hasText: target.label }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(
      (await entityPage.locator('.entity-header .ref').innerText()).trim(),
      `component:default/${target.name}`,
    );
    await workbench.screenshot('catalog-tree-goto-entity-page.png');

    // Its "Open descriptor" action opens the catalog-info.yaml with the entity's name selected.
    await entityPage.locator('vscode-button', { hasText: 'Open descriptor' }).click();
    await workbench.waitForActiveEditor(
      (tab) => tab.path.endsWith(`/${target.file}`),
      `Open descriptor did not open examples/${target.file}`,
    );
    const tab = await workbench.activeTab();
    assert.equal(tab.title, path.basename(target.file));
    assert.deepEqual(await workbench.breadcrumbs(), target.file.split('/'));
    const lines = await workbench.editorLines();
    assert.ok(
      lines.some((l) => new RegExp(`^\\s*name:\\s*${escapeRegExp(target.name)}\\s*$`).test(l)),
      `the editor does not show name: ${target.name}:\n${lines.join('\n')}`,
    );
    let status: string[] = [];
    await waitUntil(
      async () =>
        (status = await workbench.statusBarTexts()).some((t) => t.includes(`(${target.name.length} selected)`)),
      5000,
      () => `the name ${target.name} is not selected; status bar: ${JSON.stringify(status)}`,
    );
    await workbench.screenshot('catalog-tree-goto-entity.png');
  });

  it('Problems: an invalid metadata.name typed in a descriptor is reported, and the report goes once it is fixed', async () => {
    const { workbench } = e2e();
    const page = workbench.page;
    await workbench.closeAllEditors();
    const file = 'services/playlists-service/catalog-info.yaml';
    const entity = entities.find((e) => e.file === file);
    assert.ok(entity, `no entity in examples/${file}`);
    const name = findInExample(file, new RegExp(`^\\s+name:\\s*${escapeRegExp(entity.name)}\\s*$`), entity.name);
    const aboutName = (rows: string[]): string[] => rows.filter((r) => r.includes('metadata.name'));

    // CodeLens over the entity counts what depends on it; it must come back once the name is fixed.
    // Dependents: entities that depend on it, and those it declares itself a dependency of.
    const dependents = new Set([
      ...entities.filter((e) => e.dependsOn.some((ref) => resolveRef(entities, ref, 'component') === entity)),
      ...entity.dependencyOf.map((ref) => resolveRef(entities, ref, 'component')).filter((e) => e !== undefined),
    ]).size;
    const dependentsLens = dependents === 1 ? '1 dependent' : `${dependents} dependents`;
    let lenses: string[] = [];
    const lensPattern = new RegExp(`(^|\\D)${dependentsLens}\\b`);
    const lensShown = async (): Promise<boolean> =>
      (lenses = await workbench.codeLenses()).some((l) => lensPattern.test(l));

    await workbench.openFile(file);
    await waitUntil(
      lensShown,
      15_000,
      () => `no CodeLens "${dependentsLens}" over ${entity.name}; lenses: ${JSON.stringify(lenses)}`,
    );
    await workbench.showProblems();
    // Other descriptors have problems too: only this file's rows are sure to be drawn.
    await workbench.filterProblems(`**/${path.dirname(file)}/**`);
    try {
      await problemsAboutTheName();
    } finally {
      await workbench.filterProblems('');
    }
    await workbench.hidePanel();
    await workbench.closeAllEditors();

    async function problemsAboutTheName(): Promise<void> {
      assert.deepEqual(
        aboutName(await workbench.problems()),
        [],
        'a metadata.name problem is reported before any edit',
      );

      await workbench.goToLine(name.line, name.column);
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('Bad Name!');
      let rows: string[] = [];
      await waitUntil(
        async () => aboutName((rows = await workbench.problems())).length > 0,
        15_000,
        () => `no metadata.name problem in the Problems panel; rows: ${JSON.stringify(rows)}`,
      );
      const problem = aboutName(rows)[0] ?? '';
      assert.match(problem, /greenroom/i, `the problem does not come from Greenroom: ${problem}`);
      assert.ok(
        rows.some((r) => r.startsWith(path.basename(file))),
        `the Problems panel does not name ${file}: ${JSON.stringify(rows)}`,
      );
      assert.ok((await workbench.activeTab()).dirty, 'the edit should be unsaved');
      await workbench.screenshot('problems-invalid-name.png');

      await workbench.undoUntilClean();
      await waitUntil(
        async () => aboutName((rows = await workbench.problems())).length === 0,
        15_000,
        () => `the metadata.name problem is still listed after undo; rows: ${JSON.stringify(rows)}`,
      );
      await waitUntil(
        lensShown,
        10_000,
        () => `the CodeLens does not show "${dependentsLens}" again after the fix; lenses: ${JSON.stringify(lenses)}`,
      );
      await workbench.screenshot('problems-fixed.png');
    }
  });

  // Files below are written and deleted with node fs, as a shell, git or another tool would: no
  // editor involved. The status bar counts what the index holds; the tree shows it.
  const countText = (n: number): string => `${n} entities`;
  const componentCount = entities.filter((e) => e.kind === 'Component').length;

  /** Catalog alone, Components expanded, and the index at the examples' count. */
  async function showComponents(): Promise<void> {
    const { workbench } = e2e();
    await catalogOnly();
    await workbench.expandRow('Components', CATALOG, 1);
    await workbench.waitForTreeRows(CATALOG, (rows) => labelsAt(rows, 2).length > 0, 15_000);
    await waitForStatus(countText(entities.length));
  }

  /** Writes a valid Component, owned by an example team, into the workspace copy. */
  function writeComponent(relativeFile: string, name: string, title: string): string {
    const owner = groups.find((g) => g.parent !== undefined) ?? groups[0];
    assert.ok(owner, 'examples/ has no Group to own the new service');
    const file = path.join(e2e().workspaceFolder, relativeFile);
    assert.ok(!fs.existsSync(file), `${file} already exists`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${name}`,
        `  title: ${title}`,
        '  description: Created on disk by the e2e test.',
        'spec:',
        '  type: service',
        '  lifecycle: experimental',
        `  owner: ${owner.name}`,
        '',
      ].join('\n'),
    );
    return file;
  }

  /** Waits for the new Component in the count and under Components (within 10 s each). */
  async function expectShown(title: string, screenshot?: string): Promise<void> {
    const { workbench } = e2e();
    await waitForStatus(countText(entities.length + 1));
    // The new row and the folder's count are drawn in separate steps: wait for both.
    const rows = await workbench.waitForTreeRows(
      CATALOG,
      (all) =>
        all.some((r) => r.level === 2 && r.label === title) &&
        all.some((r) => r.level === 1 && r.label === 'Components' && r.description === String(componentCount + 1)),
      10_000,
    );
    // The row says the scorecard's score when checks apply (`4/6`), else the type; the lifecycle is
    // in the tooltip, so the row fits a default-width side bar.
    assert.match(rows.find((r) => r.label === title)?.description ?? '', /^(\d+\/\d+|service)$/);
    assert.equal(rows.find((r) => r.level === 1 && r.label === 'Components')?.description, String(componentCount + 1));
    if (screenshot !== undefined) await workbench.screenshot(screenshot);
  }

  /** Waits for the Component to leave the count and the tree (within 10 s each). */
  async function expectGone(title: string): Promise<void> {
    const { workbench } = e2e();
    await waitForStatus(countText(entities.length));
    await workbench.waitForTreeRows(
      CATALOG,
      (all) => labelsAt(all, 2).length > 0 && !all.some((r) => r.label === title),
      10_000,
    );
  }

  it('a descriptor written into a new folder on disk appears in the tree, and goes when the file is deleted', async () => {
    await showComponents();
    const title = 'Brand new service';
    const file = writeComponent('services/new-thing/catalog-info.yaml', 'brand-new-service', title);
    try {
      await expectShown(title, 'catalog-tree-live-update.png');
      fs.rmSync(file);
      await expectGone(title);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('a descriptor written into an existing folder on disk appears in the tree, and goes when the file is deleted', async () => {
    await showComponents();
    const title = 'Brand new sidecar';
    const file = writeComponent('services/playback-service/sidecar.catalog-info.yaml', 'brand-new-sidecar', title);
    try {
      await expectShown(title, 'catalog-tree-live-update-existing-folder.png');
    } finally {
      fs.rmSync(file, { force: true });
    }
    await expectGone(title);
  });

  it('deleting a folder that holds a descriptor removes its entity from the tree', async () => {
    await showComponents();
    const title = 'Short-lived service';
    const dir = path.join(e2e().workspaceFolder, 'services/short-lived');
    // Setup only: the folder exists a moment before its file, so the file's creation is seen
    // (see the new-folder test for what happens otherwise).
    fs.mkdirSync(dir);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    writeComponent('services/short-lived/catalog-info.yaml', 'short-lived-service', title);
    await expectShown(title);

    fs.rmSync(dir, { recursive: true, force: true });
    await expectGone(title);
  });
});

/** Waits until a status bar item shows `text` (as whole words: "51 entities" is not "151 entities"). */
async function waitForStatus(text: string, timeoutMs = 10_000): Promise<void> {
  const { workbench } = e2e();
  const pattern = new RegExp(`(^|\\s)${escapeRegExp(text)}(\\s|$)`);
  let seen: string[] = [];
  await waitUntil(
    async () => (seen = await workbench.statusBarTexts()).some((t) => pattern.test(t)),
    timeoutMs,
    () => `no status bar item with "${text}"; items: ${JSON.stringify(seen)}`,
  );
}
