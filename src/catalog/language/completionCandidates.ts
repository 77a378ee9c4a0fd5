import type { CatalogEntityRecord } from '../catalogEntity';
import type { CatalogIndex } from '../catalogIndex';
import { entityLabel } from '../entityDisplay';
import type { ReferenceField } from '../referenceFields';

export interface RefCompletion {
  /** What gets inserted: as short as the field's default kind and namespace allow. */
  readonly insertText: string;
  readonly record: CatalogEntityRecord;
  /** Lower sorts first. */
  readonly rank: number;
}

export function shortestRefFor(record: CatalogEntityRecord, field: ReferenceField, namespace: string): string {
  const kind = record.entity.kind.toLowerCase();
  const recordNamespace = record.entity.metadata.namespace ?? 'default';
  const name =
    recordNamespace === namespace ? record.entity.metadata.name : `${recordNamespace}/${record.entity.metadata.name}`;
  return field.defaultKind?.toLowerCase() === kind ? name : `${kind}:${name}`;
}

/**
 * Entities a ref field may point at, best first: names starting with what was typed, then
 * names containing it, then the rest; the field's default kind before other allowed kinds.
 */
export function rankRefCompletions(
  index: CatalogIndex,
  field: ReferenceField,
  namespace: string,
  prefix: string,
  selfRef?: string,
): RefCompletion[] {
  const typed = prefix.toLowerCase().replace(/^[a-z]+:/, '');
  const result: RefCompletion[] = [];
  field.targetKinds.forEach((kind, kindPosition) => {
    for (const record of index.byKind(kind)) {
      if (record.ref === selfRef) {
        continue;
      }
      const name = record.entity.metadata.name.toLowerCase();
      const title = entityLabel(record).toLowerCase();
      const matchRank =
        typed.length === 0 || name.startsWith(typed) ? 0 : name.includes(typed) || title.includes(typed) ? 1 : 2;
      result.push({
        insertText: shortestRefFor(record, field, namespace),
        record,
        rank: matchRank * 10 + kindPosition,
      });
    }
  });
  return result.sort((a, b) => a.rank - b.rank || a.insertText.localeCompare(b.insertText));
}

export const KNOWN_KINDS: readonly string[] = [
  'Component',
  'API',
  'Resource',
  'System',
  'Domain',
  'Group',
  'User',
  'Location',
  'Template',
];
export const KNOWN_API_VERSIONS: readonly string[] = [
  'backstage.io/v1alpha1',
  'backstage.io/v1beta1',
  'scaffolder.backstage.io/v1beta3',
];
export const KNOWN_LIFECYCLES: readonly string[] = ['experimental', 'production', 'deprecated'];

/**
 * Well-known `spec.type` values per kind (Backstage's docs); other values stay allowed. Looked up
 * by the kind a file wrote, so it has no prototype: `constructor` finds nothing.
 */
export const KNOWN_SPEC_TYPES: Readonly<Record<string, readonly string[]>> = Object.assign(
  Object.create(null) as Record<string, readonly string[]>,
  {
    component: ['service', 'website', 'library', 'documentation'],
    api: ['openapi', 'asyncapi', 'graphql', 'grpc'],
    resource: ['database', 's3-bucket', 'kubernetes-cluster', 'kafka-topic'],
    system: ['product', 'service', 'feature-set'],
    domain: ['product-area', 'product-group', 'bundle'],
    group: ['team', 'business-unit', 'product-area', 'root'],
    template: ['service', 'website', 'library', 'documentation'],
    location: ['url', 'file'],
  },
);

/** Well-known annotations with what their value looks like. */
export const WELL_KNOWN_ANNOTATIONS: readonly { key: string; description: string }[] = [
  {
    key: 'backstage.io/techdocs-ref',
    description: 'Where the docs live: `dir:.` (mkdocs.yml beside this file) or `url:https://…`',
  },
  { key: 'backstage.io/techdocs-entity', description: 'Reuse the TechDocs of another entity (an entity ref)' },
  {
    key: 'backstage.io/source-location',
    description: 'Location ref of the source code, e.g. `url:https://github.com/org/repo/`',
  },
  { key: 'backstage.io/view-url', description: 'URL overriding the "view" link of the entity page' },
  { key: 'backstage.io/edit-url', description: 'URL overriding the "edit" link of the entity page' },
  { key: 'backstage.io/source-template', description: 'Ref of the Template that created this entity' },
  { key: 'backstage.io/time-saved', description: 'On Templates: ISO-8601 duration saved per run, e.g. `PT4H`' },
  { key: 'github.com/project-slug', description: '`<org>/<repo>` of the GitHub repository' },
  { key: 'github.com/team-slug', description: '`<org>/<team>` of the GitHub team (Groups)' },
  { key: 'github.com/user-login', description: 'GitHub login (Users)' },
  { key: 'jenkins.io/job-full-name', description: '`[instance:]folder/job`' },
  { key: 'sentry.io/project-slug', description: 'Sentry project slug' },
  { key: 'sonarqube.org/project-key', description: 'SonarQube project key' },
  { key: 'pagerduty.com/service-id', description: 'PagerDuty service id' },
  { key: 'backstage.io/kubernetes-id', description: 'Label value selecting the Kubernetes objects of this entity' },
];
