import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import type { FieldPath } from './fieldRanges';
import { rememberingFieldValidators } from './fieldFormatValidators';

/** Backstage's default entity policies, in the order the catalog applies them. */
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(rememberingFieldValidators()),
]);

/**
 * Backstage's kind validators in the order the catalog tries them, each with the one kind its
 * schema's `kind` enum allows. A validator of another kind answers false without an error (its
 * only complaint about an envelope the policies accepted is that enum), so only the validators
 * of the entity's own kind are asked: the same answer without running every schema on every
 * entity (nine at worst, at 100,000 registry entities half of a sync's time).
 */
export const KIND_VALIDATORS: readonly (readonly [kind: string, validator: KindValidator])[] = [
  ['API', apiEntityV1alpha1Validator],
  ['Component', componentEntityV1alpha1Validator],
  ['Domain', domainEntityV1alpha1Validator],
  ['Group', groupEntityV1alpha1Validator],
  ['Location', locationEntityV1alpha1Validator],
  ['Resource', resourceEntityV1alpha1Validator],
  ['System', systemEntityV1alpha1Validator],
  ['User', userEntityV1alpha1Validator],
  ['Template', templateEntityV1beta3Validator],
];

export interface ValidationIssue {
  readonly severity: 'error' | 'warning';
  readonly code: 'invalid-entity' | 'unknown-kind';
  readonly message: string;
  /** The field the message is about, as precisely as the message allows. */
  readonly path: FieldPath;
}

export type ValidationResult =
  | { readonly entity: Entity; readonly issues: ValidationIssue[] }
  | { readonly entity: undefined; readonly issues: ValidationIssue[] };

const ADR_LINK = /\s*To learn more about catalog file format, visit: \S+$/;

/** Reads the field a Backstage validation message is about. */
export function fieldPathOfMessage(message: string): FieldPath {
  const quoted = /^"([^"]+)" is not valid/.exec(message);
  if (quoted?.[1]) {
    const [head, ...rest] = quoted[1].split('.');
    if (head === 'labels' || head === 'annotations') {
      // Keys of labels/annotations contain dots themselves.
      return ['metadata', head, rest.join('.')];
    }
    if (head === 'tags' || head === 'links') {
      return ['metadata', head, ...rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
    }
    return [head ?? '', ...rest];
  }
  const unknownField = /^Unknown field (\S+)/.exec(message);
  if (unknownField?.[1]) {
    return [unknownField[1]];
  }
  const pointer = /^\/(\S*)/.exec(message);
  if (pointer) {
    const parts = (pointer[1] ?? '')
      .split('/')
      .filter((part) => part.length > 0)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    // For "must have required property" the pointer names the parent, which is where it shows.
    return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  }
  if (/metadata/.test(message)) {
    return ['metadata'];
  }
  return [];
}

function toIssue(error: unknown): ValidationIssue {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(ADR_LINK, '').trim();
  return { severity: 'error', code: 'invalid-entity', message, path: fieldPathOfMessage(message) };
}

const ROOT_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'relations', 'status']);

/** The schema's "<root> must NOT have additional properties" names no field; find it, so the problem sits on it. */
function withUnknownRootField(issue: ValidationIssue, candidate: unknown): ValidationIssue {
  if (
    !/^Malformed envelope, <root> must NOT have additional properties/.test(issue.message) ||
    !candidate ||
    typeof candidate !== 'object'
  ) {
    return issue;
  }
  const unknown = Object.keys(candidate).find((key) => !ROOT_FIELDS.has(key));
  return unknown === undefined
    ? issue
    : { ...issue, message: `${issue.message}: Unknown field ${unknown}`, path: [unknown] };
}

/**
 * Runs Backstage's own policies and kind validators on one parsed document. Returns the
 * entity with defaults applied (namespace) when the policies accept it; kind errors are
 * reported but the entity is kept so the catalog can still show it.
 */
export async function validateEntity(candidate: unknown): Promise<ValidationResult> {
  let entity: Entity | undefined;
  try {
    entity = await policy.enforce(candidate as Entity);
  } catch (error) {
    return { entity: undefined, issues: [withUnknownRootField(toIssue(error), candidate)] };
  }
  if (!entity) {
    return {
      entity: undefined,
      issues: [
        { severity: 'error', code: 'invalid-entity', message: 'Entity was rejected by the catalog policies', path: [] },
      ],
    };
  }
  const issues: ValidationIssue[] = [];
  let accepted = false;
  for (const [kind, validator] of KIND_VALIDATORS) {
    if (kind !== entity.kind) {
      continue;
    }
    try {
      if (await validator.check(entity)) {
        accepted = true;
        break;
      }
    } catch (error) {
      accepted = true;
      issues.push(toIssue(error));
      break;
    }
  }
  if (!accepted) {
    issues.push({
      severity: 'warning',
      code: 'unknown-kind',
      message: `No built-in validator accepts kind "${entity.kind}" with apiVersion "${entity.apiVersion}"; a Backstage catalog rejects it unless a processor for it is installed`,
      path: ['kind'],
    });
  }
  return { entity, issues };
}

/** The policies besides the envelope schema, which a kind's own schema includes (`allOf: [Entity, …]`). */
const policyBesideSchema = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(rememberingFieldValidators()),
]);
const KIND_VALIDATOR_OF = new Map(KIND_VALIDATORS);

/**
 * validateEntity for what a registry serves, most of which passes: the kind's validator first,
 * then the other policies. The kind's schema includes the envelope schema, so an entity its kind
 * accepts passes SchemaValidEntityPolicy too, and that schema run (a tenth of a 100,000-entity
 * sync) is saved. Anything short of a clean pass (an error, another kind or apiVersion, a
 * namespace the policies fill in) is validated again by validateEntity, for its exact issues.
 */
export async function validateServedEntity(candidate: Entity): Promise<ValidationResult> {
  const validator = KIND_VALIDATOR_OF.get(candidate.kind);
  if (validator) {
    try {
      if ((await validator.check(candidate)) && (await policyBesideSchema.enforce(candidate)) === candidate) {
        return { entity: candidate, issues: [] };
      }
    } catch {
      // validateEntity words the problem as for any other entity.
    }
  }
  return validateEntity(candidate);
}
