import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import type { CodeOwnersMatch } from '../catalog/codeOwners';
import { entityAnnotation, entityDescription } from '../catalog/entityDisplay';
import { parseCanonicalRef } from '../catalog/entityRefs';
import { codeOwnerRef, ownerFieldText } from './codeOwnersRefs';
import { frozenOutcome, SharedOutcomes } from './sharedOutcomes';
import type { CheckOutcome, ScorecardCheck, ScorecardContext } from './scorecardTypes';

const BUILTIN = { type: 'builtin' } as const;
const OWNED_KINDS: ReadonlySet<string> = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);
const COMPONENT: ReadonlySet<string> = new Set(['component']);
const COMPONENT_OR_API: ReadonlySet<string> = new Set(['component', 'api']);
const API: ReadonlySet<string> = new Set(['api']);
const DOCS_ANNOTATIONS = ['backstage.io/techdocs-ref', 'backstage.io/techdocs-entity'];
const DOCS_TYPES = new Set(['service', 'website']);

/** Kinds in lower case, worked out once per spelling: every built-in asks, for every entity. */
const lowerKinds = new Map<string, string>();
const kindOf = (record: CatalogEntityRecord): string => {
  const kind = record.entity.kind;
  let lower = lowerKinds.get(kind);
  if (lower === undefined) {
    lower = kind.toLowerCase();
    if (lowerKinds.size < 256) {
      lowerKinds.set(kind, lower);
    }
  }
  return lower;
};
/** ownerRefOf without a closure per call: the first reference site of spec.owner. */
const ownerRefOf = (record: CatalogEntityRecord): string | undefined => {
  for (const site of record.references) {
    if (site.field === 'spec.owner') {
      return site.targetRef;
    }
  }
  return undefined;
};
const specOf = (record: CatalogEntityRecord): Record<string, unknown> => {
  const spec: unknown = record.entity.spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
};
const specText = (record: CatalogEntityRecord, field: string): string | undefined => {
  const value = Object.hasOwn(specOf(record), field) ? specOf(record)[field] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
};
const pass = (message: string, field: readonly string[]): CheckOutcome => ({ passed: true, message, field });
/** The outcome a cache holds for `key`, made and kept on first need. */
const shared = <K>(cache: SharedOutcomes<K>, key: K, make: () => CheckOutcome): CheckOutcome =>
  cache.get(key) ?? cache.add(key, make());
/** Shared, frozen field paths: one array per check rather than one per entity. */
const OWNER_FIELD: readonly string[] = Object.freeze(['spec', 'owner']);
const DESCRIPTION_FIELD: readonly string[] = Object.freeze(['metadata', 'description']);
const LIFECYCLE_FIELD: readonly string[] = Object.freeze(['spec', 'lifecycle']);
const DEFINITION_FIELD: readonly string[] = Object.freeze(['spec', 'definition']);
const SYSTEM_FIELD: readonly string[] = Object.freeze(['spec', 'system']);

const NO_OWNER = frozenOutcome({ passed: false, message: 'No owner: spec.owner is not set', field: OWNER_FIELD });
const resolvedOwners = new SharedOutcomes<string>();
const missingOwners = new SharedOutcomes<string>();

const ownerResolves: ScorecardCheck = {
  id: 'owner-resolves',
  title: 'The owner exists in the catalog',
  description:
    'Every component, API, resource, system and domain names an owner (`spec.owner`) that is a Group or User in the catalog, so people know whom to ask. Fix: name an existing group, or add the group to the catalog.',
  severity: 'error',
  origin: BUILTIN,
  kinds: OWNED_KINDS,
  dependencies: { owner: true },
  appliesTo: (record) => OWNED_KINDS.has(kindOf(record)),
  evaluate(record, context) {
    const owner = ownerRefOf(record);
    if (!owner) {
      return NO_OWNER;
    }
    return context.entity(owner)
      ? shared(resolvedOwners, owner, () => pass(`Owned by ${owner}`, OWNER_FIELD))
      : shared(missingOwners, owner, () => ({
          passed: false,
          message: `The owner ${owner} is not in the catalog`,
          field: OWNER_FIELD,
        }));
  },
};

const groupOwners = new SharedOutcomes<string>();
const otherOwners = new SharedOutcomes<string>();

const ownerIsGroup: ScorecardCheck = {
  id: 'owner-is-group',
  title: 'The owner is a team',
  description:
    'Owners should be Groups rather than single Users: people move on, teams stay. Fix: set `spec.owner` to the team that runs this.',
  severity: 'warning',
  origin: BUILTIN,
  kinds: OWNED_KINDS,
  dependencies: { owner: true },
  appliesTo: (record) => OWNED_KINDS.has(kindOf(record)) && ownerRefOf(record) !== undefined,
  evaluate(record, context) {
    const owner = ownerRefOf(record) as string;
    const kind = context.entity(owner)?.entity.kind.toLowerCase() ?? parseCanonicalRef(owner).kind;
    return kind === 'group'
      ? shared(groupOwners, owner, () => pass(`Owned by the group ${owner}`, OWNER_FIELD))
      : shared(otherOwners, `${kind}\n${owner}`, () => ({
          passed: false,
          message: `The owner ${owner} is a ${kind}, not a group`,
          field: OWNER_FIELD,
        }));
  },
};

