import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { normaliseEntityName } from './entityName';
import type { FolderFiles } from './folderFiles';
import { ownJsonField } from './manifests/nodeManifest';
import type { ApiType, ProposedApi } from './proposalTypes';

/** Definitions in test data and examples describe other people's APIs. */
const NOT_OURS =
  /(?:^|\/)(?:tests?|testdata|test-data|fixtures?|__tests__|__fixtures__|examples?|samples?|e2e|mocks?|third_party|third-party)\//i;
const MAX_DEFINITION_BYTES = 2 * 1024 * 1024;
const MAX_FILES_INSPECTED = 300;
const MAX_APIS = 50;

interface Candidate {
  readonly relative: string;
  readonly type: ApiType;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly evidence: string;
}

function specFields(text: string, json: boolean): { title?: string; description?: string } {
  let document: unknown;
  try {
    document = json ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50, uniqueKeys: false });
  } catch {
    return {};
  }
  const info = ownJsonField(document, 'info');
  const title = ownJsonField(info, 'title');
  const description = ownJsonField(info, 'description');
  return {
    ...(typeof title === 'string' && title.trim() ? { title: title.trim() } : {}),
    ...(typeof description === 'string' && description.trim()
      ? { description: description.replace(/\s+/g, ' ').trim().slice(0, 300) }
      : {}),
  };
}

/** What kind of API definition a file is, from its first lines. */
function classify(relative: string, text: string): Candidate | undefined {
  const head = text.slice(0, 4096);
  if (/\.(ya?ml|json)$/i.test(relative)) {
    const json = /\.json$/i.test(relative);
    const key = json
      ? /^\s*\{?\s*"(openapi|swagger|asyncapi)"\s*:\s*"(\d[^"]*)"/m.exec(head)
      : /^["']?(openapi|swagger|asyncapi)["']?\s*:\s*["']?(\d[\w.-]*)/m.exec(head);
    if (!key) {
      return undefined;
    }
    const type: ApiType = key[1] === 'asyncapi' ? 'asyncapi' : 'openapi';
    return { relative, type, ...specFields(text, json), evidence: `${relative} declares ${key[1]} ${key[2]}` };
  }
  if (/\.(graphqls?|gql)$/i.test(relative)) {
    return /^\s*(?:extend\s+)?(?:schema\s*\{|type\s+(?:Query|Mutation|Subscription)\b)/m.test(text)
      ? { relative, type: 'graphql', evidence: `${relative} defines a GraphQL schema` }
      : undefined;
  }
  if (/\.proto$/i.test(relative)) {
    const services = [...text.matchAll(/^\s*service\s+(\w+)\s*\{/gm)].map((match) => match[1] ?? '');
    // One service names the API; several in one file are named by the file (or its package).
    const protoPackage = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
    const title = services.length === 1 ? services[0] : protoPackage;
    return services.length > 0
      ? {
          relative,
          type: 'grpc',
          title,
          evidence: `${relative} defines the gRPC service${services.length > 1 ? 's' : ''} ${services.join(', ')}`,
        }
      : undefined;
  }
  return undefined;
}

/**
 * API definitions below a package: OpenAPI / Swagger, AsyncAPI, GraphQL schemas and protobuf
 * services, outside tests and examples (and outside `excludedFolders`, a monorepo's members
 * that propose their own). `descriptorFolder` is where the `$text` path starts.
 */
export interface ApiSearch {
  readonly packageFolder: string;
  /** Where the `$text` path starts. */
  readonly descriptorFolder: string;
  /** Names an API whose definition names nothing better: `<component>-api`. */
  readonly componentName: string;
  /** API names already proposed; new ones are added. */
  readonly takenNames: Set<string>;
  /** A monorepo's members, which propose their own APIs. */
  readonly excludedFolders: readonly string[];
}

export async function findApiDefinitions(files: FolderFiles, search: ApiSearch): Promise<ProposedApi[]> {
  const { packageFolder, descriptorFolder, takenNames, excludedFolders } = search;
  const prefix = packageFolder === '' ? '' : `${packageFolder}/`;
  const candidates = (await files.files(packageFolder))
    .map((entry) => entry.relative)
    .filter((relative) => !excludedFolders.some((excluded) => relative.startsWith(`${excluded}/`)))
    .filter(
      (relative) =>
        /\.(ya?ml|json|graphqls?|gql|proto)$/i.test(relative) &&
        !NOT_OURS.test(relative.slice(prefix.length)) &&
        !/(?:^|\/)(?:package(?:-lock)?|tsconfig[\w.-]*|composer|catalog-info|mkdocs|pnpm-lock|\.[\w.-]+)\.(json|ya?ml)$/i.test(
          relative,
        ),
    )
    // Names that say "api" are read first, so the cap keeps them.
    .sort(
      (a, b) =>
        Number(!/api|swagger|spec|schema|proto/i.test(a)) - Number(!/api|swagger|spec|schema|proto/i.test(b)) ||
        (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, MAX_FILES_INSPECTED);
  const apis: ProposedApi[] = [];
  for (const relative of candidates) {
    if (apis.length >= MAX_APIS) {
      break;
    }
    const read = await files.readText(relative, MAX_DEFINITION_BYTES);
    const found = read.kind === 'text' ? classify(relative, read.text) : undefined;
    if (!found) {
      continue;
    }
    const base = path.posix
      .basename(relative)
      .replace(/\.[^.]+$/, '')
      .replace(/^(openapi|swagger|asyncapi|schema|api|specification|spec)$/i, '');
    const fallback = `${search.componentName}-api`;
    const raw = found.title ?? (base || fallback);
    let name = normaliseEntityName(raw) ?? normaliseEntityName(fallback) ?? 'api';
    for (let suffix = 2; takenNames.has(name); suffix++) {
      name = `${name.replace(/-\d+$/, '')}-${suffix}`;
    }
    takenNames.add(name);
    const fromDescriptor = path.posix.relative(descriptorFolder, relative);
    apis.push({
      name: {
        value: name,
        reason: found.title
          ? `name: from the title "${found.title}" in ${relative}`
          : base
            ? `name: from the file name ${relative}`
            : `name: the component's name (${relative} names nothing more specific)`,
      },
      type: { value: found.type, reason: `type: ${found.evidence}` },
      definition: { value: `./${fromDescriptor}`, reason: `definition: the text of ${relative}` },
      ...(found.title && found.title !== name ? { title: { value: found.title, reason: `title: ${relative}` } } : {}),
      ...(found.description ? { description: { value: found.description, reason: `description: ${relative}` } } : {}),
    });
  }
  return apis;
}
