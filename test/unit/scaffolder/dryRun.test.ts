import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCatalogFile } from '../../../src/catalog';
import { defaultUserRef, dryRun, nodeTemplateFileSystem, type DryRunResult } from '../../../src/scaffolder';
import {
  contentsOf,
  FIXTURES,
  KAFKA_CONSUMER,
  loadOrFail,
  NODE_SERVICE,
  pathsOf,
  rejectsWith,
} from './support/scaffolderFixtures';

const PYTHON = path.join(FIXTURES, 'python-service/template.yaml');
const LIBRARY = path.join(FIXTURES, 'typescript-library/template.yaml');

async function runFile(
  file: string,
  values: Record<string, unknown>,
  secrets: Record<string, string> = {},
): Promise<DryRunResult> {
  return dryRun(nodeTemplateFileSystem, await loadOrFail(nodeTemplateFileSystem, file), values, {
    userRef: 'user:default/tester',
    secrets,
  });
}

/** The generated catalog file parses as a valid entity of the real catalog. */
async function assertValidCatalogFile(result: DryRunResult, file: string, ref: string): Promise<void> {
  const text = contentsOf(result)[file] ?? '';
  const parsed = await parseCatalogFile(`/out/${file}`, text, { type: 'workspace', folder: '/out' });
  assert.deepEqual(
    parsed.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message),
    [],
  );
  assert.deepEqual(
    parsed.entities.map((entity) => entity.ref),
    [ref],
  );
}

