import type { FolderFiles } from '../folderFiles';
import { readCargoToml } from './cargoManifest';
import { readCsproj } from './dotnetManifest';
import { readGoMod } from './goManifest';
import { readGradle, readPom } from './jvmManifest';
import type { ManifestFacts, ManifestReader } from './manifestFacts';
import { readPackageJson } from './nodeManifest';
import { readPyproject } from './pythonManifest';

export type { ManifestFacts, ManifestFormat } from './manifestFacts';

/** In this order when a folder has several (a Go service with a package.json for tooling is Go). */
const READERS: readonly ManifestReader[] = [
  readCargoToml,
  readGoMod,
  readPom,
  readGradle,
  readPyproject,
  readCsproj,
  readPackageJson,
];

/** Every manifest in a folder (not below it), most specific first. */
export async function readManifests(files: FolderFiles, folder: string): Promise<ManifestFacts[]> {
  const found: ManifestFacts[] = [];
  for (const reader of READERS) {
    const facts = await reader(files, folder);
    if (facts) {
      found.push(facts);
    }
  }
  return found;
}
