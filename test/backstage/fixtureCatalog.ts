// A realistic, reproducible catalog for the real Backstage backend: an organisation of
// departments, teams and people; domains and systems; components with owners, systems, APIs
// and resources; one software template. Every ref resolves, every name is a valid Backstage name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';

type Document = Record<string, unknown>;

/** Components per file, so large catalogs come as several Location targets like real repos. */
const COMPONENTS_PER_FILE = 500;

const AREAS = [
  'accounts',
  'billing',
  'catalog',
  'checkout',
  'delivery',
  'identity',
  'inventory',
  'ledger',
  'loyalty',
  'media',
  'messaging',
  'notifications',
  'orders',
  'payments',
  'pricing',
  'profiles',
  'recommendations',
  'returns',
  'reviews',
  'search',
  'shipping',
  'storefront',
  'support',
  'tax',
];
const ROLES = ['service', 'worker', 'gateway', 'ui', 'library', 'scheduler', 'importer', 'exporter'];
const COMPONENT_TYPE: Readonly<Record<string, string>> = {
  service: 'service',
  worker: 'service',
  gateway: 'service',
  ui: 'website',
  library: 'library',
  scheduler: 'service',
  importer: 'service',
  exporter: 'service',
};
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const LANGUAGES = ['typescript', 'java', 'go', 'kotlin', 'python'];
const RESOURCE_TYPES = ['database', 'queue', 's3-bucket', 'cache'];
const FIRST_NAMES = [
  'ada',
  'alan',
  'barbara',
  'claude',
  'dennis',
  'edsger',
  'frances',
  'grace',
  'hedy',
  'ivan',
  'joan',
  'ken',
  'leslie',
  'margaret',
  'niklaus',
  'radia',
  'shafi',
  'tim',
  'vint',
  'whitfield',
];
const LAST_NAMES = [
  'allen',
  'backus',
  'cerf',
  'dijkstra',
  'engelbart',
  'floyd',
  'goldwasser',
  'hamilton',
  'hopper',
  'kahn',
  'knuth',
  'lamport',
  'liskov',
  'lovelace',
  'perlman',
  'ritchie',
  'shannon',
  'thompson',
  'turing',
  'wirth',
];
const DEPARTMENTS = ['engineering', 'platform', 'commerce', 'data', 'operations', 'growth', 'security', 'experience'];

/** Components in the catalog the tests use by default: 1,332 entities in 7 files (1,339 served). */
export const DEFAULT_FIXTURE_COMPONENTS = 1000;

/** The shape writeFixtureCatalog produces for a number of components. */
export interface FixtureShape {
  readonly components: number;
  readonly departments: number;
  readonly teams: number;
  readonly users: number;
  readonly domains: number;
  readonly systems: number;
  readonly apis: number;
  readonly resources: number;
  readonly templates: number;
  /** Entities in the files (not counting the Location entity the backend adds per file). */
  readonly entities: number;
  /** Files written: one per Location the backend will register. */
  readonly files: number;
}

export function fixtureShape(components: number): FixtureShape {
  if (!Number.isInteger(components) || components < 1)
    throw new Error(`components must be a positive integer, got ${components}`);
  const teams = Math.max(6, Math.ceil(components / 40));
  const departments = Math.min(DEPARTMENTS.length, Math.max(2, Math.ceil(teams / 8)));
  const users = teams * 4;
  const systems = Math.max(4, Math.ceil(components / 30));
  const domains = Math.max(1, Math.ceil(systems / 25));
  const apis = Math.ceil(components / 8);
  const resources = Math.ceil(components / 25);
  const templates = 1;
  // The organisation root group counts as a group too.
  const entities = 1 + departments + teams + users + domains + systems + apis + resources + templates + components;
  // org, domains+systems, apis, resources, template, then the component files.
  const files = 5 + Math.ceil(components / COMPONENTS_PER_FILE);
  return { components, departments, teams, users, domains, systems, apis, resources, templates, entities, files };
}

/** Entities the backend serves once it has read all files: the fixture's plus one Location per file. */
export function fixtureEntityCount(components: number): number {
  const shape = fixtureShape(components);
  return shape.entities + shape.files;
}

/**
 * Writes the catalog as multi-document YAML files into `folder` (created if needed) and returns
 * their absolute paths, ready to register as `file` locations.
 */
export function writeFixtureCatalog(folder: string, components: number): string[] {
  const shape = fixtureShape(components);
  const root = path.resolve(folder);
  fs.mkdirSync(root, { recursive: true });
  const files: string[] = [];
  const write = (name: string, documents: readonly Document[]): void => {
    const file = path.join(root, name);
    fs.writeFileSync(file, documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n'));
    files.push(file);
  };

  write('org.yaml', orgDocuments(shape));
  write('systems.yaml', [...domainDocuments(shape), ...systemDocuments(shape)]);
  write('apis.yaml', apiDocuments(shape));
  write('resources.yaml', resourceDocuments(shape));
  write('template.yaml', [templateDocument()]);
  for (let start = 0; start < shape.components; start += COMPONENTS_PER_FILE) {
    const documents: Document[] = [];
    for (let index = start; index < Math.min(shape.components, start + COMPONENTS_PER_FILE); index++) {
      documents.push(componentDocument(index, shape));
    }
    write(`components-${pad(start / COMPONENTS_PER_FILE, 3)}.yaml`, documents);
  }
  if (files.length !== shape.files) throw new Error(`wrote ${files.length} files, expected ${shape.files}`);
  return files;
}

// --- names -------------------------------------------------------------------------------

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
}

