import * as path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import { joinRelative, type FolderFiles } from './folderFiles';
import type { ManifestFacts } from './manifests';
import { ownJsonField } from './manifests/nodeManifest';

const MANIFEST_FILE =
  /(?:^|\/)(?:package\.json|Cargo\.toml|go\.mod|pom\.xml|build\.gradle(?:\.kts)?|pyproject\.toml|[^/]+\.(?:cs|fs|vb)proj)$/;
const MAX_MEMBERS = 200;

/** The packages of a monorepo and what declared them. */
export interface PackageLayout {
  /** Boundary-relative folders of member packages, sorted; empty for a single package. */
  readonly members: readonly string[];
  /** e.g. "package.json workspaces (packages/*)". */
  readonly reason?: string | undefined;
  /** Member patterns that matched nothing, worth a note. */
  readonly unmatched: readonly string[];
}

interface Declaration {
  readonly patterns: readonly string[];
  readonly source: string;
}

async function extraDeclarations(files: FolderFiles, folder: string): Promise<Declaration[]> {
  const declarations: Declaration[] = [];
  const pnpm = await files.readText(joinRelative(folder, 'pnpm-workspace.yaml'));
  if (pnpm.kind === 'text') {
    try {
      const packages = ownJsonField(parseYaml(pnpm.text, { maxAliasCount: 10 }), 'packages');
      if (Array.isArray(packages)) {
        declarations.push({
          patterns: packages.filter((item): item is string => typeof item === 'string'),
          source: 'pnpm-workspace.yaml',
        });
      }
    } catch {
      // An unreadable pnpm-workspace.yaml declares nothing; the manifests may still.
    }
  }
  const lerna = await files.readText(joinRelative(folder, 'lerna.json'));
  if (lerna.kind === 'text') {
    try {
      const packages = ownJsonField(JSON.parse(lerna.text), 'packages');
      if (Array.isArray(packages)) {
        declarations.push({
          patterns: packages.filter((item): item is string => typeof item === 'string'),
          source: 'lerna.json',
        });
      }
    } catch {
      // As above.
    }
  }
  const goWork = await files.readText(joinRelative(folder, 'go.work'));
  if (goWork.kind === 'text') {
    const uses: string[] = [];
    for (const match of goWork.text.matchAll(/^\s*use\s+(?:\(([^)]*)\)|(\S+))/gm)) {
      (match[1] ?? match[2] ?? '')
        .split(/\s+/)
        .map((entry) => entry.replace(/\/\/.*$/, '').trim())
        .filter(Boolean)
        .forEach((entry) => uses.push(entry));
    }
    declarations.push({ patterns: uses, source: 'go.work' });
  }
  return declarations;
}

/** Folders (relative to `folder`) that hold a manifest, below it, from the bounded walk. */
async function manifestFolders(files: FolderFiles, folder: string): Promise<Map<string, string[]>> {
  const prefix = folder === '' ? '' : `${folder}/`;
  const byFolder = new Map<string, string[]>();
  for (const entry of await files.files(folder)) {
    const inside = entry.relative.slice(prefix.length);
    if (MANIFEST_FILE.test(inside)) {
      const parent = path.posix.dirname(inside);
      const list = byFolder.get(parent === '.' ? '' : parent) ?? [];
      list.push(path.posix.basename(inside));
      byFolder.set(parent === '.' ? '' : parent, list);
    }
  }
  return byFolder;
}

/**
 * Members a monorepo declares (npm/yarn/pnpm workspaces, lerna, Cargo workspace, Maven
 * modules, Gradle includes, uv workspace, go.work), or — without a declaration — several Go
 * modules or .NET projects side by side. A member is a folder with a manifest.
 */
export async function findPackageLayout(
  files: FolderFiles,
  folder: string,
  rootManifests: readonly ManifestFacts[],
): Promise<PackageLayout> {
  const declarations: Declaration[] = rootManifests
    .filter((facts) => facts.members.length > 0)
    .map((facts) => ({
      patterns: facts.members,
      source: `${path.posix.basename(facts.file)} ${facts.format === 'pom.xml' ? 'modules' : facts.format === 'build.gradle' ? 'includes' : 'workspace members'}`,
    }));
  declarations.push(...(await extraDeclarations(files, folder)));
  const folders = await manifestFolders(files, folder);
  const candidates = [...folders.keys()].filter((candidate) => candidate !== '');
  const members = new Set<string>();
  const unmatched: string[] = [];
  const sources: string[] = [];
  for (const declaration of declarations) {
    const positive = declaration.patterns
      .filter((pattern) => !pattern.startsWith('!'))
      .map((pattern) => pattern.replace(/^\.\//, '').replace(/\/+$/, ''));
    const negative = declaration.patterns
      .filter((pattern) => pattern.startsWith('!'))
      .map((pattern) => pattern.slice(1).replace(/^\.\//, '').replace(/\/+$/, ''));
    const excluded = negative.length > 0 ? picomatch(negative, { dot: false }) : () => false;
    for (const pattern of positive) {
      if (pattern === '' || pattern === '.') {
        continue;
      }
      const matcher = picomatch(pattern, { dot: false });
      const matched = candidates.filter((candidate) => matcher(candidate) && !excluded(candidate));
      if (matched.length === 0) {
        unmatched.push(`${declaration.source}: "${pattern}" matches no folder with a manifest`);
      }
      matched.forEach((candidate) => members.add(candidate));
    }
    if (positive.length > 0) {
      sources.push(`${declaration.source} (${positive.slice(0, 3).join(', ')}${positive.length > 3 ? ', …' : ''})`);
    }
  }
  if (declarations.length === 0) {
    // Go multi-module repositories and .NET solutions declare nothing a manifest reader sees.
    const goModules = candidates.filter((candidate) => folders.get(candidate)?.includes('go.mod'));
    const dotnetProjects = candidates.filter(
      (candidate) =>
        folders.get(candidate)?.some((name) => /\.(cs|fs|vb)proj$/.test(name)) &&
        !/(?:^|\/)tests?(?:\/|$)|\.Tests?$/i.test(candidate),
    );
    if (goModules.length > 0 && folders.get('')?.includes('go.mod')) {
      goModules.forEach((candidate) => members.add(candidate));
      sources.push(`${goModules.length} Go modules below the root module`);
    } else if (goModules.length > 1) {
      goModules.forEach((candidate) => members.add(candidate));
      sources.push(`${goModules.length} Go modules side by side`);
    } else if (dotnetProjects.length > 1 && !folders.get('')?.some((name) => /proj$/.test(name))) {
      dotnetProjects.forEach((candidate) => members.add(candidate));
      sources.push(`${dotnetProjects.length} .NET projects`);
    }
  }
  const sorted = [...members]
    .sort()
    .slice(0, MAX_MEMBERS)
    .map((member) => joinRelative(folder, member));
  return { members: sorted, reason: sources.length > 0 ? sources.join('; ') : undefined, unmatched };
}
