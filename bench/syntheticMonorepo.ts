import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A reproducible synthetic monorepo: `files` catalog files of two documents each (a Component
 * and the API it provides, with refs and a multi-line OpenAPI definition), five ordinary
 * source files beside each, and one org file with the groups and systems they refer to.
 */
export interface MonorepoShape {
  readonly files: number;
  readonly groups: number;
  readonly systems: number;
}

export const GENERATOR_VERSION = 1;

function serviceName(index: number): string {
  return `svc-${String(index).padStart(5, '0')}`;
}

export function catalogText(index: number, shape: MonorepoShape): string {
  const name = serviceName(index);
  const owner = `team-${index % shape.groups}`;
  const system = `system-${index % shape.systems}`;
  const dependsOn = index > 0 ? `\n    - component:${serviceName(index - 1)}` : '';
  const consumes = index > 1 ? `\n  consumesApis:\n    - ${serviceName(index - 2)}-api` : '';
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  title: Service ${index}
  description: Synthetic service number ${index}, generated for benchmarks.
  tags: [bench, node, tier-${index % 3}]
  annotations:
    github.com/project-slug: bench/${name}
    backstage.io/techdocs-ref: dir:.
  links:
    - url: https://dashboards.example.com/${name}
      title: Dashboard
spec:
  type: service
  lifecycle: ${index % 10 === 0 ? 'experimental' : 'production'}
  owner: ${owner}
  system: ${system}
  providesApis:
    - ${name}-api${consumes}
  dependsOn:
    - resource:shared-db${dependsOn}
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}-api
  description: HTTP API of ${name}.
spec:
  type: openapi
  lifecycle: production
  owner: ${owner}
  system: ${system}
  definition: |
    openapi: 3.0.3
    info:
      title: ${name} API
      version: 1.0.${index % 7}
    paths:
      /items:
        get:
          summary: List items
          responses:
            '200':
              description: OK
      /items/{id}:
        get:
          summary: Get one item
          parameters:
            - name: id
              in: path
              required: true
              schema: { type: string }
          responses:
            '200':
              description: OK
`;
}

export function orgText(shape: MonorepoShape): string {
  const documents: string[] = [];
  for (let group = 0; group < shape.groups; group++) {
    documents.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-${group}
spec:
  type: team
  children: []
`);
  }
  for (let system = 0; system < shape.systems; system++) {
    documents.push(`apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: system-${system}
spec:
  owner: team-${system % shape.groups}
`);
  }
  documents.push(`apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: shared-db
spec:
  type: database
  owner: team-0
`);
  return documents.join('---\n');
}

export function catalogFilePath(root: string, index: number): string {
  return path.join(root, 'services', `area-${Math.floor(index / 100)}`, serviceName(index), 'catalog-info.yaml');
}

/** Writes the monorepo unless the same shape is already there; returns its folder. */
export function generateMonorepo(baseFolder: string, shape: MonorepoShape): string {
  const root = path.join(baseFolder, `monorepo-${shape.files}-${shape.groups}-${shape.systems}`);
  const stamp = path.join(root, '.generated');
  const expected = JSON.stringify({ version: GENERATOR_VERSION, shape });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === expected) {
    return root;
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'org'), { recursive: true });
  writeFileSync(path.join(root, 'org', 'catalog-info.yaml'), orgText(shape));
  for (let index = 0; index < shape.files; index++) {
    const file = catalogFilePath(root, index);
    const folder = path.dirname(file);
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(file, catalogText(index, shape));
    writeFileSync(path.join(folder, 'package.json'), `{ "name": "${serviceName(index)}", "version": "1.0.0" }\n`);
    writeFileSync(
      path.join(folder, 'README.md'),
      `# ${serviceName(index)}\n\nOwned by team-${index % shape.groups}.\n`,
    );
    writeFileSync(path.join(folder, 'src', 'index.ts'), `export const name = '${serviceName(index)}';\n`);
    writeFileSync(path.join(folder, 'src', 'routes.ts'), `export const routes = ['/items', '/items/:id'];\n`);
    writeFileSync(path.join(folder, 'Dockerfile'), 'FROM node:20\nCOPY . .\nCMD ["node", "dist/index.js"]\n');
  }
  writeFileSync(stamp, expected);
  return root;
}
