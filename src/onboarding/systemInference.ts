import { humanizeEntityRef } from '../catalog/entityRefs';
import type { CatalogFacts } from './catalogFacts';
import { ownerText } from './ownerInference';
import type { Inference, Question } from './proposalTypes';
import { resolveEntityRef } from '../catalog/entityRefs';

/** `system` when exactly one fits: the only one the owner owns, or the only one there is. */
export function inferSystem(
  catalog: CatalogFacts,
  owner: string | undefined,
): { inference?: Inference<string>; question?: Question } {
  const systemText = (ref: string): string => humanizeEntityRef(ref, { defaultKind: 'system' });
  if (catalog.systems.length === 0) {
    return {};
  }
  const ownerResolved = owner
    ? resolveEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' })
    : undefined;
  const ownerRef = ownerResolved?.ok ? ownerResolved.ref : undefined;
  const owned = ownerRef ? catalog.systems.filter((system) => system.owner === ownerRef) : [];
  if (owned.length === 1 && owned[0]) {
    return {
      inference: {
        value: systemText(owned[0].ref),
        reason: `system: the only system ${ownerText(ownerRef ?? '')} owns`,
      },
    };
  }
  if (catalog.systems.length === 1 && catalog.systems[0]) {
    return {
      inference: { value: systemText(catalog.systems[0].ref), reason: 'system: the only system in the catalog' },
    };
  }
  const candidates = owned.length > 1 ? owned : catalog.systems;
  return {
    question: {
      field: 'system',
      reason: `${candidates.length} systems could hold it${owned.length > 1 ? ` (all owned by ${owner})` : ''}`,
      choices: candidates.map((system) => systemText(system.ref)).sort(),
    },
  };
}