const HAS_DESCRIPTION = frozenOutcome(pass('Has a description', DESCRIPTION_FIELD));
const missingDescription = (replace: boolean): CheckOutcome =>
  frozenOutcome({
    passed: false,
    message: 'metadata.description is missing or empty',
    fix: { type: 'field', path: ['metadata', 'description'], value: 'TODO: what this is and who uses it', replace },
  });
const BLANK_DESCRIPTION = missingDescription(true);
const NO_DESCRIPTION = missingDescription(false);

const hasDescription: ScorecardCheck = {
  id: 'has-description',
  title: 'It has a description',
  description:
    'A one-line `metadata.description` is what the catalog, search and hover cards show. Fix: say what it does and for whom.',
  severity: 'warning',
  origin: BUILTIN,
  // People and Location entries are not described in catalogs; everything else is.
  appliesTo: (record) => {
    const kind = kindOf(record);
    return kind !== 'location' && kind !== 'user';
  },
  evaluate: (record) =>
    entityDescription(record.entity)
      ? HAS_DESCRIPTION
      : record.entity.metadata.description !== undefined
        ? BLANK_DESCRIPTION
        : NO_DESCRIPTION,
};

const lifecycles = new SharedOutcomes<string>();
const missingLifecycle = (replace: boolean): CheckOutcome =>
  frozenOutcome({
    passed: false,
    message: 'spec.lifecycle is not set',
    field: LIFECYCLE_FIELD,
    fix: { type: 'field', path: ['spec', 'lifecycle'], value: 'experimental', replace },
  });
const BLANK_LIFECYCLE = missingLifecycle(true);
const NO_LIFECYCLE = missingLifecycle(false);

const hasLifecycle: ScorecardCheck = {
  id: 'has-lifecycle',
  title: 'It has a lifecycle',
  description:
    '`spec.lifecycle` (experimental, production, deprecated) tells others whether they can depend on it. Fix: set the stage it is at.',
  severity: 'warning',
  origin: BUILTIN,
  kinds: COMPONENT_OR_API,
  appliesTo: (record) => {
    const kind = kindOf(record);
    return kind === 'component' || kind === 'api';
  },
  evaluate(record) {
    const lifecycle = specText(record, 'lifecycle');
    if (lifecycle) {
      return shared(lifecycles, lifecycle, () => pass(`Lifecycle: ${lifecycle}`, LIFECYCLE_FIELD));
    }
    return specOf(record)['lifecycle'] !== undefined ? BLANK_LIFECYCLE : NO_LIFECYCLE;
  },
};

const DOCS_FOUND = DOCS_ANNOTATIONS.map(
  (key) => [key, frozenOutcome(pass(`Docs from ${key}`, ['metadata', 'annotations', key]))] as const,
);
const NO_DOCS = frozenOutcome({
  passed: false,
  message: 'No backstage.io/techdocs-ref annotation',
  field: ['metadata', 'annotations'],
  fix: { type: 'annotation', key: 'backstage.io/techdocs-ref', value: 'dir:.' },
});

const docsSource: ScorecardCheck = {
  id: 'docs-source',
  title: 'Services and websites have docs',
  description:
    'Services and websites say where their TechDocs come from (`backstage.io/techdocs-ref`, e.g. `dir:.` for an `mkdocs.yml` beside the descriptor), so the docs tab works. Fix: add the annotation.',
  severity: 'warning',
  origin: BUILTIN,
  kinds: COMPONENT,
  appliesTo: (record) =>
    kindOf(record) === 'component' && DOCS_TYPES.has((specText(record, 'type') ?? '').toLowerCase()),
  evaluate(record) {
    for (const [key, found] of DOCS_FOUND) {
      if (entityAnnotation(record.entity, key)?.trim()) {
        return found;
      }
    }
    return NO_DOCS;
  },
};

const HAS_DEFINITION = frozenOutcome(pass('Has a definition', DEFINITION_FIELD));
const NO_DEFINITION = frozenOutcome({
  passed: false,
  message: 'spec.definition is missing or empty',
  field: DEFINITION_FIELD,
});

const apiDefinition: ScorecardCheck = {
  id: 'api-definition',
  title: 'APIs have a definition',
  description:
    'An API entity carries its definition (`spec.definition`: OpenAPI, AsyncAPI, GraphQL, gRPC), inline or as `$text: ./openapi.yaml`. Fix: point it at the spec file.',
  severity: 'error',
  origin: BUILTIN,
  kinds: API,
  appliesTo: (record) => kindOf(record) === 'api',
  evaluate(record) {
    const definition = Object.hasOwn(specOf(record), 'definition') ? specOf(record)['definition'] : undefined;
    const present =
      (typeof definition === 'string' && definition.trim().length > 0) ||
      (definition !== null && typeof definition === 'object');
    return present ? HAS_DEFINITION : NO_DEFINITION;
  },
};

