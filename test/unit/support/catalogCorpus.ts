import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CatalogEntityRecord, ParsedCatalogFile } from '../../../src/catalog';
import { generateYaml, SeededRandom } from './yamlGenerator';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Every YAML file of the sample workspace, the templates and the test fixtures: real-world shapes. */
export function repositoryYamlFiles(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules' && name !== '.git') {
          walk(full);
        }
      } else if (/\.ya?ml$/.test(name)) {
        found.push({ name: path.relative(REPO_ROOT, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const folder of ['examples', 'templates', path.join('test', 'fixtures')]) {
    walk(path.join(REPO_ROOT, folder));
  }
  return found;
}

const OWNERS = ['team-a', 'group:default/team-b', 'user:jdoe', 'Team A', 'group:other/x'];
const KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template', 'Widget'];

/**
 * Catalog files of every kind with the problems real ones have: invalid names, bad refs,
 * unknown kinds and fields, `$text` placeholders, Location targets, YAML errors, several
 * documents per file. Deterministic for a seed.
 */
export function generatedCatalogFile(seed: number): string {
  const random = new SeededRandom(seed);
  const documents: string[] = [];
  const count = 1 + random.int(3);
  for (let index = 0; index < count; index++) {
    const kind = random.pick(KINDS);
    const name = random.chance(0.9) ? `svc-${seed}-${index}` : random.pick(['Bad Name', '-x', 'a'.repeat(70)]);
    const lines = [
      random.chance(0.95) ? 'apiVersion: backstage.io/v1alpha1' : 'apiVersion: example.com/v9',
      `kind: ${kind}`,
      'metadata:',
      `  name: ${name}`,
      ...(random.chance(0.3) ? ['  namespace: ' + random.pick(['default', 'other', 'Bad_NS'])] : []),
      ...(random.chance(0.4) ? [`  description: Service ${seed} # with a comment`] : []),
      ...(random.chance(0.3) ? ['  tags: [a, b, "c"]'] : []),
      ...(random.chance(0.3)
        ? ['  annotations:', '    backstage.io/techdocs-ref: dir:.', `    github.com/project-slug: org/${name}`]
        : []),
      ...(random.chance(0.2) ? ['  links:', '    - url: https://example.com', '      title: Home'] : []),
      ...(random.chance(0.05) ? ['  unknownField: 1'] : []),
      'spec:',
    ];
    switch (kind) {
      case 'Component':
        lines.push('  type: service', '  lifecycle: production', `  owner: ${random.pick(OWNERS)}`);
        if (random.chance(0.5)) {
          lines.push(
            '  dependsOn:',
            `    - component:svc-${seed}-x`,
            `    - ${random.pick(['resource:db', 'not a ref', 'api:x'])}`,
          );
        }
        if (random.chance(0.3)) {
          lines.push('  providesApis: [api-a, "api:default/api-b"]');
        }
        break;
      case 'API':
        lines.push('  type: openapi', '  lifecycle: production', `  owner: ${random.pick(OWNERS)}`);
        lines.push(
          ...(random.chance(0.5)
            ? ['  definition: |', '    openapi: 3.0.0', '    info:', '      title: x', '']
            : ['  definition:', '    $text: ./openapi.yaml']),
        );
        break;
      case 'Location':
        lines.push(
          '  targets:',
          '    - ./other.yaml',
          '    - ./missing/*.yaml',
          ...(random.chance(0.3) ? ['    - https://example.com/catalog-info.yaml'] : []),
        );
        break;
      case 'Group':
        lines.push(
          '  type: team',
          '  children: []',
          ...(random.chance(0.5) ? ['  members: [jdoe, "user:default/x"]'] : []),
        );
        break;
      case 'User':
        lines.push('  memberOf: [team-a]', '  profile:', '    email: jdoe@example.com');
        break;
      default:
        lines.push(
          `  owner: ${random.pick(OWNERS)}`,
          ...(random.chance(0.5) ? ['  type: database', '  system: sys'] : []),
        );
    }
    documents.push(lines.join('\n'));
  }
  let text = `${documents.join('\n---\n')}\n`;
  if (random.chance(0.05)) {
    text += 'broken: [unclosed\n';
  }
  if (random.chance(0.1)) {
    // Anything YAML: the slow path and its problems are part of the equivalence too.
    text = `${generateYaml(random)}\n`;
  }
  return text;
}

function plainRecord(record: CatalogEntityRecord): unknown {
  return { ...record, fields: [...record.fields.entries()] };
}

/** A parse as plain data: field ranges through entries(), the way every caller reads them. */
export function plainParse(parsed: ParsedCatalogFile): unknown {
  return {
    file: parsed.file,
    entities: parsed.entities.map(plainRecord),
    problems: parsed.problems,
    locationTargets: parsed.locationTargets,
  };
}
