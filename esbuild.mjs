// Bundles the extension host code (node, `vscode` external), the CLI (node) and the
// webview code (browser). One script so every bundle shares the same flags.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'info',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    metafile: true,
    // axios' form-data pulls in the whole MIME database (~135 KB) to type file uploads; Greenroom
    // only sends GETs, so an empty database keeps the bundle small without changing behaviour.
    alias: { 'mime-db': './src/shims/mimeDbStub.json' },
  },
  {
    // Parse worker threads of the extension and the CLI (both load it from their own folder).
    ...common,
    entryPoints: ['src/catalog/catalogWorker.ts'],
    outfile: 'dist/catalogWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts', 'webview/templateForm.ts'],
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

if (production) {
  // A production build must not ship source maps left by a development build.
  rmSync('dist', { recursive: true, force: true });
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