function departmentName(index: number): string {
  return pick(DEPARTMENTS, index);
}

function teamName(index: number): string {
  return `team-${pick(AREAS, index)}-${pad(index, 3)}`;
}

function userName(index: number): string {
  const first = pick(FIRST_NAMES, index);
  const last = pick(LAST_NAMES, Math.floor(index / FIRST_NAMES.length) + index);
  return `${first}.${last}-${pad(index, 4)}`;
}

function domainName(index: number): string {
  return index === 0 ? 'commerce' : `commerce-${pad(index, 2)}`;
}

function systemName(index: number): string {
  return `${pick(AREAS, index)}-platform-${pad(index, 3)}`;
}

function componentName(index: number): string {
  return `${pick(AREAS, index)}-${pick(ROLES, Math.floor(index / AREAS.length))}-${pad(index, 5)}`;
}

/**
 * API i is provided by component i and shares its name, as in many real catalogs (the
 * `petstore` component provides the `petstore` API); it also exercises ordering ties by name.
 */
function apiName(index: number): string {
  return componentName(index);
}

function resourceName(index: number, shape: FixtureShape): string {
  return `${pick(AREAS, index)}-${pick(RESOURCE_TYPES, index)}-${pad(index % shape.resources, 4)}`;
}

function teamOf(index: number, shape: FixtureShape): string {
  return teamName(index % shape.teams);
}

// --- documents ---------------------------------------------------------------------------

function entity(apiVersion: string, kind: string, metadata: Document, spec: Document): Document {
  return { apiVersion, kind, metadata, spec };
}

function orgDocuments(shape: FixtureShape): Document[] {
  const documents: Document[] = [];
  const departments = Array.from({ length: shape.departments }, (_, index) => departmentName(index));
  documents.push(
    entity(
      'backstage.io/v1alpha1',
      'Group',
      {
        name: 'larkspur',
        title: 'Larkspur Inc.',
        description: 'The whole organisation.',
      },
      {
        type: 'organization',
        profile: { displayName: 'Larkspur Inc.', email: 'hello@larkspur.example' },
        children: departments,
      },
    ),
  );
  departments.forEach((department, index) => {
    const teams: string[] = [];
    for (let team = index; team < shape.teams; team += shape.departments) teams.push(teamName(team));
    documents.push(
      entity(
        'backstage.io/v1alpha1',
        'Group',
        {
          name: department,
          title: capitalize(department),
        },
        { type: 'department', parent: 'larkspur', children: teams },
      ),
    );
  });
  for (let team = 0; team < shape.teams; team++) {
    const name = teamName(team);
    documents.push(
      entity(
        'backstage.io/v1alpha1',
        'Group',
        {
          name,
          description: `Owns the ${pick(AREAS, team)} services.`,
          links: [{ url: `https://chat.larkspur.example/channels/${name}`, title: 'Team channel', icon: 'chat' }],
        },
        {
          type: 'team',
          parent: departmentName(team % shape.departments),
          profile: { displayName: name, email: `${name}@larkspur.example` },
          children: [],
        },
      ),
    );
  }
  for (let user = 0; user < shape.users; user++) {
    const name = userName(user);
    const memberOf = [teamOf(user, shape)];
    if (user % 10 === 0) memberOf.push(teamOf(user + 1, shape));
    documents.push(
      entity(
        'backstage.io/v1alpha1',
        'User',
        { name },
        {
          profile: {
            displayName: name.replace(/-\d+$/, '').split('.').map(capitalize).join(' '),
            email: `${name}@larkspur.example`,
          },
          memberOf,
        },
      ),
    );
  }
  return documents;
}

function domainDocuments(shape: FixtureShape): Document[] {
  return Array.from({ length: shape.domains }, (_, index) =>
    entity(
      'backstage.io/v1alpha1',
      'Domain',
      {
        name: domainName(index),
        title: index === 0 ? 'Commerce' : `Commerce ${index}`,
        description: 'Everything between a customer finding a product and receiving it.',
      },
      { owner: departmentName(index % shape.departments) },
    ),
  );
}

function systemDocuments(shape: FixtureShape): Document[] {
  return Array.from({ length: shape.systems }, (_, index) =>
    entity(
      'backstage.io/v1alpha1',
      'System',
      {
        name: systemName(index),
        description: `The ${pick(AREAS, index)} platform.`,
        tags: [pick(AREAS, index)],
      },
      { owner: teamOf(index, shape), domain: domainName(index % shape.domains) },
    ),
  );
}

