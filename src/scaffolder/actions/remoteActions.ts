import { parseRepoUrl, type RepoSpec } from '../filters';

/** Actions Greenroom does not run locally: why, and what later steps see as their output. */
export interface SkippedAction {
  readonly reason: string;
  readonly output: Record<string, unknown>;
}

const PROVIDERS: readonly [prefix: string, provider: string][] = [
  ['github', 'GitHub'],
  ['gitlab', 'GitLab'],
  ['bitbucket', 'Bitbucket'],
  ['azure', 'Azure DevOps'],
  ['gitea', 'Gitea'],
  ['gerrit', 'Gerrit'],
];

/** Stands in for a commit that was never made. */
const PLACEHOLDER_COMMIT = '0000000000000000000000000000000000000000';

function providerOf(action: string): string | undefined {
  const family = action.startsWith('publish:') ? action.slice('publish:'.length) : action;
  return PROVIDERS.find(([prefix]) => family.startsWith(prefix))?.[1];
}

function repoOf(input: Readonly<Record<string, unknown>>): RepoSpec {
  try {
    return parseRepoUrl(input['repoUrl']);
  } catch {
    return { host: 'example.invalid', owner: 'owner', repo: 'repository' };
  }
}

/**
 * Plausible outputs, as Backstage's dry run fills skipped steps from the action's output schema,
 * so `${{ steps.publish.output.remoteUrl }}` still renders something a person recognizes.
 */
function placeholderOutput(action: string, input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const provider = providerOf(action);
  if (provider === undefined) {
    return action === 'catalog:fetch' ? { entity: null, entities: [] } : {};
  }
  const repo = repoOf(input);
  const branch = typeof input['defaultBranch'] === 'string' ? input['defaultBranch'] : 'master';
  const namespace = repo.owner ?? repo.workspace ?? repo.project ?? repo.organization ?? 'owner';
  const remoteUrl =
    provider === 'Azure DevOps'
      ? `https://${repo.host}/${repo.organization ?? namespace}/${repo.project ?? namespace}/_git/${repo.repo}`
      : `https://${repo.host}/${namespace}/${repo.repo}`;
  const contentsPath =
    provider === 'GitLab'
      ? `/-/blob/${branch}`
      : provider === 'Bitbucket'
        ? `/src/${branch}`
        : provider === 'Azure DevOps'
          ? `?version=GB${branch}`
          : `/blob/${branch}`;
  const output: Record<string, unknown> = {
    remoteUrl,
    repoContentsUrl: `${remoteUrl}${contentsPath}`,
    commitHash: PLACEHOLDER_COMMIT,
  };
  const targetBranchName = typeof input['targetBranchName'] === 'string' ? input['targetBranchName'] : branch;
  if (action.includes('pull-request')) {
    Object.assign(output, { remoteUrl: `${remoteUrl}/pull/1`, pullRequestNumber: 1, targetBranchName });
  }
  if (action.includes('merge-request')) {
    // Backstage's publish:gitlab:merge-request really spells it `projectid`.
    Object.assign(output, {
      projectid: 0,
      projectPath: `${namespace}/${repo.repo}`,
      mergeRequestUrl: `${remoteUrl}/-/merge_requests/1`,
      targetBranchName,
    });
  }
  if (provider === 'GitLab') {
    output['projectId'] = 0;
  }
  return output;
}

function reasonOf(action: string, hasCatalog: boolean): string {
  const provider = providerOf(action);
  if (provider !== undefined) {
    return action.startsWith('publish:')
      ? `${action} needs a ${provider} connection; Greenroom writes the files locally instead`
      : `${action} needs a ${provider} connection; skipped in a local run`;
  }
  if (action === 'catalog:fetch' && !hasCatalog) {
    return 'catalog:fetch needs a Backstage catalog; none was given to this run';
  }
  if (action === 'fetch:cookiecutter' || action === 'fetch:rails') {
    return `${action} runs an external generator in a container; Greenroom does not run it locally`;
  }
  return action === '' ? 'the step names no action' : `${action} is not a built-in action Greenroom can run locally`;
}

export function skippedAction(
  action: string,
  input: Readonly<Record<string, unknown>>,
  hasCatalog: boolean,
): SkippedAction {
  return { reason: reasonOf(action, hasCatalog), output: placeholderOutput(action, input) };
}
