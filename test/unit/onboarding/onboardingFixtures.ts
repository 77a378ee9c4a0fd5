import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CatalogIndex } from '../../../src/catalog/catalogIndex';
import { parseCatalogFile } from '../../../src/catalog/parseCatalogFile';
import {
  catalogFactsOf,
  DEFAULT_ONBOARDING,
  proposeOnboarding,
  type CatalogFacts,
  type OnboardingDefaults,
  type OnboardingProposal,
} from '../../../src/onboarding';
import { MemoryFileSystem, type MemoryFileSystemOptions } from '../support/memoryFileSystem';

/** test/fixtures/onboarding, from out/test/unit/onboarding. */
export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/onboarding');

/** Fixture files under `/ws/<name>` ( `dot-git` becomes `.git`: git cannot commit a `.git` folder). */
export function fixtureFiles(name: string, root = `/ws/${name}`): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (folder: string, relative: string): void => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      const target = `${relative}/${entry === 'dot-git' ? '.git' : entry}`;
      if (statSync(full).isDirectory()) {
        visit(full, target);
      } else {
        files[target] = readFileSync(full, 'utf8');
      }
    }
  };
  visit(path.join(FIXTURES, name), root);
  return files;
}

/** A workspace catalog with the given groups, users and systems (system → owner). */
export async function catalogWith(
  options: { groups?: string[]; users?: string[]; systems?: Record<string, string> } = {},
): Promise<CatalogIndex> {
  const documents = [
    ...(options.groups ?? []).map(
      (name) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`,
    ),
    ...(options.users ?? []).map(
      (name) => `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${name}\nspec:\n  memberOf: []\n`,
    ),
    ...Object.entries(options.systems ?? {}).map(
      ([name, owner]) =>
        `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: ${name}\nspec:\n  owner: ${owner}\n`,
    ),
  ];
  const index = new CatalogIndex();
  if (documents.length > 0) {
    index.upsertFile(
      await parseCatalogFile('/catalog/org.yaml', documents.join('---\n'), { type: 'workspace', folder: '/catalog' }),
    );
  }
  return index;
}

export interface FixtureRun {
  readonly proposal: OnboardingProposal;
  readonly fs: MemoryFileSystem;
  readonly catalog: CatalogFacts;
  readonly index: CatalogIndex;
}

/** Proposes the fixture `name` (or a folder inside it) against a catalog. */
export async function proposeFixture(
  name: string,
  options: {
    folder?: string | undefined;
    index?: CatalogIndex;
    defaults?: Partial<OnboardingDefaults>;
    fs?: MemoryFileSystemOptions;
    extraFiles?: Record<string, string>;
  } = {},
): Promise<FixtureRun> {
  const fs = new MemoryFileSystem({ ...fixtureFiles(name), ...(options.extraFiles ?? {}) }, options.fs);
  const index = options.index ?? (await catalogWith());
  const catalog = catalogFactsOf(index);
  const proposal = await proposeOnboarding({
    fs,
    boundary: `/ws/${name}`,
    folder: options.folder ? `/ws/${name}/${options.folder}` : `/ws/${name}`,
    catalog,
    defaults: { ...DEFAULT_ONBOARDING, ...options.defaults },
  });
  return { proposal, fs, catalog, index };
}
