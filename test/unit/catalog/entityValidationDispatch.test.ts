import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import { shippedKindValidators, shippedPolicy } from '../support/backstageAsShipped';
import { KIND_VALIDATORS, validateEntity, validateServedEntity } from '../../../src/catalog/entityValidation';
import { rememberingCheck } from '../../../src/catalog/fieldFormatValidators';

/**
 * What validateEntity did before it asked only the validators of the entity's kind and
 * remembered field checks: Backstage's policies as shipped, then every kind validator in order
 * until one accepts or throws. Only whether it accepted and what the first error says matter.
 */
async function everyValidator(candidate: unknown): Promise<string> {
  let entity: Entity | undefined;
  try {
    entity = await shippedPolicy.enforce(structuredClone(candidate) as Entity);
  } catch (error) {
    return `rejected: ${(error as Error).message}`;
  }
  if (!entity) {
    return 'rejected';
  }
  for (const validator of shippedKindValidators) {
    try {
      if (await validator.check(entity)) {
        return 'accepted';
      }
    } catch (error) {
      return `kind error: ${(error as Error).message}`;
    }
  }
  return 'unknown kind';
}

const ADR_LINK = /\s*To learn more about catalog file format, visit: \S+$/;

/** The same verdict read from validateEntity's issues. */
async function ours(candidate: unknown): Promise<string> {
  const result = await validateEntity(structuredClone(candidate));
  const [issue] = result.issues;
  if (!result.entity) {
    return `rejected: ${issue?.message ?? ''}`;
  }
  if (!issue) {
    return 'accepted';
  }
  return issue.code === 'unknown-kind' ? 'unknown kind' : `kind error: ${issue.message}`;
}

/** Policy messages are reworded by validateEntity (unknown root fields named); kind errors are not. */
function comparable(verdict: string): string {
  return verdict.startsWith('rejected') ? 'rejected' : verdict.replace(ADR_LINK, '').trim();
}

const metadata = (name: string): Record<string, unknown> => ({
  name,
  annotations: { 'backstage.io/managed-by-location': 'url:https://example.com/catalog-info.yaml' },
  tags: ['java', 'c++'],
  labels: { 'example.com/tier': 'one' },
});