describe('dryRun', () => {
  describe('the built-in node-service template', () => {
    const values = {
      name: 'order-history',
      owner: 'group:default/team-orders',
      repoUrl: 'github.com?owner=larkspur&repo=order-history',
    };

    it('renders the skeleton into a folder named after the service, with TechDocs by default, assets copied verbatim', async () => {
      const result = await runFile(NODE_SERVICE, values);
      assert.deepEqual(
        pathsOf(result),
        [
          'README.md',
          'assets/logo.svg',
          'catalog-info.yaml',
          'docs/index.md',
          'mkdocs.yml',
          'package.json',
          'src/index.ts',
          'tsconfig.json',
        ].map((file) => `order-history/${file}`),
      );
      const files = contentsOf(result);
      assert.match(files['order-history/README.md'] ?? '', /^# order-history\n\nA Node\.js HTTP service\.\n/);
      assert.match(files['order-history/README.md'] ?? '', /- Owner: `group:default\/team-orders`\n$/);
      assert.match(files['order-history/assets/logo.svg'] ?? '', /stays literal: \$\{\{ values\.name \}\}/);
      assert.equal(
        (JSON.parse(files['order-history/package.json'] ?? '{}') as { name?: unknown }).name,
        'order-history',
      );
      assert.match(files['order-history/src/index.ts'] ?? '', /const SERVICE = 'order-history';/);
      assert.match(
        files['order-history/catalog-info.yaml'] ?? '',
        /github\.com\/project-slug: "larkspur\/order-history"\n {4}backstage\.io\/techdocs-ref: dir:\.\n/,
      );
      await assertValidCatalogFile(result, 'order-history/catalog-info.yaml', 'component:default/order-history');
    });

    it('leaves the docs out and adds the system when asked', async () => {
      const result = await runFile(NODE_SERVICE, { ...values, includeDocs: false, system: 'orders' });
      assert.deepEqual(
        pathsOf(result),
        ['README.md', 'assets/logo.svg', 'catalog-info.yaml', 'package.json', 'src/index.ts', 'tsconfig.json'].map(
          (file) => `order-history/${file}`,
        ),
      );
      const files = contentsOf(result);
      assert.match(files['order-history/README.md'] ?? '', /- System: `orders`\n$/);
      assert.doesNotMatch(files['order-history/catalog-info.yaml'] ?? '', /techdocs-ref/);
      assert.match(files['order-history/catalog-info.yaml'] ?? '', / {2}system: "orders"\n$/);
    });

    it('logs the summary, registers the catalog file and renders the output', async () => {
      const result = await runFile(NODE_SERVICE, values);
      assert.ok(result.log.includes('Created order-history for group:default/team-orders (docs: true)'));
      assert.deepEqual(
        result.steps.map((step) => `${step.id}:${step.status}`),
        ['fetch:completed', 'log:completed', 'register:completed'],
      );
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(result.catalogRegistrations, [
        {
          step: 'register',
          path: 'order-history/catalog-info.yaml',
          catalogInfoUrl: 'https://github.com/larkspur/order-history/blob/main/order-history/catalog-info.yaml',
          entityRef: 'component:default/order-history',
        },
      ]);
      assert.deepEqual(result.output.links, [
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/order-history' },
      ]);
      assert.match(
        result.output.text[0]?.content ?? '',
        /^Push the generated folder to `larkspur\/order-history` on the `main`\n/,
      );
    });
  });

  describe('the kafka-consumer example template', () => {
    const values = {
      name: 'royalty-aggregator',
      description: 'Aggregates "royalty" events',
      owner: 'team-royalties',
      system: 'royalties',
      consumerGroup: 'royalty-aggregator',
      repoUrl: 'github.com?owner=larkspur&repo=royalty-aggregator',
    };

    it('renders every file, with the enum and integer values where the code needs them', async () => {
      const result = await runFile(KAFKA_CONSUMER, { ...values, offsetReset: 'earliest', concurrency: 8 });
      assert.deepEqual(pathsOf(result), [
        'README.md',
        'catalog-info.yaml',
        'package.json',
        'src/index.ts',
        'tsconfig.json',
      ]);
      const files = contentsOf(result);
      assert.match(files['src/index.ts'] ?? '', /subscribe\(\{ topic: TOPIC, fromBeginning: true \}\)/);
      assert.match(files['src/index.ts'] ?? '', /partitionsConsumedConcurrently: 8,/);
      assert.match(files['src/index.ts'] ?? '', /KAFKA_TOPIC \?\? 'listening\.events\.v1'/);
      assert.equal(
        (JSON.parse(files['package.json'] ?? '{}') as { description?: unknown }).description,
        'Aggregates "royalty" events',
      );
      assert.match(
        files['README.md'] ?? '',
        /new groups start from the \*\*earliest\*\* offset\) and processes up to\n8 partitions/,
      );
      await assertValidCatalogFile(result, 'catalog-info.yaml', 'component:default/royalty-aggregator');
    });

    it('skips publish:github with a reason and fills its outputs so later steps and links render', async () => {
      const result = await runFile(KAFKA_CONSUMER, values);
      assert.match(contentsOf(result)['src/index.ts'] ?? '', /fromBeginning: false/);
      assert.deepEqual(result.skipped, [
        {
          step: 'publish',
          action: 'publish:github',
          reason: 'publish:github needs a GitHub connection; Greenroom writes the files locally instead',
        },
      ]);
      assert.deepEqual(
        result.steps.map((step) => `${step.id}:${step.status}`),
        ['fetch:completed', 'log:completed', 'publish:skipped', 'register:completed'],
      );
      assert.deepEqual(result.output.links, [
        { title: 'Repository', url: 'https://github.com/larkspur/royalty-aggregator' },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/royalty-aggregator' },
      ]);
      assert.equal(
        result.catalogRegistrations[0]?.catalogInfoUrl,
        'https://github.com/larkspur/royalty-aggregator/blob/main/catalog-info.yaml',
      );
    });
  });

  describe('a Backstage-style Python service (test/fixtures/templates/python-service)', () => {
    const values = {
      component_id: 'order-api',
      owner: 'group:default/team-orders',
      repoUrl: 'github.com?owner=larkspur&repo=order-api',
    };

    it('drops conditional files and folders, renames, deletes and copies binaries as they are', async () => {
      const result = await runFile(PYTHON, values);
      assert.deepEqual(pathsOf(result), [
        '.env.example',
        '.gitignore',
        'Dockerfile',
        'LICENSE',
        'README.md',
        'catalog-info.yaml',
        'pyproject.toml',
        'src/order_api/__init__.py',
        'src/order_api/main.py',
        'static/banner.txt',
        'static/logo.png',
      ]);
      const files = contentsOf(result);
      assert.equal(
        files['static/banner.txt'],
        'Copied as is (copyWithoutTemplating): ${{ values.component_id }} stays literal.\n',
      );
      const logo = result.files.find((file) => file.path === 'static/logo.png');
      assert.equal(logo?.content, undefined);
      assert.deepEqual(
        Buffer.from(logo?.bytes ?? []),
        readFileSync(path.join(FIXTURES, 'python-service/skeleton/static/logo.png')),
      );
      assert.equal(files['LICENSE'], 'Copyright (c) team-orders\n\nLicensed under the Apache License, Version 2.0.\n');
      assert.equal(files['.env.example'], 'PORT=8000\n');
      assert.match(files['Dockerfile'] ?? '', /^FROM python:3\.12-slim\n[\s\S]*"order_api\.main:app"/);
      assert.match(
        files['README.md'] ?? '',
        /Owned by \*\*team-orders\*\*; lives at `larkspur\/order-api` on github\.com\.\n\nHas no database\.\n$/,
      );
      assert.ok(
        result.log.includes(
          'Skipping ${{ \'.github\' if values.ci }}/workflows/ci.yaml: its name renders to "/workflows/ci.yaml"',
        ),
      );
      assert.ok(result.log.includes('Skipping step fetch-docs because its if condition was false'));
      await assertValidCatalogFile(result, 'catalog-info.yaml', 'component:default/order-api');
    });

    it('adds CI, docs and the database module when chosen, and keeps raw blocks raw', async () => {
      const result = await runFile(PYTHON, {
        ...values,
        docker: false,
        ci: true,
        docs: true,
        database: 'postgres',
        databaseSize: 20,
      });
      const files = contentsOf(result);
      assert.deepEqual(
        pathsOf(result).filter(
          (file) =>
            !['.gitignore', 'LICENSE', 'README.md', 'pyproject.toml', 'static/banner.txt', 'static/logo.png'].includes(
              file,
            ),
        ),
        [
          '.env.example',
          '.github/workflows/ci.yaml',
          'catalog-info.yaml',
          'docs/index.md',
          'src/order_api/__init__.py',
          'src/order_api/db.py',
          'src/order_api/main.py',
        ],
      );
      assert.match(
        files['.github/workflows/ci.yaml'] ?? '',
        /python-version: '3\.12'\n[\s\S]*echo "built \$\{\{ github\.sha \}\}"/,
      );
      assert.equal(
        files['docs/index.md'],
        '# Documentation\n\nCopied with fetch:plain, so ${{ values.component_id }} is not rendered here.\n',
      );
      assert.equal(files['.env.example'], 'PORT=8000\nDATABASE_URL=postgresql://localhost:5432/order_api\n');
      assert.match(files['catalog-info.yaml'] ?? '', / {2}dependsOn:\n {4}- resource:default\/order-api-db\n$/);
      assert.match(files['pyproject.toml'] ?? '', /"psycopg\[binary\]>=3\.1",\n\]/);
      assert.deepEqual(result.output.text, [{ title: 'Database', content: 'Postgres, 20 GB' }]);
    });

    it('uses step outputs in later steps and in the output links', async () => {
      const result = await runFile(PYTHON, values);
      assert.ok(
        result.log.includes('Registered component:default/order-api from https://github.com/larkspur/order-api'),
      );
      assert.deepEqual(result.output.links, [
        { title: 'Repository', url: 'https://github.com/larkspur/order-api' },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/order-api' },
      ]);
      assert.deepEqual(
        result.steps.map((step) => `${step.id}:${step.status}`),
        [
          'fetch-base:completed',
          'fetch-docs:skipped',
          'license:completed',
          'rename-env:completed',
          'drop-db:completed',
          'publish:skipped',
          'register:completed',
          'summary:completed',
        ],
      );
    });

    it('refuses values that do not fit the form, naming each field', async () => {
      const error = await rejectsWith(
        runFile(PYTHON, { component_id: 'Order API', repoUrl: 'github.com?owner=o&repo=r' }),
        'validation',
        /Name must match pattern/,
        /Owner is required/,
      );
      assert.deepEqual(
        error.fieldErrors.map((field) => field.field),
        ['owner', 'component_id'],
      );
      assert.equal(error.location?.file, PYTHON);
    });
  });

  describe('a TypeScript library with templateFileExtension (test/fixtures/templates/typescript-library)', () => {
    const values = {
      name: 'date-utils',
      owner: 'group:default/team-web',
      keywords: ['dates', 'time'],
      npmToken: 's3cr3t-token',
    };

    it('renders only .njk files (stripping the extension), copies the rest raw, into targetPath', async () => {
      const result = await runFile(LIBRARY, values);
      assert.deepEqual(pathsOf(result), [
        'date-utils/.github/workflows/release.yaml',
        'date-utils/.npmrc',
        'date-utils/CHANGELOG.md',
        'date-utils/README.md',
        'date-utils/catalog-info.yaml',
        'date-utils/package.json',
        'date-utils/src/date-utils.ts',
      ]);
      const files = contentsOf(result);
      assert.deepEqual((JSON.parse(files['date-utils/package.json'] ?? '{}') as { keywords?: unknown }).keywords, [
        'dates',
        'time',
      ]);
      assert.equal(files['date-utils/src/date-utils.ts'], "export const PACKAGE = 'date-utils';\n");
      assert.match(
        files['date-utils/.github/workflows/release.yaml'] ?? '',
        /NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}\n {10}VERSION: \$\{\{ github\.ref_name \}\}\n$/,
      );
      const withoutChangelog = await runFile(LIBRARY, { ...values, changelog: false });
      assert.ok(!pathsOf(withoutChangelog).includes('date-utils/CHANGELOG.md'));
    });

    it('writes the catalog entity as YAML and registers it by its URL', async () => {
      const result = await runFile(LIBRARY, values);
      assert.equal(
        contentsOf(result)['date-utils/catalog-info.yaml'],
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: date-utils\n  tags:\n    - dates\n    - time\nspec:\n  type: library\n  lifecycle: experimental\n  owner: group:default/team-web\n',
      );
      assert.deepEqual(
        result.catalogRegistrations.map((registration) => [registration.path, registration.entityRef]),
        [['date-utils/catalog-info.yaml', 'component:default/date-utils']],
      );
      assert.deepEqual(result.output.links[1], { title: 'Open in catalog', entityRef: 'component:default/date-utils' });
      assert.deepEqual(result.output.extra, { keywordCount: 2 });
    });

    it('runs each: once per item, honours if: false, and never logs a secret', async () => {
      const result = await runFile(LIBRARY, values);
      assert.ok(result.log.includes('keyword 0: dates'));
      assert.ok(result.log.includes('keyword 1: time'));
      assert.ok(result.log.includes('publishing with token *** as user:default/tester'));
      assert.ok(!result.log.some((line) => line.includes('s3cr3t-token')));
      assert.ok(result.log.includes('Skipping step never because its if condition was false'));
      assert.deepEqual(
        result.steps.filter((step) => step.status === 'skipped').map((step) => step.id),
        ['never'],
      );
    });

    it('skips a step whose if: reads a secret that was not given', async () => {
      const result = await runFile(LIBRARY, { name: 'date-utils', owner: 'team-web' });
      assert.deepEqual(
        result.steps.filter((step) => step.status === 'skipped').map((step) => step.id),
        ['token', 'never'],
      );
    });
  });

  it('names the local user in user.ref', () => {
    assert.match(defaultUserRef(), /^user:default\/[A-Za-z0-9][A-Za-z0-9._-]*$/);
  });
});
