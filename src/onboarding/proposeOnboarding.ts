import * as path from 'node:path';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { findApiDefinitions } from './apiDefinitions';
import { confinedFileSystem } from './confinedFileSystem';
import type { CatalogFacts } from './catalogFacts';
import { inferComponentType } from './componentType';
import { normaliseEntityName, packageIdName } from './entityName';
import { FolderFiles, joinRelative, type ReadBudget } from './folderFiles';
import { readGitFacts, type GitFacts } from './gitRemote';
import { readManifests, type ManifestFacts } from './manifests';
import { inferOwner } from './ownerInference';
import { findPackageLayout } from './packageLayout';
import type { Inference, OnboardingDefaults, OnboardingProposal, ProposedComponent, Question } from './proposalTypes';
import { repositoryAnnotations } from './repositoryAnnotations';
import { inferSystem } from './systemInference';

export const DESCRIPTOR_FILE_NAME = 'catalog-info.yaml';
const TYPE_CHOICES = ['service', 'website', 'library'];

export interface OnboardingInput {
  readonly fs: CatalogFileSystem;
  /** Absolute: nothing outside it is read (the workspace folder). */
  readonly boundary: string;
  /** Absolute: the folder to describe; inside the boundary. */
  readonly folder: string;
  readonly catalog: CatalogFacts;
  readonly defaults: OnboardingDefaults;
  readonly budget?: ReadBudget;
}

export class OnboardingError extends Error {}

/** The nearest folder from `folder` up to the boundary that holds `.git` (a folder or a worktree's file). */
async function repositoryRoot(files: FolderFiles, folder: string): Promise<string | undefined> {
  let current = folder;
  for (;;) {
    const dotGit = joinRelative(current, '.git');
    if ((await files.isDirectory(dotGit)) || (await files.isFile(dotGit))) {
      return current;
    }
    if (current === '') {
      return undefined;
    }
    const parent = path.posix.dirname(current);
    current = parent === '.' ? '' : parent;
  }
}

interface PackageDraft {
  readonly folder: string;
  readonly manifests: ManifestFacts[];
  readonly primary?: ManifestFacts | undefined;
  readonly name: Inference<string>;
  readonly rawName: string;
}

function draftName(files: FolderFiles, folder: string, manifests: ManifestFacts[]): PackageDraft {
  const primary =
    manifests.find((facts) => !facts.problem && facts.name) ??
    manifests.find((facts) => !facts.problem) ??
    manifests[0];
  if (primary?.name) {
    const id = packageIdName(primary.name, primary.format);
    const name = normaliseEntityName(id);
    if (name) {
      const changed = name !== primary.name ? ` (normalised from "${primary.name}" to Backstage's name rules)` : '';
      return {
        folder,
        manifests,
        primary,
        rawName: primary.name,
        name: { value: name, reason: `name: ${primary.file}${changed}` },
      };
    }
  }
  const folderName = path.posix.basename(folder === '' ? files.boundary.split(path.sep).join('/') : folder);
  const name = normaliseEntityName(folderName) ?? 'component';
  const why = primary?.problem ?? (primary ? `${primary.file} names no package` : 'no manifest names the package');
  return {
    folder,
    manifests,
    primary,
    rawName: folderName,
    name: { value: name, reason: `name: the folder name "${folderName}" (${why})` },
  };
}

/**
 * A title when the package has a human name besides its id, or when normalising changed more
 * than case (`@changesets/cli`); a Go module path is an address, not a title.
 */
function titleOf(draft: PackageDraft): string | undefined {
  const display = draft.primary?.displayName;
  if (display && display !== draft.name.value) {
    return display;
  }
  if (!draft.primary?.name || draft.primary.format === 'go.mod') {
    return undefined;
  }
  return draft.rawName.toLowerCase() !== draft.name.value ? draft.rawName : undefined;
}

/** Names another package of the monorepo may use for this one (npm name, artifactId, folder for Gradle/.NET). */
function identitiesOf(draft: PackageDraft): string[] {
  const names = draft.manifests.map((facts) => facts.name).filter((name): name is string => name !== undefined);
  names.push(path.posix.basename(draft.folder));
  return names;
}

function dependsOnOf(draft: PackageDraft, byIdentity: ReadonlyMap<string, PackageDraft>): Inference<string>[] {
  const seen = new Set<string>();
  const result: Inference<string>[] = [];
  for (const facts of draft.manifests) {
    for (const dependency of facts.dependencies) {
      const target = byIdentity.get(dependency);
      if (target && target !== draft && !seen.has(target.name.value)) {
        seen.add(target.name.value);
        result.push({ value: `component:${target.name.value}`, reason: `${facts.file} depends on ${dependency}` });
      }
    }
  }
  return result;
}

async function techdocsAnnotation(
  files: FolderFiles,
  descriptorFolder: string,
  packageFolder: string,
): Promise<Inference<string> | undefined> {
  const mkdocs =
    (await files.isFile(joinRelative(packageFolder, 'mkdocs.yml'))) ||
    (await files.isFile(joinRelative(packageFolder, 'mkdocs.yaml')));
  const docs = !mkdocs && (await files.isDirectory(joinRelative(packageFolder, 'docs')));
  if (!mkdocs && !docs) {
    return undefined;
  }
  const relative = path.posix.relative(descriptorFolder, packageFolder);
  return {
    value: relative === '' ? 'dir:.' : `dir:./${relative}`,
    reason: mkdocs
      ? `${joinRelative(packageFolder, 'mkdocs.yml')} exists`
      : `${joinRelative(packageFolder, 'docs')}/ exists`,
  };
}

