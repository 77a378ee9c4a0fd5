import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { lines, templateYaml } from './scaffolderFixtures';

/** Writes a template folder on disk (template.yaml and skeleton files); returns the template file. */
export function writeTemplate(
  root: string,
  steps: readonly string[],
  files: Readonly<Record<string, string>> = {},
): string {
  const folder = path.join(root, 'template');
  for (const [relative, text] of Object.entries({ 'template.yaml': templateYaml(steps), ...files })) {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  }
  return path.join(folder, 'template.yaml');
}

/** A fetch:template step over ./skeleton. */
export const FETCH_SKELETON = [
  '    - id: fetch-base',
  '      name: Fetch',
  '      action: fetch:template',
  '      input:',
  '        url: ./skeleton',
];

/** A debug:log step whose message is `text` (a block scalar, so no YAML quoting is needed). */
export function logStep(text: string): string[] {
  return ['    - id: log', '      action: debug:log', '      input:', '        message: |-', `          ${text}`];
}

/** A template whose skeleton file x.txt holds `text`. */
export function skeletonTemplate(root: string, text: string): string {
  return writeTemplate(root, FETCH_SKELETON, { 'skeleton/x.txt': lines(text) });
}

/** A template whose debug:log step renders `text`. */
export function stepInputTemplate(root: string, text: string): string {
  return writeTemplate(root, logStep(text));
}

/** Samples this process's resident memory while `work` runs; resolves with its peak growth in MB. */
export async function rssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    await work().catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
  return Math.round((Math.max(peak, process.memoryUsage().rss) - before) / (1024 * 1024));
}
