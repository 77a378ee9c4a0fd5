// Bundles each benchmark with esbuild and runs it with node: `npm run bench [name]`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// The index benchmark runs last: its `BENCH {json}` line is the last line printed.
const benches = { language: 'languageBench.ts', table: 'tableBench.ts', index: 'indexBench.ts' };
// Opt-in only: registry first has a real Backstage backend ingest ~20,000 entities (about 8
// minutes); mcp runs dist/cli.js (build it first with `node esbuild.mjs`); goto measures Go to
// Entity's filter at 1k and 100k entities; scorecard scores the 20k-entity workspace; scale is
// issue 20's figures (100k from a loopback registry, 20k workspace); record-pages records the real
// Backstage pages scale replays.
const optIn = {
  registry: 'registryBench.ts',
  template: 'templateBench.ts',
  mcp: 'mcpBench.ts',
  goto: 'gotoBench.ts',
  scorecard: 'scorecardBench.ts',
  scale: 'scaleBench.ts',
  'record-pages': 'recordBackstagePages.ts',
};
const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? wanted : Object.keys(benches);
for (const name of selected) {
  const entry = benches[name] ?? optIn[name];
  if (!entry) {
    console.error(`unknown benchmark ${name}; known: ${[...Object.keys(benches), ...Object.keys(optIn)].join(', ')}`);
    process.exit(2);
  }
  const outfile = path.join(here, '..', 'out', 'bench', `${name}.js`);
  await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
    sourcemap: true,
    external: ['esbuild'],
  });
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile], { stdio: 'inherit' });
  if (run.status !== 0) {
    process.exit(run.status ?? 1);
  }
}
