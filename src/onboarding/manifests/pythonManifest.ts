import { joinRelative, type FolderFiles } from '../folderFiles';
import { emptyFacts, markerEvidence, oneLine, unreadable, type ManifestFacts } from './manifestFacts';
import { parseToml, tomlAt, tomlKeys, tomlString, tomlStrings, TomlError } from './tomlSubset';

const SERVER_PACKAGES: ReadonlySet<string> = new Set([
  'fastapi',
  'flask',
  'django',
  'uvicorn',
  'gunicorn',
  'aiohttp',
  'tornado',
  'starlette',
  'sanic',
  'litestar',
  'quart',
  'falcon',
  'pyramid',
  'grpcio',
  'hypercorn',
  'daphne',
]);

/** `requests>=2; python_version<"3.8"` → `requests` (PEP 508), normalised as pip does. */
function requirementName(requirement: string): string | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return match?.[1]?.toLowerCase().replace(/[-_.]+/g, '-');
}

/** pyproject.toml: PEP 621 `[project]`, or Poetry's `[tool.poetry]`; uv workspaces. */
export async function readPyproject(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = joinRelative(folder, 'pyproject.toml');
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('pyproject.toml', file, read);
  }
  let toml;
  try {
    toml = parseToml(read.text);
  } catch (error) {
    return emptyFacts(
      'pyproject.toml',
      file,
      `${file} is not valid TOML (${error instanceof TomlError ? error.message : String(error)})`,
    );
  }
  const poetry = tomlAt(toml, 'tool', 'poetry') !== undefined;
  const section = poetry && tomlAt(toml, 'project', 'name') === undefined ? ['tool', 'poetry'] : ['project'];
  const requirements = [
    ...tomlStrings(toml, 'project', 'dependencies'),
    ...tomlKeys(toml, 'tool', 'poetry', 'dependencies'),
  ];
  const dependencies = [
    ...new Set(
      requirements.map(requirementName).filter((name): name is string => name !== undefined && name !== 'python'),
    ),
  ];
  const scripts = [...tomlKeys(toml, 'project', 'scripts'), ...tomlKeys(toml, 'tool', 'poetry', 'scripts')];
  return {
    format: 'pyproject.toml',
    file,
    name: tomlString(toml, ...section, 'name'),
    description: oneLine(tomlString(toml, ...section, 'description')),
    dependencies,
    members: tomlStrings(toml, 'tool', 'uv', 'workspace', 'members'),
    aggregateOnly: false,
    serverEvidence: markerEvidence(dependencies, SERVER_PACKAGES, file),
    frontEndEvidence: [],
    runnableEvidence: scripts.length > 0 ? [`${file} declares scripts (${scripts.slice(0, 3).join(', ')})`] : [],
  };
}
