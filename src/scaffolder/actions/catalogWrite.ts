import { stringify } from 'yaml';
import { isPlainObject } from '../parameterPages';
import { inputError } from '../scaffolderErrors';
import { bytesOf } from '../textContent';
import { resolveInside } from '../workspacePaths';
import { optionalString } from './actionInputs';
import type { LocalAction } from './actionContext';

/** `catalog:write`: serializes `entity` as YAML at `filePath` (default catalog-info.yaml). */
export const catalogWrite: LocalAction = (context) => {
  const entity = context.input['entity'];
  if (!isPlainObject(entity)) {
    throw inputError('input "entity" must be an object (the entity to write)');
  }
  const filePath = resolveInside('', optionalString(context.input, 'filePath') ?? 'catalog-info.yaml', {
    what: 'filePath',
  });
  context.workspace.put(filePath, { content: bytesOf(stringify(entity)), executable: false });
  context.log(`Writing ${filePath}`);
};
