import { stringifyEntityRef } from '@backstage/catalog-model';
import { parseYamlDocuments } from '../../catalog/yamlDocuments';
import { isPlainObject } from '../parameterPages';
import { inputError } from '../scaffolderErrors';
import { textOf } from '../textContent';
import type { Workspace } from '../workspace';
import { resolveInside } from '../workspacePaths';
import { optionalBoolean, optionalString } from './actionInputs';
import type { LocalAction } from './actionContext';

interface NamedEntity {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

function namedEntities(text: string, filePath: string): NamedEntity[] {
  return parseYamlDocuments(filePath, text).documents.flatMap(({ value }) => {
    const metadata = value['metadata'];
    if (typeof value['kind'] !== 'string' || !isPlainObject(metadata) || typeof metadata['name'] !== 'string') {
      return [];
    }
    return [
      {
        kind: value['kind'],
        namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined,
        name: metadata['name'],
      },
    ];
  });
}

/** The entity Backstage reports for a registered file: a Component first, then any not `generated-`. */
export function mainEntityRef(workspace: Workspace, filePath: string): string | undefined {
  const file = workspace.get(filePath);
  const text = file ? textOf(file.content) : undefined;
  if (text === undefined) {
    return undefined;
  }
  const entities = namedEntities(text, filePath);
  const chosen =
    entities.find((entity) => entity.kind === 'Component' && !entity.name.startsWith('generated-')) ??
    entities.find((entity) => !entity.name.startsWith('generated-')) ??
    entities[0];
  return chosen
    ? stringifyEntityRef({ kind: chosen.kind, namespace: chosen.namespace ?? 'default', name: chosen.name })
    : undefined;
}

/** Maps a catalogInfoUrl to the output file whose path ends its URL path (longest match wins). */
function workspacePathOfUrl(workspace: Workspace, catalogInfoUrl: string): string {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(catalogInfoUrl).pathname);
  } catch {
    urlPath = catalogInfoUrl;
  }
  const candidates = [...workspace.files.keys()].filter(
    (file) => urlPath === `/${file}` || urlPath.endsWith(`/${file}`),
  );
  return candidates.sort((a, b) => b.length - a.length)[0] ?? 'catalog-info.yaml';
}

/**
 * `catalog:register`, locally: no catalog server is called; the run records which catalog file
 * of the output joins the workspace catalog once written, and computes `entityRef` from it.
 */
export const catalogRegister: LocalAction = (context) => {
  const { input } = context;
  const givenUrl = optionalString(input, 'catalogInfoUrl');
  let catalogInfoUrl: string;
  let filePath: string;
  if (givenUrl) {
    catalogInfoUrl = givenUrl;
    filePath = workspacePathOfUrl(context.workspace, givenUrl);
  } else {
    const repoContentsUrl = optionalString(input, 'repoContentsUrl');
    if (!repoContentsUrl) {
      throw inputError('catalog:register needs either catalogInfoUrl or repoContentsUrl');
    }
    const catalogInfoPath = (optionalString(input, 'catalogInfoPath') ?? '/catalog-info.yaml').replace(/^\/+/, '');
    catalogInfoUrl = `${repoContentsUrl.replace(/\/+$/, '')}/${catalogInfoPath}`;
    filePath = resolveInside('', catalogInfoPath, { what: 'catalogInfoPath' });
  }
  const entityRef = mainEntityRef(context.workspace, filePath);
  if (!context.workspace.has(filePath)) {
    context.log(
      `${filePath} is not among the generated files${optionalBoolean(input, 'optional') ? '' : ' (a Backstage run would fail here)'}; nothing joins the workspace catalog`,
    );
  } else {
    context.log(`${filePath} will join the workspace catalog${entityRef ? ` as ${entityRef}` : ''}`);
  }
  context.registrations.push({ step: context.step.id, path: filePath, catalogInfoUrl, entityRef });
  if (entityRef) {
    context.output('entityRef', entityRef);
  }
  context.output('catalogInfoUrl', catalogInfoUrl);
};