/**
 * Reads what a folder already says and proposes its catalog entities, each value with the
 * reason it was chosen, and questions for what the folder does not say.
 */
export async function proposeOnboarding(input: OnboardingInput): Promise<OnboardingProposal> {
  const files = new FolderFiles(input.fs, input.boundary, input.budget);
  const folder = files.relativeOf(input.folder);
  if (folder === undefined || !(await files.isDirectory(folder))) {
    throw new OnboardingError(`${input.folder} is not a folder inside ${input.boundary}`);
  }
  const notes: string[] = [];
  const gitRoot = await repositoryRoot(files, folder);
  const git: GitFacts =
    gitRoot === undefined
      ? { root: folder, problem: 'the folder is not in a git repository inside the workspace' }
      : await readGitFacts(files, gitRoot);
  if (git.problem) {
    notes.push(`No repository annotations: ${git.problem}.`);
  }

  const rootManifests = await readManifests(files, folder);
  const layout = await findPackageLayout(files, folder, rootManifests);
  notes.push(...layout.unmatched);
  const drafts: PackageDraft[] = [];
  const rootPackage = rootManifests.some((facts) => !facts.aggregateOnly && facts.name && !facts.problem);
  if (layout.members.length === 0 || rootPackage) {
    drafts.push(draftName(files, folder, rootManifests));
  }
  for (const member of layout.members) {
    drafts.push(draftName(files, member, await readManifests(files, member)));
  }
  if (layout.members.length > 0) {
    notes.push(
      `A monorepo: ${layout.members.length} packages from ${layout.reason ?? 'its manifests'}${rootPackage ? ', and the root package' : ''}.`,
    );
  }
  for (const facts of [...rootManifests, ...drafts.flatMap((draft) => draft.manifests)]) {
    if (facts.problem) {
      notes.push(facts.problem);
    }
  }
  // Two packages must not share a name: the later one gets its folder appended.
  const taken = new Set<string>();
  const named = drafts.map((draft) => {
    let value = draft.name.value;
    for (let suffix = 2; taken.has(value); suffix++) {
      value = normaliseEntityName(`${draft.name.value}-${suffix}`) ?? `${draft.name.value}-${suffix}`;
    }
    taken.add(value);
    return value === draft.name.value
      ? draft
      : {
          ...draft,
          name: {
            value,
            reason: `${draft.name.reason}; "-${value.split('-').pop()}" added: another package has the same name`,
          },
        };
  });
  const byIdentity = new Map<string, PackageDraft>();
  for (const draft of named) {
    for (const identity of identitiesOf(draft)) {
      if (!byIdentity.has(identity)) {
        byIdentity.set(identity, draft);
      }
    }
  }

  const takenApiNames = new Set<string>();
  const questions = new Map<string, Question[]>();
  const components: ProposedComponent[] = [];
  const repositoryRootAbsolute = files.absolute(git.root);
  const confined = confinedFileSystem(input.fs, input.boundary);
  for (const draft of named) {
    const open: Question[] = [];
    const typeEvidence = await inferComponentType(files, draft.folder, draft.manifests);
    let type = typeEvidence.inference;
    if (!type && input.defaults.type) {
      type = {
        value: input.defaults.type,
        reason: `type: the default type setting (${typeEvidence.undecided ?? 'not inferred'})`,
      };
    }
    if (!type) {
      open.push({ field: 'type', reason: typeEvidence.undecided ?? 'nothing says what it is', choices: TYPE_CHOICES });
    }
    const owner = await inferOwner(
      confined,
      repositoryRootAbsolute,
      files.absolute(draft.folder),
      input.catalog,
      input.defaults.handleGroups,
    );
    if (owner.question) {
      open.push(owner.question);
    }
    const system = inferSystem(input.catalog, owner.inference?.value);
    if (system.question) {
      open.push(system.question);
    }
    const repositoryPath = path.posix.relative(git.root, draft.folder);
    const annotations = repositoryAnnotations(git, repositoryPath);
    const techdocs = await techdocsAnnotation(files, folder, draft.folder);
    if (techdocs) {
      annotations.set('backstage.io/techdocs-ref', techdocs);
    }
    const memberFolders = draft.folder === folder ? layout.members : [];
    const apis = await findApiDefinitions(files, {
      packageFolder: draft.folder,
      descriptorFolder: folder,
      componentName: draft.name.value,
      takenNames: takenApiNames,
      excludedFolders: memberFolders,
    });
    const title = titleOf(draft);
    components.push({
      folder: path.posix.relative(folder, draft.folder),
      name: draft.name,
      ...(title
        ? {
            title: {
              value: title,
              reason:
                title === draft.primary?.displayName
                  ? `title: ${draft.primary.file}`
                  : `title: the package name as written in ${draft.primary?.file ?? 'its manifest'}`,
            },
          }
        : {}),
      ...(draft.primary?.description
        ? { description: { value: draft.primary.description, reason: `description: ${draft.primary.file}` } }
        : {}),
      type,
      owner: owner.inference,
      system: system.inference,
      lifecycle: { value: input.defaults.lifecycle, reason: 'lifecycle: the default lifecycle setting' },
      annotations,
      providesApis: apis.map((api) => ({ value: api.name.value, reason: api.type.reason })),
      dependsOn: dependsOnOf(draft, byIdentity),
      apis,
    });
    if (open.length > 0) {
      questions.set(draft.name.value, open);
    }
  }
  if (files.truncated) {
    notes.push(`The walk stopped after ${files.budget.maxEntries} entries; files past it were not considered.`);
  }
  return {
    folder: input.folder,
    descriptorPath: path.join(input.folder, DESCRIPTOR_FILE_NAME),
    components,
    questions,
    notes,
  };
}
