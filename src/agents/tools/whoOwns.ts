import * as path from 'node:path';
import type { CatalogEntityRecord } from '../../catalog';
import type { AgentContext } from '../agentContext';
import { codeOwnersOf } from '../../catalog/codeOwners';
import { entityEssentials, sourceOf, ENTITY_ESSENTIALS_SCHEMA } from '../entityEssentials';
import { argumentsObject, INPUT_LIMITS, requiredString } from '../toolInput';
import { READ_ONLY, ToolInputError, type AgentTool } from '../toolTypes';

/** Kinds that describe code; a folder's Group or User descriptor does not govern its files. */
const CODE_KINDS = new Set(['component', 'resource', 'api', 'system', 'domain', 'template']);
const MAX_MEMBERS = 50;

function governing(records: readonly CatalogEntityRecord[] | undefined): CatalogEntityRecord | undefined {
  const code = (records ?? []).filter((record) => CODE_KINDS.has(record.entity.kind.toLowerCase()));
  // A Component first, as Backstage picks the main entity of a catalog file.
  return code.find((record) => record.entity.kind.toLowerCase() === 'component') ?? code[0];
}

/** The nearest descriptor up the tree, or an entity whose `backstage.io/source-location` claims the folder. */
function governingEntity(
  context: AgentContext,
  file: string,
  root: string,
): { record: CatalogEntityRecord; via: 'descriptor' | 'source-location' } | undefined {
  const { byFolder, bySourceFolder } = context.derived;
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    const bySource = governing(bySourceFolder.get(folder));
    const byDescriptor = governing(byFolder.get(folder));
    if (byDescriptor) {
      return { record: byDescriptor, via: 'descriptor' };
    }
    if (bySource) {
      return { record: bySource, via: 'source-location' };
    }
    if (folder === root || path.dirname(folder) === folder) {
      return undefined;
    }
  }
}

function ownerDetails(context: AgentContext, ownerRef: string): Record<string, unknown> {
  const owner = context.index.get(ownerRef);
  if (!owner) {
    return { ref: ownerRef, inCatalog: false };
  }
  const profile =
    owner.entity.spec && Object.hasOwn(owner.entity.spec, 'profile') ? owner.entity.spec['profile'] : undefined;
  const email =
    profile && typeof profile === 'object' && Object.hasOwn(profile, 'email')
      ? (profile as Record<string, unknown>)['email']
      : undefined;
  const members = context
    .relationsOf(owner.ref)
    .outgoing.filter((relation) => relation.type === 'hasMember')
    .map((relation) => relation.target);
  const essentials = entityEssentials(owner, context);
  return {
    ref: owner.ref,
    inCatalog: true,
    kind: owner.entity.kind,
    ...(essentials.title ? { title: essentials.title } : {}),
    ...(typeof email === 'string' ? { email } : {}),
    ...sourceOf(owner, context),
    members: members.slice(0, MAX_MEMBERS).map((ref) => {
      const member = context.index.get(ref);
      const memberProfile =
        member?.entity.spec && Object.hasOwn(member.entity.spec, 'profile') ? member.entity.spec['profile'] : undefined;
      const read = (key: string): unknown =>
        memberProfile && typeof memberProfile === 'object' && Object.hasOwn(memberProfile, key)
          ? (memberProfile as Record<string, unknown>)[key]
          : undefined;
      const displayName = read('displayName');
      const memberEmail = read('email');
      return {
        ref,
        ...(typeof displayName === 'string' ? { displayName } : {}),
        ...(typeof memberEmail === 'string' ? { email: memberEmail } : {}),
      };
    }),
    ...(members.length > MAX_MEMBERS ? { moreMembers: members.length - MAX_MEMBERS } : {}),
  };
}

export const whoOwnsTool: AgentTool = {
  name: 'who-owns',
  title: 'Who Owns This File',
  description:
    'Who owns a file or folder of the workspace: the entity whose descriptor governs it (the nearest catalog-info.yaml up the tree, or a backstage.io/source-location dir: annotation), ' +
    'its owner group or user with members and email, and the matching CODEOWNERS rule if there is one.',
  inputSchema: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description: 'A file or folder, relative to the workspace folder (or absolute inside it).',
        maxLength: INPUT_LIMITS.path,
      },
    },
    required: ['path'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      path: { type: 'string' },
      entity: ENTITY_ESSENTIALS_SCHEMA,
      governedBy: { type: 'string', enum: ['descriptor', 'source-location'] },
      owner: {
        type: 'object',
        properties: {
          ref: { type: 'string' },
          inCatalog: { type: 'boolean' },
          kind: { type: 'string' },
          title: { type: 'string' },
          email: { type: 'string' },
          file: { type: 'string' },
          line: { type: 'integer' },
          members: {
            type: 'array',
            items: {
              type: 'object',
              properties: { ref: { type: 'string' }, displayName: { type: 'string' }, email: { type: 'string' } },
              required: ['ref'],
            },
          },
          moreMembers: { type: 'integer' },
        },
        required: ['ref', 'inCatalog'],
      },
      codeowners: {
        type: 'object',
        properties: {
          file: { type: 'string' },
          line: { type: 'integer' },
          pattern: { type: 'string' },
          owners: { type: 'array', items: { type: 'string' } },
        },
        required: ['file', 'line', 'pattern', 'owners'],
      },
    },
    required: ['path'],
  },
  annotations: { title: 'Who Owns This File', ...READ_ONLY },
  async run(input, context) {
    const requested = requiredString(argumentsObject(input), 'path', INPUT_LIMITS.path);
    const file = context.resolvePath(requested);
    const root = file ? context.rootOf(file) : undefined;
    if (!file || !root) {
      throw new ToolInputError(`${requested} is not inside the workspace`);
    }
    // A folder is governed by the descriptor inside it, as a file in it would be.
    const probe = (await context.fs.stat(file))?.isDirectory ? path.join(file, '_') : file;
    const found = governingEntity(context, probe, root);
    const codeowners = await codeOwnersOf(context.codeOwnersFs, root, file);
    if (!found && !codeowners) {
      throw new ToolInputError(
        `No catalog-info.yaml governs ${context.displayPath(file)} and no CODEOWNERS rule matches it`,
      );
    }
    const ownerRef = found ? entityEssentials(found.record, context).owner : undefined;
    return {
      path: context.displayPath(file),
      ...(found ? { entity: entityEssentials(found.record, context), governedBy: found.via } : {}),
      ...(ownerRef ? { owner: ownerDetails(context, ownerRef) } : {}),
      ...(codeowners ? { codeowners } : {}),
    };
  },
};