const systems = new SharedOutcomes<string>();
const NO_SYSTEM = frozenOutcome({ passed: false, message: 'spec.system is not set', field: SYSTEM_FIELD });

const componentSystem: ScorecardCheck = {
  id: 'component-system',
  title: 'Components belong to a system',
  description:
    'A component names the system it is part of (`spec.system`), which groups it with its APIs and resources on the system page. Fix: set `spec.system`.',
  severity: 'warning',
  origin: BUILTIN,
  kinds: COMPONENT,
  appliesTo: (record) => kindOf(record) === 'component',
  evaluate(record) {
    const system = specText(record, 'system');
    return system ? shared(systems, system, () => pass(`Part of ${system}`, SYSTEM_FIELD)) : NO_SYSTEM;
  },
};

/** The refs a CODEOWNERS answer's owners stand for (the engine caches them per answer). */
export function codeOwnerRefs(match: { readonly owners: readonly string[] }, context: ScorecardContext): string[] {
  return match.owners.map((entry) => codeOwnerRef(entry, context)).filter((ref): ref is string => ref !== undefined);
}

/** Outcomes per CODEOWNERS answer and the refs its owners stood for (new refs: new outcomes). */
interface CodeOwnersOutcomes {
  readonly refs: readonly string[];
  readonly agreeing: SharedOutcomes<string>;
  readonly disagreeing: SharedOutcomes<string>;
}
const codeOwnersOutcomes = new WeakMap<CodeOwnersMatch, CodeOwnersOutcomes>();

function agreesWithCodeOwners(record: CatalogEntityRecord, context: ScorecardContext): CheckOutcome {
  const match = context.codeOwnersOfDescriptor(record) as CodeOwnersMatch;
  const owner = ownerRefOf(record);
  // Shared only where the engine keeps the refs per answer: then the same refs mean the same outcome.
  const refs = context.codeOwnerRefsOf ? context.codeOwnerRefsOf(match) : codeOwnerRefs(match, context);
  let outcomes = context.codeOwnerRefsOf ? codeOwnersOutcomes.get(match) : undefined;
  if (context.codeOwnerRefsOf && outcomes?.refs !== refs) {
    outcomes = { refs, agreeing: new SharedOutcomes(), disagreeing: new SharedOutcomes() };
    codeOwnersOutcomes.set(match, outcomes);
  }
  const where = (): string => `${match.file} line ${match.line} (${match.pattern})`;
  if (owner && refs.includes(owner)) {
    const agreeing = (): CheckOutcome => pass(`${owner} owns this folder in ${where()}`, OWNER_FIELD);
    return outcomes ? (outcomes.agreeing.get(owner) ?? outcomes.agreeing.add(owner, agreeing())) : agreeing();
  }
  const namespace = (record.entity.metadata.namespace ?? 'default').toLowerCase();
  const replace = specOf(record)['owner'] !== undefined;
  const disagreeing = (): CheckOutcome => {
    const suggestion = refs.find((ref) => ref.startsWith('group:')) ?? refs[0];
    return {
      passed: false,
      message: `spec.owner is ${owner ?? 'not set'}, but ${where()} names ${match.owners.length > 0 ? match.owners.join(', ') : 'no owner'}`,
      field: OWNER_FIELD,
      ...(suggestion
        ? {
            fix: {
              type: 'field',
              path: OWNER_FIELD,
              value: ownerFieldText(suggestion, namespace),
              replace,
            } as const,
          }
        : {}),
    };
  };
  if (!outcomes) {
    return disagreeing();
  }
  const key = `${owner ?? ''}\n${namespace}\n${String(replace)}`;
  return outcomes.disagreeing.get(key) ?? outcomes.disagreeing.add(key, disagreeing());
}

const codeOwnersAgree: ScorecardCheck = {
  id: 'codeowners-agree',
  title: 'The owner agrees with CODEOWNERS',
  description:
    "`spec.owner` names one of the owners CODEOWNERS gives the descriptor's folder (the last matching rule; `@org/team` is the group `team`, `@login` a user by name or `github.com/user-login`). When they disagree, reviews go to one team and questions to another. Fix: make them the same.",
  severity: 'warning',
  origin: BUILTIN,
  kinds: OWNED_KINDS,
  dependencies: { codeOwners: true },
  appliesTo: (record, context) =>
    OWNED_KINDS.has(kindOf(record)) && context.codeOwnersOfDescriptor(record) !== undefined,
  evaluate: agreesWithCodeOwners,
};

/** The built-in checks, in the order the Scorecard tab lists them. */
export const BUILTIN_CHECKS: readonly ScorecardCheck[] = [
  ownerResolves,
  ownerIsGroup,
  hasDescription,
  hasLifecycle,
  docsSource,
  apiDefinition,
  componentSystem,
  codeOwnersAgree,
];

export const BUILTIN_CHECK_IDS: ReadonlySet<string> = new Set(BUILTIN_CHECKS.map((check) => check.id));
