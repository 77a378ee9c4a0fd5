import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';

/** One spec field that holds entity references, as Backstage's BuiltinKindsEntityProcessor reads it. */
export interface ReferenceField {
  readonly field: string;
  /** Kind assumed when the ref does not spell one; undefined means the ref must spell it. */
  readonly defaultKind: string | undefined;
  /** Kinds the field may point at, for completion and suggestions. */
  readonly targetKinds: readonly string[];
  readonly outgoing: string;
  readonly incoming: string;
}

const owner: ReferenceField = {
  field: 'owner',
  defaultKind: 'Group',
  targetKinds: ['Group', 'User'],
  outgoing: RELATION_OWNED_BY,
  incoming: RELATION_OWNER_OF,
};
const system: ReferenceField = {
  field: 'system',
  defaultKind: 'System',
  targetKinds: ['System'],
  outgoing: RELATION_PART_OF,
  incoming: RELATION_HAS_PART,
};
const dependsOn: ReferenceField = {
  field: 'dependsOn',
  defaultKind: undefined,
  targetKinds: ['Component', 'Resource'],
  outgoing: RELATION_DEPENDS_ON,
  incoming: RELATION_DEPENDENCY_OF,
};
const dependencyOf: ReferenceField = {
  field: 'dependencyOf',
  defaultKind: undefined,
  targetKinds: ['Component', 'Resource'],
  outgoing: RELATION_DEPENDENCY_OF,
  incoming: RELATION_DEPENDS_ON,
};

/**
 * Per kind (lower case), the reference-valued `spec` fields and the relation pair each emits.
 * A Map, because the key is whatever `kind` a file or registry wrote: `constructor` or
 * `__proto__` must find nothing, not a member of Object.prototype.
 */
export const REFERENCE_FIELDS: ReadonlyMap<string, readonly ReferenceField[]> = new Map<
  string,
  readonly ReferenceField[]
>(
  Object.entries({
    component: [
      owner,
      system,
      {
        field: 'subcomponentOf',
        defaultKind: 'Component',
        targetKinds: ['Component'],
        outgoing: RELATION_PART_OF,
        incoming: RELATION_HAS_PART,
      },
      {
        field: 'providesApis',
        defaultKind: 'API',
        targetKinds: ['API'],
        outgoing: RELATION_PROVIDES_API,
        incoming: RELATION_API_PROVIDED_BY,
      },
      {
        field: 'consumesApis',
        defaultKind: 'API',
        targetKinds: ['API'],
        outgoing: RELATION_CONSUMES_API,
        incoming: RELATION_API_CONSUMED_BY,
      },
      dependsOn,
      dependencyOf,
    ],
    api: [owner, system],
    resource: [owner, system, dependsOn, dependencyOf],
    system: [
      owner,
      {
        field: 'domain',
        defaultKind: 'Domain',
        targetKinds: ['Domain'],
        outgoing: RELATION_PART_OF,
        incoming: RELATION_HAS_PART,
      },
    ],
    domain: [
      owner,
      {
        field: 'subdomainOf',
        defaultKind: 'Domain',
        targetKinds: ['Domain'],
        outgoing: RELATION_PART_OF,
        incoming: RELATION_HAS_PART,
      },
    ],
    group: [
      {
        field: 'parent',
        defaultKind: 'Group',
        targetKinds: ['Group'],
        outgoing: RELATION_CHILD_OF,
        incoming: RELATION_PARENT_OF,
      },
      {
        field: 'children',
        defaultKind: 'Group',
        targetKinds: ['Group'],
        outgoing: RELATION_PARENT_OF,
        incoming: RELATION_CHILD_OF,
      },
      {
        field: 'members',
        defaultKind: 'User',
        targetKinds: ['User'],
        outgoing: RELATION_HAS_MEMBER,
        incoming: RELATION_MEMBER_OF,
      },
    ],
    user: [
      {
        field: 'memberOf',
        defaultKind: 'Group',
        targetKinds: ['Group'],
        outgoing: RELATION_MEMBER_OF,
        incoming: RELATION_HAS_MEMBER,
      },
    ],
    template: [owner],
  }),
);

export function referenceFieldsOf(kind: string): readonly ReferenceField[] {
  return REFERENCE_FIELDS.get(kind.toLowerCase()) ?? [];
}
