// Bundles the extension host code (node, `vscode` external), the CLI (node) and the
// webview code (browser). One script so every bundle shares the same flags.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--sandbox-realm-into <dir>` builds only the template realm script, into <dir>: the compiled
// tests load it from beside src/scaffolder/sandbox/templateRealm.js, as the bundles do from dist/.
const realmIndex = process.argv.indexOf('--sandbox-realm-into');
const realmOnlyInto = realmIndex >= 0 ? process.argv[realmIndex + 1] : undefined;

/**
 * `@backstage/catalog-model` builds a catalog model layer per kind at load time
 * (`var apiEntityModel = createCatalogModelLayer({...})`, schemas and all) that nothing in
 * Greenroom reads: about a fifth of the CLI's start-up before any work. The calls are pure (each
 * returns a new object), so they are marked so and the bundler drops the unused ones.
 */
const unusedModelLayers = {
  name: 'drop-unused-catalog-model-layers',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@backstage[\\/]catalog-model[\\/]dist[\\/]kinds[\\/][^\\/]+\.esm\.js$/ },
      async (args) => ({
        contents: (await readFile(args.path, 'utf8')).replace(
          /=\s*createCatalogModelLayer\(/g,
          '= /* @__PURE__ */ createCatalogModelLayer(',
        ),
        loader: 'js',
      }),
    );
  },
};

/**
 * Scaffolder-common compiles the Template kind's JSON Schema with ajv at module load (a tenth of
 * the CLI's start-up), although most runs (a warm `greenroom mcp`, a tree that only shows cached
 * entities) never validate a Template. Compiled on first use instead, as catalog-model does for
 * its own kinds; if a release changes the line, it is left as it is.
 */
const lazyTemplateSchema = {
  name: 'lazy-template-schema',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@backstage[\\/]plugin-scaffolder-common[\\/]dist[\\/]TemplateEntityV1beta3\.esm\.js$/ },
      async (args) => ({
        contents: (await readFile(args.path, 'utf8')).replace(
          'const validator = entityKindSchemaValidator(jsonSchema);',
          'let compiled;\nconst validator = (data) => (compiled ??= entityKindSchemaValidator(jsonSchema))(data);',
        ),
        loader: 'js',
      }),
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'info',
  legalComments: 'none',
  plugins: [unusedModelLayers, lazyTemplateSchema],
};

/**
 * The template realm: nunjucks (its browser build, which carries the compiler and no Node API),
 * Backstage's filters and the rendering logic, as one script that templateRealm.ts evaluates in a
 * fresh `node:vm` context per template run. Nothing of Node is bundled into it.
 */
const templateRealm = (outdir) => ({
  ...common,
  entryPoints: { templateRealmScript: 'src/scaffolder/sandbox/realm/realmEntry.ts' },
  outdir,
  platform: 'neutral',
  format: 'iife',
  target: 'es2022',
  mainFields: ['browser', 'main'],
  alias: { nunjucks: './node_modules/nunjucks/browser/nunjucks.js' },
  sourcemap: false,
});

const builds = [
  templateRealm('dist'),
  {
    // The worker thread a template run happens in (time and memory budgets, off the host thread).
    ...common,
    entryPoints: ['src/scaffolder/sandbox/templateWorker.ts'],
    outfile: 'dist/templateWorker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The predicate library (zod and all) is its own bundle, loaded on the first agent query.
    external: ['vscode', '@backstage/filter-predicates'],
    metafile: true,
    // axios' form-data pulls in the whole MIME database (~135 KB) to type file uploads; Greenroom
    // only sends GETs, so an empty database keeps the bundle small without changing behaviour.
    alias: { 'mime-db': './src/shims/mimeDbStub.json' },
  },
  {
    // Backstage's filter predicates for agent queries, loaded by src/catalog/filterPredicates.ts.
    ...common,
    entryPoints: { backstageFilterPredicates: '@backstage/filter-predicates' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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
    external: ['@backstage/filter-predicates'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts', 'webview/templateForm.ts', 'webview/catalogTable.ts', 'webview/createPage.ts'],
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

if (realmOnlyInto) {
  await esbuild.build({ ...templateRealm(realmOnlyInto), logLevel: 'warning' });
} else if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