function apiDocuments(shape: FixtureShape): Document[] {
  return Array.from({ length: shape.apis }, (_, index) => {
    const name = apiName(index);
    const type = index % 7 === 3 ? 'grpc' : 'openapi';
    const definition =
      type === 'grpc'
        ? `syntax = "proto3";\npackage larkspur.${pick(AREAS, index)};\nservice Api${index} {\n  rpc Get (GetRequest) returns (GetResponse);\n}\nmessage GetRequest { string id = 1; }\nmessage GetResponse { string id = 1; string name = 2; }\n`
        : `openapi: 3.0.3\ninfo:\n  title: ${name}\n  version: 1.${index % 5}.0\npaths:\n  /items/{id}:\n    get:\n      summary: Get one item\n      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n      responses:\n        '200': { description: OK }\n`;
    return entity(
      'backstage.io/v1alpha1',
      'API',
      {
        name,
        description: `Public interface of ${name}.`,
        tags: [type === 'grpc' ? 'grpc' : 'rest'],
      },
      {
        type,
        lifecycle: pick(LIFECYCLES, index),
        owner: teamOf(index, shape),
        system: systemName(index % shape.systems),
        definition,
      },
    );
  });
}

function resourceDocuments(shape: FixtureShape): Document[] {
  return Array.from({ length: shape.resources }, (_, index) =>
    entity(
      'backstage.io/v1alpha1',
      'Resource',
      {
        name: resourceName(index, shape),
        description: `Shared ${pick(RESOURCE_TYPES, index)} of the ${pick(AREAS, index)} area.`,
      },
      {
        type: pick(RESOURCE_TYPES, index),
        owner: teamOf(index, shape),
        system: systemName(index % shape.systems),
      },
    ),
  );
}

function componentDocument(index: number, shape: FixtureShape): Document {
  const name = componentName(index);
  const role = pick(ROLES, Math.floor(index / AREAS.length));
  const spec: Document = {
    type: COMPONENT_TYPE[role] ?? 'service',
    lifecycle: pick(LIFECYCLES, index),
    owner: teamOf(index, shape),
    system: systemName(index % shape.systems),
  };
  if (index < shape.apis) spec['providesApis'] = [`api:${apiName(index)}`];
  const consumed = [(index * 7 + 1) % shape.apis, (index * 13 + 5) % shape.apis].filter((api) => api !== index);
  if (index % 3 !== 0 && consumed.length > 0) spec['consumesApis'] = [...new Set(consumed)].map(apiName);
  const dependsOn = [`resource:${resourceName(index % shape.resources, shape)}`];
  if (index > 0 && index % 4 === 0) dependsOn.push(`component:${componentName(index - 1)}`);
  spec['dependsOn'] = dependsOn;
  return entity(
    'backstage.io/v1alpha1',
    'Component',
    {
      name,
      title: name.replace(/-\d+$/, '').split('-').map(capitalize).join(' '),
      description: `The ${role} for ${pick(AREAS, index)} (instance ${index}).`,
      tags: [pick(LANGUAGES, index), pick(AREAS, index)],
      annotations: {
        'github.com/project-slug': `larkspur/${name}`,
        'backstage.io/techdocs-ref': 'dir:.',
      },
      links: [{ url: `https://grafana.larkspur.example/d/${name}`, title: 'Dashboard', icon: 'dashboard' }],
    },
    spec,
  );
}

function templateDocument(): Document {
  return entity(
    'scaffolder.backstage.io/v1beta3',
    'Template',
    {
      name: 'node-service',
      title: 'Node.js service',
      description: 'A new Node.js HTTP service with CI, docs and a catalog-info.yaml.',
      tags: ['recommended', 'typescript'],
    },
    {
      owner: teamName(0),
      type: 'service',
      parameters: [
        {
          title: 'About the service',
          required: ['name', 'owner'],
          properties: {
            name: { title: 'Name', type: 'string', pattern: '^[a-z0-9-]+$', 'ui:autofocus': true },
            description: { title: 'Description', type: 'string' },
            owner: {
              title: 'Owner',
              type: 'string',
              'ui:field': 'OwnerPicker',
              'ui:options': { catalogFilter: { kind: 'Group' } },
            },
          },
        },
        {
          title: 'Where to put it',
          required: ['repoUrl'],
          properties: {
            repoUrl: {
              title: 'Repository',
              type: 'string',
              'ui:field': 'RepoUrlPicker',
              'ui:options': { allowedHosts: ['github.com'] },
            },
          },
        },
      ],
      steps: [
        {
          id: 'fetch',
          name: 'Fetch skeleton',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: {
              name: '${{ parameters.name }}',
              description: '${{ parameters.description }}',
              owner: '${{ parameters.owner }}',
            },
          },
        },
        {
          id: 'publish',
          name: 'Publish',
          action: 'publish:github',
          input: { repoUrl: '${{ parameters.repoUrl }}', description: '${{ parameters.description }}' },
        },
        {
          id: 'register',
          name: 'Register',
          action: 'catalog:register',
          input: {
            repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
      output: {
        links: [
          { title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' },
          { title: 'Open in catalog', icon: 'catalog', entityRef: '${{ steps.register.output.entityRef }}' },
        ],
      },
    },
  );
}

function capitalize(word: string): string {
  return word.length === 0 ? word : `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}`;
}
