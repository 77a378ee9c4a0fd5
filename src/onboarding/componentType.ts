import type { FolderFiles } from './folderFiles';
import type { ManifestFacts } from './manifests';
import type { Inference } from './proposalTypes';

/** Files that deploy something long-running, wherever they sit in the package. */
const DEPLOYMENT_FILES: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  {
    pattern: /^(?:[^/]+\/)?(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|^(?:[^/]+\/)?[\w.-]+\.Dockerfile$/i,
    what: 'a container image',
  },
  { pattern: /(?:^|\/)Chart\.yaml$/, what: 'a Helm chart' },
  { pattern: /^Procfile$/, what: 'a Procfile' },
  { pattern: /^(?:app|serverless)\.ya?ml$/, what: 'a platform deployment file' },
];

/** Entry points that only a server has. */
const SERVER_ENTRIES = /^(?:src\/)?(?:server\.(?:[cm]?js|ts)|manage\.py|wsgi\.py|asgi\.py)$/;

/** Front-end framework configuration at the package root. */
const FRONT_END_CONFIG =
  /^(?:next\.config|nuxt\.config|svelte\.config|gatsby-config|astro\.config|vue\.config|remix\.config|docusaurus\.config|ember-cli-build|quasar\.config)\.[cm]?[jt]s$|^angular\.json$/;
const KUBERNETES_FOLDER = /(?:^|\/)(?:(?:k8s|kube|kubernetes)[\w-]*|deploy[\w-]*|manifests|kustomize|overlays|base)\//;
const KUBERNETES_WORKLOAD = /^kind:\s*(Deployment|StatefulSet|DaemonSet|Service|Ingress|Rollout|CronJob)\s*$/m;
const MAX_KUBERNETES_FILES_READ = 12;

export interface TypeEvidence {
  readonly inference?: Inference<string> | undefined;
  /** Why the type could not be decided, when it could not. */
  readonly undecided?: string | undefined;
}

function list(evidence: readonly string[]): string {
  const shown = evidence.slice(0, 3).join('; ');
  return evidence.length > 3 ? `${shown}; and ${evidence.length - 3} more` : shown;
}

/** Files below the package, relative to it. */
async function packageFiles(files: FolderFiles, folder: string): Promise<string[]> {
  const prefix = folder === '' ? '' : `${folder}/`;
  return (await files.files(folder)).map((entry) => entry.relative.slice(prefix.length));
}

async function kubernetesEvidence(files: FolderFiles, folder: string, relatives: readonly string[]): Promise<string[]> {
  const candidates = relatives.filter(
    (relative) =>
      /\.ya?ml$/.test(relative) && (KUBERNETES_FOLDER.test(relative) || /(?:^|\/)kustomization\.ya?ml$/.test(relative)),
  );
  const evidence: string[] = [];
  for (const relative of candidates.slice(0, MAX_KUBERNETES_FILES_READ)) {
    const read = await files.readText(folder === '' ? relative : `${folder}/${relative}`, 64 * 1024);
    const kind = read.kind === 'text' ? KUBERNETES_WORKLOAD.exec(read.text)?.[1] : undefined;
    if (kind) {
      evidence.push(`${relative} is a Kubernetes ${kind}`);
      break;
    }
  }
  return evidence;
}

/**
 * service: something deploys it or it serves requests; website: a front-end framework builds
 * it; library: a manifest and nothing that runs. Anything else is a question for the user.
 */
export async function inferComponentType(
  files: FolderFiles,
  folder: string,
  manifests: readonly ManifestFacts[],
): Promise<TypeEvidence> {
  const relatives = await packageFiles(files, folder);
  const deployment = DEPLOYMENT_FILES.flatMap(({ pattern, what }) =>
    relatives.filter((relative) => pattern.test(relative)).map((relative) => `${relative} is ${what}`),
  );
  deployment.push(...(await kubernetesEvidence(files, folder, relatives)));
  const frontEndConfig = relatives
    .filter((relative) => FRONT_END_CONFIG.test(relative))
    .map((relative) => `${relative} configures a front-end framework`);
  if (relatives.some((relative) => /^vite\.config\.[cm]?[jt]s$/.test(relative)) && relatives.includes('index.html')) {
    frontEndConfig.push('vite.config and index.html build a web app');
  }
  const serverDependencies = manifests.flatMap((facts) => facts.serverEvidence);
  const frontEndDependencies = manifests.flatMap((facts) => facts.frontEndEvidence);
  const runnable = manifests.flatMap((facts) => facts.runnableEvidence);
  const serverEntries = relatives
    .filter((relative) => SERVER_ENTRIES.test(relative))
    .map((relative) => `${relative} is a server entry point`);

  if (
    frontEndConfig.length > 0 ||
    (frontEndDependencies.length > 0 && runnable.length > 0 && serverDependencies.length === 0)
  ) {
    const evidence = [...frontEndConfig, ...(frontEndConfig.length > 0 ? [] : frontEndDependencies)];
    return { inference: { value: 'website', reason: `website: ${list(evidence)}` } };
  }
  const serving =
    serverDependencies.length > 0 && (runnable.length > 0 || serverEntries.length > 0 || deployment.length > 0);
  if (deployment.length > 0 || serverEntries.length > 0 || serving) {
    return {
      inference: {
        value: 'service',
        reason: `service: ${list([...deployment, ...serverEntries, ...(serving ? serverDependencies : [])])}`,
      },
    };
  }
  const readable = manifests.filter((facts) => !facts.problem);
  if (readable.length > 0 && runnable.length === 0) {
    return {
      inference: {
        value: 'library',
        reason: `library: ${readable[0]?.file ?? 'the manifest'} declares no runnable entry and nothing deploys it`,
      },
    };
  }
  if (runnable.length > 0) {
    return { undecided: `it runs (${list(runnable)}) but nothing shows it serves requests or is deployed` };
  }
  return { undecided: 'no manifest, deployment file or front-end configuration says what it is' };
}
