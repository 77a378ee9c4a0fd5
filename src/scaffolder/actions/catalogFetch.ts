import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { inputError } from '../scaffolderErrors';
import { jsonCopy } from '../templating';
import { optionalBoolean, optionalString } from './actionInputs';
import type { ActionContext, LocalAction } from './actionContext';

async function lookup(context: ActionContext, ref: string): Promise<unknown> {
  const defaultKind = optionalString(context.input, 'defaultKind');
  const defaultNamespace = optionalString(context.input, 'defaultNamespace');
  let canonical: string;
  try {
    canonical = stringifyEntityRef(
      parseEntityRef(ref, {
        ...(defaultKind ? { defaultKind } : {}),
        ...(defaultNamespace ? { defaultNamespace } : {}),
      }),
    );
  } catch (error) {
    throw inputError(`catalog:fetch: ${error instanceof Error ? error.message : String(error)}`);
  }
  const entity = await context.lookupEntity?.(canonical);
  if (!entity && !optionalBoolean(context.input, 'optional')) {
    throw inputError(`catalog:fetch: entity ${canonical} is not in the workspace catalog`);
  }
  return entity ? jsonCopy(entity) : null;
}

/** `catalog:fetch` against the workspace catalog (the runner skips it when no catalog is given). */
export const catalogFetch: LocalAction = async (context) => {
  const single = optionalString(context.input, 'entityRef');
  const many = context.input['entityRefs'];
  if (single) {
    context.output('entity', await lookup(context, single));
  }
  if (Array.isArray(many)) {
    context.output('entities', await Promise.all(many.map((ref) => lookup(context, String(ref)))));
  }
  if (!single && !Array.isArray(many)) {
    throw inputError('catalog:fetch needs entityRef or entityRefs');
  }
};
