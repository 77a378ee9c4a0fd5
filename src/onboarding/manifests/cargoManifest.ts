import { joinRelative, type FolderFiles } from '../folderFiles';
import { emptyFacts, markerEvidence, oneLine, unreadable, type ManifestFacts } from './manifestFacts';
import { parseToml, tomlAt, tomlKeys, tomlString, tomlStrings, TomlError } from './tomlSubset';

const SERVER_CRATES: ReadonlySet<string> = new Set([
  'actix-web',
  'axum',
  'rocket',
  'warp',
  'tide',
  'poem',
  'tonic',
  'salvo',
  'gotham',
  'hyper-server',
]);

/** Cargo.toml: `[package]`, `[workspace] members`, dependencies of every kind; src/main.rs or `[[bin]]` run. */
export async function readCargoToml(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = joinRelative(folder, 'Cargo.toml');
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('Cargo.toml', file, read);
  }
  let toml;
  try {
    toml = parseToml(read.text);
  } catch (error) {
    return emptyFacts(
      'Cargo.toml',
      file,
      `${file} is not valid TOML (${error instanceof TomlError ? error.message : String(error)})`,
    );
  }
  const dependencies = [
    ...new Set([
      ...tomlKeys(toml, 'dependencies'),
      ...tomlKeys(toml, 'dev-dependencies'),
      ...tomlKeys(toml, 'build-dependencies'),
    ]),
  ];
  const runnable: string[] = [];
  if (Array.isArray(tomlAt(toml, 'bin'))) {
    runnable.push(`${file} declares [[bin]] targets`);
  }
  if (await files.isFile(joinRelative(folder, 'src/main.rs'))) {
    runnable.push(`${joinRelative(folder, 'src/main.rs')} exists`);
  }
  const hasPackage = tomlAt(toml, 'package') instanceof Map;
  return {
    format: 'Cargo.toml',
    file,
    name: tomlString(toml, 'package', 'name'),
    description: oneLine(tomlString(toml, 'package', 'description')),
    dependencies,
    members: tomlStrings(toml, 'workspace', 'members'),
    aggregateOnly: !hasPackage,
    serverEvidence: markerEvidence(dependencies, SERVER_CRATES, file),
    frontEndEvidence: [],
    runnableEvidence: runnable,
  };
}
