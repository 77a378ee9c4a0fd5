import { joinRelative, type FolderFiles } from '../folderFiles';
import { emptyFacts, markerEvidence, oneLine, unreadable, type ManifestFacts } from './manifestFacts';

const SERVER_PACKAGES: ReadonlySet<string> = new Set([
  'express',
  'fastify',
  'koa',
  '@nestjs/core',
  '@hapi/hapi',
  'hapi',
  'restify',
  '@apollo/server',
  'apollo-server',
  'apollo-server-express',
  '@backstage/backend-defaults',
  'hono',
  '@adonisjs/core',
  'sails',
  'loopback',
  '@loopback/core',
  'socket.io',
]);
const FRONT_END_PACKAGES: ReadonlySet<string> = new Set([
  'react-scripts',
  'next',
  'nuxt',
  '@angular/core',
  '@sveltejs/kit',
  'gatsby',
  '@remix-run/react',
  'astro',
  '@docusaurus/core',
  'vuepress',
  '@vue/cli-service',
  'react-dom',
  'vue',
  'svelte',
  'solid-js',
  '@backstage/app-defaults',
  '@backstage/frontend-defaults',
]);

/** An own property of a parsed JSON object (never one inherited through `__proto__` tricks). */
export function ownJsonField(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function ownString(value: unknown, key: string): string | undefined {
  const field = ownJsonField(value, key);
  return typeof field === 'string' && field.trim().length > 0 ? field.trim() : undefined;
}

function dependencyNames(manifest: unknown): string[] {
  const names = new Set<string>();
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const table = ownJsonField(manifest, section);
    if (table && typeof table === 'object' && !Array.isArray(table)) {
      Object.keys(table).forEach((name) => names.add(name));
    }
  }
  return [...names];
}

function workspacePatterns(manifest: unknown): string[] {
  const workspaces = ownJsonField(manifest, 'workspaces');
  const list = Array.isArray(workspaces) ? workspaces : ownJsonField(workspaces, 'packages');
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** package.json: npm, yarn and pnpm packages; workspaces from `workspaces` (npm, yarn). */
export async function readPackageJson(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = joinRelative(folder, 'package.json');
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('package.json', file, read);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(read.text);
  } catch (error) {
    return emptyFacts(
      'package.json',
      file,
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return emptyFacts('package.json', file, `${file} is not a JSON object`);
  }
  const dependencies = dependencyNames(manifest);
  const members = workspacePatterns(manifest);
  const scripts = ownJsonField(manifest, 'scripts');
  const runnable: string[] = [];
  if (ownJsonField(manifest, 'bin') !== undefined) {
    runnable.push(`${file} declares "bin"`);
  }
  const start = ownString(scripts, 'start');
  if (start) {
    runnable.push(`${file} has a "start" script`);
  }
  // Markers count in runtime dependencies only: a plugin for express lists it as a peer.
  const runtimeTable = ownJsonField(manifest, 'dependencies');
  const runtime =
    runtimeTable && typeof runtimeTable === 'object' && !Array.isArray(runtimeTable) ? Object.keys(runtimeTable) : [];
  const serverEvidence = markerEvidence(runtime, SERVER_PACKAGES, file);
  if (start && /\b(node|ts-node|nodemon|tsx)\b.*\bserver\b/.test(start)) {
    serverEvidence.push(`${file}'s start script runs a server ("${oneLine(start, 60)}")`);
  }
  return {
    format: 'package.json',
    file,
    name: ownString(manifest, 'name'),
    displayName: ownString(manifest, 'displayName'),
    description: oneLine(ownString(manifest, 'description')),
    dependencies,
    members,
    aggregateOnly: members.length > 0 && ownJsonField(manifest, 'private') === true,
    serverEvidence,
    frontEndEvidence: markerEvidence(runtime, FRONT_END_PACKAGES, file),
    runnableEvidence: runnable,
  };
}