const VALID: readonly Record<string, unknown>[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: metadata('api-a'),
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: metadata('service-a'),
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a', providesApis: ['api-a'] },
  },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain', metadata: metadata('domain-a'), spec: { owner: 'team-a' } },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: metadata('team-a'),
    spec: { type: 'team', children: [], members: ['user-a'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: metadata('location-a'),
    spec: { targets: ['./a.yaml'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata('database-a'),
    spec: { type: 'database', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1beta1',
    kind: 'System',
    metadata: metadata('system-a'),
    spec: { owner: 'team-a' },
  },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: metadata('user-a'), spec: { memberOf: ['team-a'] } },
  {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: metadata('template-a'),
    spec: { type: 'service', owner: 'team-a', steps: [], parameters: [] },
  },
];

/** Each valid entity broken the ways a registry or a careless file breaks them. */
function variants(entity: Record<string, unknown>): Record<string, unknown>[] {
  const spec = entity['spec'] as Record<string, unknown>;
  const meta = entity['metadata'] as Record<string, unknown>;
  return [
    entity,
    { ...entity, spec: {} },
    { ...entity, spec: { ...spec, owner: 7 } },
    { ...entity, spec: { ...spec, type: '' } },
    { ...entity, apiVersion: 'backstage.io/v2' },
    { ...entity, apiVersion: 'scaffolder.backstage.io/v1beta3' },
    { ...entity, kind: `${String(entity['kind'])}s` },
    { ...entity, kind: String(entity['kind']).toLowerCase() },
    { ...entity, kind: 'Component' },
    { ...entity, kind: 'Template' },
    { ...entity, kind: '' },
    { ...entity, metadata: { ...meta, name: 'Not A Name!' } },
    { ...entity, metadata: { ...meta, annotations: { 'bad key//x': 'v' } } },
    { ...entity, metadata: { ...meta, tags: ['UPPER'] } },
    { ...entity, metadata: { ...meta, links: [{ url: 'not a url' }] } },
    { ...entity, extra: true },
    { ...entity, spec: undefined },
  ];
}

describe('validateEntity asks only the kind validators of the entity kind', function () {
  // Every kind's schema is compiled once here: seconds on a machine shared with other jobs.
  this.timeout(60_000);
  it('lists one validator per kind Backstage ships, in the catalog order', () => {
    assert.deepEqual(
      KIND_VALIDATORS.map(([kind]) => kind),
      ['API', 'Component', 'Domain', 'Group', 'Location', 'Resource', 'System', 'User', 'Template'],
    );
  });

  it('each validator answers false, without an error, for every other kind', async () => {
    for (const entity of VALID) {
      for (const [kind, validator] of KIND_VALIDATORS) {
        const accepted = await validator.check(structuredClone(entity) as unknown as Entity);
        assert.equal(accepted, kind === entity['kind'], `${kind} validator on a ${String(entity['kind'])}`);
      }
    }
  });

  it('gives the verdict of trying every validator, for valid and broken entities of each kind', async () => {
    let compared = 0;
    for (const entity of VALID) {
      for (const candidate of variants(entity)) {
        const expected = comparable(await everyValidator(candidate));
        assert.equal(comparable(await ours(candidate)), expected, JSON.stringify(candidate));
        compared++;
      }
    }
    assert.equal(compared, VALID.length * 17);
  });

  it('covers every verdict: accepted, rejected, kind error, unknown kind', async () => {
    const seen = new Set<string>();
    for (const entity of VALID) {
      for (const candidate of variants(entity)) {
        seen.add((await ours(candidate)).split(':')[0] ?? '');
      }
    }
    assert.deepEqual([...seen].sort(), ['accepted', 'kind error', 'rejected', 'unknown kind']);
  });
});

describe('validateServedEntity (registry entities) skips the envelope schema only when the kind accepts', function () {
  this.timeout(60_000);
  it("gives validateEntity's entity and issues, for valid and broken entities of each kind", async () => {
    let compared = 0;
    for (const entity of VALID) {
      const meta = entity['metadata'] as Record<string, unknown>;
      const withNamespace = { ...entity, metadata: { ...meta, namespace: 'default' } };
      for (const candidate of [...variants(entity), ...variants(withNamespace)]) {
        const expected = await validateEntity(structuredClone(candidate));
        const served = await validateServedEntity(structuredClone(candidate) as unknown as Entity);
        assert.deepEqual(served, expected, JSON.stringify(candidate));
        compared++;
      }
    }
    assert.equal(compared, VALID.length * 17 * 2);
  });
});

describe('rememberingCheck', () => {
  it('answers as the check does, asks it once per string, and keeps its name', () => {
    let asked = 0;
    const isValidTag = (value: unknown): boolean => typeof value === 'string' && /^[a-z]+$/.test(value);
    const remembering = rememberingCheck(function isValidTagCounted(value: unknown): boolean {
      asked++;
      return isValidTag(value);
    });
    assert.equal(remembering.name, 'isValidTagCounted');
    const values = ['java', 'JAVA', 'java', 'JAVA', 7, 7, 'x'.repeat(300), 'x'.repeat(300)];
    for (const value of values) {
      assert.equal(remembering(value), isValidTag(value), String(value));
    }
    // Two strings remembered; a number and a string too long to remember are asked each time.
    assert.equal(asked, 2 + 2 + 2);
  });

  it('starts over rather than growing past its bound', () => {
    let calls = 0;
    const remembering = rememberingCheck((value) => {
      calls++;
      return typeof value === 'string';
    });
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 10_000; index++) {
        remembering(`key-${index}`);
      }
    }
    // Had it kept all 10,000, the second round would have asked nothing.
    assert.ok(calls > 10_000, String(calls));
  });
});
