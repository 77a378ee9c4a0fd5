import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { shippedKindValidators, shippedPolicy } from './backstageAsShipped';

/** Every property name of Object.prototype, `__proto__` included: the keys a plain-object table answers for. */
export const PROTOTYPE_NAMES: readonly string[] = [
  ...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']),
];

/** An object with exactly these own keys, `__proto__` included as a key (as JSON.parse and YAML make it). */
export function own(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

export interface HostileEntity {
  /** What the name is used as: kind, namespace, name, or every other field at once. */
  readonly role: 'kind' | 'namespace' | 'name' | 'fields';
  readonly key: string;
  readonly entity: Entity;
  /** The canonical ref Greenroom must index it under. */
  readonly ref: string;
}

const API_VERSION = 'backstage.io/v1alpha1';

/**
 * Four entities per prototype name: the name as kind, as namespace, as name, and as type,
 * lifecycle, owner, system, annotation key, label key, tag, link title and field, spec field,
 * dependsOn target and relation type.
 */
export function hostileEntities(keys: readonly string[] = PROTOTYPE_NAMES): HostileEntity[] {
  return keys.flatMap((key, position): HostileEntity[] => {
    const lower = key.toLowerCase();
    const componentSpec = { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' };
    return [
      {
        role: 'kind',
        key,
        ref: `${lower}:default/kind-${position}`,
        entity: {
          apiVersion: API_VERSION,
          kind: key,
          metadata: { name: `kind-${position}`, namespace: 'default' },
          spec: { owner: 'team-a' },
        },
      },
      {
        role: 'namespace',
        key,
        ref: `component:${lower}/ns-${position}`,
        entity: {
          apiVersion: API_VERSION,
          kind: 'Component',
          metadata: { name: `ns-${position}`, namespace: key },
          spec: componentSpec,
        },
      },
      {
        role: 'name',
        key,
        ref: `component:default/${lower}`,
        entity: {
          apiVersion: API_VERSION,
          kind: 'Component',
          metadata: { name: key, namespace: 'default' },
          spec: componentSpec,
        },
      },
      {
        role: 'fields',
        key,
        ref: `component:default/fields-${position}`,
        entity: {
          apiVersion: API_VERSION,
          kind: 'Component',
          metadata: {
            name: `fields-${position}`,
            namespace: 'default',
            annotations: own([[key, 'value']]) as Record<string, string>,
            labels: own([[key, 'value']]) as Record<string, string>,
            tags: [key],
            links: [
              own([
                ['url', `https://example.com/${position}`],
                ['title', key],
                [key, 'extra'],
              ]) as { url: string },
            ],
          },
          spec: own([
            ['type', key],
            ['lifecycle', key],
            ['owner', key],
            ['system', key],
            ['dependsOn', [`component:${key}`]],
            [key, 'extra'],
          ]) as JsonObject,
          relations: [{ type: key, targetRef: `component:default/${lower}` }],
        },
      },
    ];
  });
}

/** Healthy neighbours: a team, a system and a component, which must come through untouched. */
export function controlEntities(): Entity[] {
  return [
    {
      apiVersion: API_VERSION,
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    {
      apiVersion: API_VERSION,
      kind: 'System',
      metadata: { name: 'control-system', namespace: 'default' },
      spec: { owner: 'team-a' },
    },
    {
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: { name: 'control', namespace: 'default', tags: ['java'] },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'control-system' },
    },
  ];
}

/** What a Backstage catalog decides, asked of its own packages: rejected by a policy or a kind validator means invalid. */
export async function backstageAccepts(entity: Entity): Promise<boolean> {
  try {
    const accepted = await shippedPolicy.enforce(structuredClone(entity));
    if (!accepted) {
      return false;
    }
    for (const validator of shippedKindValidators) {
      if (await validator.check(accepted)) {
        return true;
      }
    }
    return true; // no validator for the kind: a warning in Greenroom, a processor's job in Backstage
  } catch {
    return false;
  }
}

/** Records Object.prototype's own properties; the returned check lists what was added, removed or replaced since. */
export function watchObjectPrototype(): () => string[] {
  const before = new Map(
    Object.getOwnPropertyNames(Object.prototype).map((name) => [
      name,
      Object.getOwnPropertyDescriptor(Object.prototype, name),
    ]),
  );
  return () => {
    const changed: string[] = [];
    const now = Object.getOwnPropertyNames(Object.prototype);
    for (const name of now) {
      const was = before.get(name);
      const is = Object.getOwnPropertyDescriptor(Object.prototype, name);
      if (!was || was.value !== is?.value || was.get !== is?.get || was.set !== is?.set) {
        changed.push(name);
      }
    }
    changed.push(...[...before.keys()].filter((name) => !now.includes(name)));
    return changed;
  };
}
