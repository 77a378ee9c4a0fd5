import { promises as fs, existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MultiFolderCatalog, isInsideFolder, nodeCatalogFileSystem } from '../catalog';
import {
  applyAnswers,
  catalogFactsOf,
  DEFAULT_ONBOARDING,
  openQuestions,
  proposeOnboarding,
  renderProposalYaml,
  validateProposal,
  type OnboardingAnswers,
} from '../onboarding';
import { standardError, standardOutput } from './terminalOutput';

export const INIT_USAGE = `  greenroom init <folder> [--workspace <root>] [--write [--force]]
      [--owner <group>] [--type <type>] [--system <system>] [--lifecycle <lifecycle>]
      [--map-handle <@org/team>=<group>]
                                     propose the folder's catalog-info.yaml from its manifests,
                                     CODEOWNERS and git remote, each value explained in a comment;
                                     --workspace is the catalog owners and systems resolve against
                                     (default: the folder). Without --write the YAML is printed and
                                     nothing is written; --write writes it, refusing an existing
                                     catalog-info.yaml unless --force`;

const FLAGS = new Set(['--write', '--force']);
const OPTIONS = new Set(['--workspace', '--owner', '--type', '--system', '--lifecycle', '--map-handle']);

interface InitArguments {
  readonly folder: string;
  readonly workspace: string;
  readonly write: boolean;
  readonly force: boolean;
  readonly answers: OnboardingAnswers;
  readonly lifecycle?: string | undefined;
  readonly handleGroups: Map<string, string>;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): InitArguments {
  const options = new Map<string, string>();
  const handleGroups = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let position = 0; position < args.length; position++) {
    const arg = args[position] ?? '';
    if (FLAGS.has(arg)) {
      flags.add(arg);
    } else if (OPTIONS.has(arg)) {
      const value = args[++position];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new UsageError(`${arg} needs a value`);
      }
      if (arg === '--map-handle') {
        const [handle, group] = [value.slice(0, value.lastIndexOf('=')), value.slice(value.lastIndexOf('=') + 1)];
        if (!handle || !group) {
          throw new UsageError('--map-handle needs <handle>=<group>, e.g. --map-handle @acme/payments=payments-team');
        }
        handleGroups.set(handle, group);
      } else {
        options.set(arg, value);
      }
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      positional.push(arg);
    }
  }
  const [folder, ...extra] = positional;
  if (!folder || extra.length > 0) {
    throw new UsageError(folder ? `one folder only, got also "${extra.join('", "')}"` : 'a folder is required');
  }
  return {
    folder: path.resolve(folder),
    workspace: path.resolve(options.get('--workspace') ?? folder),
    write: flags.has('--write'),
    force: flags.has('--force'),
    answers: { owner: options.get('--owner'), type: options.get('--type'), system: options.get('--system') },
    lifecycle: options.get('--lifecycle'),
    handleGroups,
  };
}

const OPTION_OF_FIELD = { owner: '--owner', type: '--type', system: '--system' } as const;

/** `greenroom init`: the proposal on stdout, or written with --write; problems and questions on stderr. */
export async function init(args: readonly string[]): Promise<number> {
  let parsed: InitArguments;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (error instanceof UsageError) {
      standardError.line`greenroom init: ${error.message}`;
      standardError.block(INIT_USAGE);
      return 2;
    }
    throw error;
  }
  for (const [what, folder] of [
    ['folder', parsed.folder],
    ['--workspace', parsed.workspace],
  ] as const) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      standardError.line`greenroom init: ${what} "${folder}" is not a folder`;
      return 2;
    }
  }
  if (!isInsideFolder(parsed.workspace, parsed.folder)) {
    standardError.line`greenroom init: "${parsed.folder}" is not inside the workspace "${parsed.workspace}"`;
    return 2;
  }
  const workspace = new MultiFolderCatalog({
    fs: nodeCatalogFileSystem,
    workerScript: path.join(__dirname, 'catalogWorker.js'),
  });
  try {
    workspace.addFolder(parsed.workspace);
    await workspace.loadAll();
    const proposal = applyAnswers(
      await proposeOnboarding({
        fs: nodeCatalogFileSystem,
        boundary: parsed.workspace,
        folder: parsed.folder,
        catalog: catalogFactsOf(workspace.index),
        defaults: {
          ...DEFAULT_ONBOARDING,
          ...(parsed.lifecycle ? { lifecycle: parsed.lifecycle } : {}),
          handleGroups: parsed.handleGroups,
        },
      }),
      parsed.answers,
    );
    const text = renderProposalYaml(proposal);
    const problems = (await validateProposal(text, proposal.descriptorPath, parsed.workspace, workspace.index)).filter(
      (problem) => problem.severity === 'error',
    );
    const questions = openQuestions(proposal);
    if (!parsed.write) {
      standardOutput.block(text);
    }
    for (const question of questions) {
      standardError.line`greenroom init: ${question.field} not inferred (${question.reason}); pass ${OPTION_OF_FIELD[question.field]}${question.choices.length > 0 ? `, e.g. one of ${question.choices.slice(0, 8).join(', ')}` : ''}`;
    }
    for (const problem of problems) {
      standardError.line`greenroom init: the proposal does not validate: line ${problem.range.start.line + 1}: ${problem.message}`;
    }
    if (!parsed.write) {
      return problems.length > 0 ? 1 : 0;
    }
    if (questions.length > 0) {
      standardError.line`greenroom init: nothing written: answer the questions above first`;
      return 2;
    }
    if (problems.length > 0) {
      standardError.line`greenroom init: nothing written: the proposal has errors`;
      return 1;
    }
    return await writeDescriptor(proposal.descriptorPath, text, parsed.force);
  } finally {
    workspace.dispose();
  }
}

async function writeDescriptor(file: string, text: string, force: boolean): Promise<number> {
  const existed = existsSync(file);
  if (existed && !force) {
    standardError.line`greenroom init: ${file} already exists; nothing written (--force replaces it)`;
    return 1;
  }
  // Without --force, `wx` refuses a file that appeared since the check.
  await fs.writeFile(file, text, { encoding: 'utf8', flag: existed ? 'w' : 'wx' });
  standardError.line`greenroom init: ${existed ? 'replaced' : 'wrote'} ${file}`;
  return 0;
}
