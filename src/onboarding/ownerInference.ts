import * as path from 'node:path';
import { humanizeEntityRef, parseCanonicalRef } from '../catalog/entityRefs';
import type { CatalogFileSystem } from '../catalog/catalogFileSystem';
import { codeOwnersOf } from '../catalog/codeOwners';
import type { CatalogFacts } from './catalogFacts';
import type { Inference, Question } from './proposalTypes';

export interface OwnerResult {
  readonly inference?: Inference<string> | undefined;
  readonly question?: Question | undefined;
}

/** The catalog ref whose name is `name` among `refs`, the default namespace preferred. */
function refNamed(refs: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  const matches = refs.filter((ref) => parseCanonicalRef(ref).name === lower);
  return matches.find((ref) => parseCanonicalRef(ref).namespace === 'default') ?? matches[0];
}

/** How an owner ref is written in a descriptor: `team` for a default-namespace group, else `kind:ns/name`. */
export function ownerText(ref: string): string {
  return humanizeEntityRef(ref, { defaultKind: 'group' });
}

/** One CODEOWNERS handle as a catalog owner: the mapping setting first, then `@org/team` → group `team`, `@user` → user. */
function mapHandle(
  handle: string,
  catalog: CatalogFacts,
  handleGroups: ReadonlyMap<string, string>,
): { ref: string; how: string } | undefined {
  for (const [key, group] of handleGroups) {
    if (key.toLowerCase() === handle.toLowerCase()) {
      return { ref: group, how: `the handle mapping setting maps ${handle} to ${group}` };
    }
  }
  const team = /^@[^/\s]+\/([^/\s]+)$/.exec(handle)?.[1];
  if (team) {
    const ref = refNamed(catalog.groups, team);
    return ref ? { ref: ownerText(ref), how: `${handle} is the catalog's group ${ownerText(ref)}` } : undefined;
  }
  const user = /^@([^/\s@]+)$/.exec(handle)?.[1] ?? /^([^@\s]+)@[^@\s]+$/.exec(handle)?.[1];
  if (user) {
    const ref = refNamed(catalog.users, user);
    return ref
      ? {
          ref: humanizeEntityRef(ref, { defaultKind: 'group' }),
          how: `${handle} is the catalog's user ${humanizeEntityRef(ref)}`,
        }
      : undefined;
  }
  return undefined;
}

/**
 * The owner from the CODEOWNERS rule governing the folder (GitHub's or GitLab's places, as
 * `codeOwnersOf` reads them); when no handle maps to the catalog, a question listing its groups.
 */
export async function inferOwner(
  fs: CatalogFileSystem,
  repositoryRoot: string,
  folder: string,
  catalog: CatalogFacts,
  handleGroups: ReadonlyMap<string, string>,
): Promise<OwnerResult> {
  let match;
  try {
    // A file inside the folder: folder rules (`/services/pay/`) and `*` both govern it.
    match = await codeOwnersOf(fs, repositoryRoot, path.join(folder, 'catalog-info.yaml'));
  } catch {
    match = undefined;
  }
  const choices = catalog.groups.map(ownerText);
  if (!match || match.owners.length === 0) {
    const reason = match
      ? `the CODEOWNERS rule at ${match.file}:${match.line} (${match.pattern}) names no owner`
      : 'no CODEOWNERS rule governs this folder';
    return { question: { field: 'owner', reason, choices } };
  }
  const where = `CODEOWNERS ${match.file}:${match.line} (${match.pattern} ${match.owners.join(' ')})`;
  for (const handle of match.owners) {
    const mapped = mapHandle(handle, catalog, handleGroups);
    if (mapped) {
      return { inference: { value: mapped.ref, reason: `owner: ${where}; ${mapped.how}` } };
    }
  }
  // Teams not in the catalog yet are still the best guess: offered first.
  const unmapped = match.owners
    .map((handle) => /^@[^/\s]+\/([^/\s]+)$/.exec(handle)?.[1])
    .filter((team): team is string => team !== undefined);
  const suggestions = [...new Set([...unmapped.map((team) => team.toLowerCase()), ...choices])];
  return {
    question: {
      field: 'owner',
      reason: `${where}: no handle is a group or user in the catalog (add a handle mapping in settings)`,
      choices: suggestions,
    },
  };
}
