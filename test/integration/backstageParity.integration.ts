// Differential test: the same catalog folder given to a real Backstage catalog backend (with the
// folder's own app-config catalog section) and to `greenroom index --json` must give the same
// entities and the same relations. Nothing here lists expected entities: each side's answer is
// compared with the other's.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';
import { sleep } from '../e2e/support/codeServer';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'parity');
/** The CLI's compiled main module; GREENROOM_PARITY_CLI measures another build (e.g. an older one) against the same backend. */
const CLI_MAIN = process.env['GREENROOM_PARITY_CLI'] ?? path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
/** Where each run's figures go, for the README's compatibility section. */
const FIGURES = process.env['GREENROOM_PARITY_FIGURES'] ?? path.join(os.tmpdir(), 'greenroom-parity-figures.json');

interface BackendEntity {
  kind: string;
  metadata: { namespace?: string; name: string; annotations?: Record<string, string> };
  spec?: { steps?: { action?: string; input?: { url?: unknown } }[] };
  relations?: { type: string; targetRef: string }[];
}

interface IndexReport {
  entities: { ref: string; valid: boolean; file: string | null }[];
  relations: { source: string; type: string; target: string }[];
}

const refOf = (entity: BackendEntity): string =>
  `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLocaleLowerCase('en-US');

/** Every entity the backend serves, paged the plain way. */
async function backendEntities(backend: RunningBackstage): Promise<BackendEntity[]> {
  const entities: BackendEntity[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const query = cursor ? `cursor=${encodeURIComponent(cursor)}&limit=500` : 'limit=500&orderField=metadata.name,asc';
    const answer = await httpRequest('GET', `${backend.baseUrl}/api/catalog/entities/by-query?${query}`);
    assert.equal(answer.status, 200, answer.body.slice(0, 300));
    const page = JSON.parse(answer.body) as { items: BackendEntity[]; pageInfo: { nextCursor?: string } };
    entities.push(...page.items);
    cursor = page.pageInfo.nextCursor;
    if (!cursor) {
      return entities;
    }
  }
  throw new Error('the backend paged forever');
}

/** Waits until what the backend serves (entities and their relations) stops changing. */
async function settledEntities(backend: RunningBackstage): Promise<BackendEntity[]> {
  const started = Date.now();
  let last = '';
  let same = 0;
  for (;;) {
    const entities = await backendEntities(backend);
    const digest = JSON.stringify(
      entities
        .map((entity) => [
          refOf(entity),
          (entity.relations ?? []).map((relation) => `${relation.type}>${relation.targetRef}`).sort(),
        ])
        .sort(),
    );
    same = digest === last ? same + 1 : 0;
    last = digest;
    if (same >= 4 && Date.now() - started > 10_000) {
      return entities;
    }
    if (Date.now() - started > 180_000) {
      throw new Error('the backend did not settle within 3 minutes');
    }
    await sleep(1000);
  }
}

/** A location target of app-config, resolved as the backend (working folder packages/backend) would. */
function resolveConfigTarget(configFolder: string, target: string): string {
  if (path.isAbsolute(target)) {
    return target;
  }
  const staticPart = target.split(/[*?[{]/)[0] ?? target;
  for (const base of [configFolder, path.join(configFolder, 'packages', 'backend')]) {
    if (fs.existsSync(path.resolve(base, staticPart))) {
      return path.resolve(base, target);
    }
  }
  return path.resolve(configFolder, target);
}

/**
 * Descriptor files no location of app-config names, registered each on its own (as Backstage's
 * discovery or import page would register a repository's catalog-info.yaml).
 */
function registeredOnTheirOwn(folder: string): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && !['node_modules', '.git', 'skeleton'].includes(entry.name)) {
        walk(full);
      } else if (entry.isFile() && /(^|\.)catalog-info\.ya?ml$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(folder);
  return found.sort();
}

/** Folders the backend's Templates fetch content from (from the backend's own answer). */
function templateContentFolders(entities: readonly BackendEntity[]): string[] {
  const folders: string[] = [];
  for (const entity of entities) {
    const location = entity.metadata.annotations?.['backstage.io/managed-by-location'];
    if (entity.kind !== 'Template' || !location?.startsWith('file:')) {
      continue;
    }
    for (const step of entity.spec?.steps ?? []) {
      const url = step.input?.url;
      if (typeof url === 'string' && /^fetch:(template|plain)/.test(step.action ?? '') && !/^[a-z]+:/i.test(url)) {
        folders.push(path.resolve(path.dirname(location.slice('file:'.length)), url));
      }
    }
  }
  return folders;
}

async function greenroomIndex(folder: string): Promise<IndexReport> {
  const script = `require(${JSON.stringify(CLI_MAIN)}).main(['index', ${JSON.stringify(folder)}, '--json']).then((code) => { process.exitCode = code; })`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as IndexReport;
}

const relationText = (relation: { source: string; type: string; target: string }): string =>
  `${relation.source} ${relation.type} ${relation.target}`;

function difference(left: readonly string[], right: readonly string[]): string[] {
  const other = new Set(right);
  return [...new Set(left)].filter((item) => !other.has(item)).sort();
}

for (const name of fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).sort() : []) {
  describe(`Backstage parity: ${name}`, function () {
    this.timeout(300_000);
    let folder: string;
    let backend: RunningBackstage;
    let served: BackendEntity[];
    let report: IndexReport;

    before(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), `greenroom-parity-${name}-`));
      fs.cpSync(path.join(FIXTURES, name), folder, { recursive: true });
      const configFile = path.join(folder, 'app-config.yaml');
      const config = (fs.existsSync(configFile) ? parseYaml(fs.readFileSync(configFile, 'utf8')) : {}) as {
        catalog?: { rules?: unknown; locations?: { type: string; target: string; rules?: unknown }[] };
      };
      const locations = (config.catalog?.locations ?? []).map((location) =>
        location.type === 'file' ? { ...location, target: resolveConfigTarget(folder, location.target) } : location,
      );
      backend = await startBackstage({
        catalogFiles: registeredOnTheirOwn(folder),
        catalog: { rules: config.catalog?.rules, locations },
        processingIntervalSeconds: 1,
      });
      [served, report] = await Promise.all([settledEntities(backend), greenroomIndex(folder)]);
    });

    after(async () => {
      await backend?.stop();
      if (folder) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });

    it('greenroom index --json has exactly the entities and relations the backend stores', () => {
      // Backstage wraps each static location in a generated Location entity of its own.
      const kept = served.filter(
        (entity) => !(entity.kind === 'Location' && entity.metadata.name.startsWith('generated-')),
      );
      // Registered here on their own for the comparison; a portal never registers a template's content.
      const contentFolders = templateContentFolders(kept);
      const isContent = (entity: BackendEntity): boolean => {
        const location = entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? '';
        return (
          location.startsWith('file:') &&
          contentFolders.some((content) => !path.relative(content, location.slice('file:'.length)).startsWith('..'))
        );
      };
      const content = kept.filter(isContent).map(refOf);
      const backendRefs = kept
        .filter((entity) => !isContent(entity))
        .map(refOf)
        .sort();
      const backendRelations = kept
        .filter((entity) => !isContent(entity))
        .flatMap((entity) =>
          (entity.relations ?? [])
            .filter((relation) => !content.includes(relation.targetRef))
            .map((relation) => `${refOf(entity)} ${relation.type} ${relation.targetRef}`),
        )
        .sort();
      const greenroomRefs = report.entities
        .filter((entity) => entity.valid)
        .map((entity) => entity.ref)
        .sort();
      const greenroomRelations = report.relations.map(relationText).sort();
      const figures = {
        catalog: name,
        backendEntities: backendRefs.length,
        greenroomEntities: report.entities.length,
        greenroomValid: greenroomRefs.length,
        backendRelations: backendRelations.length,
        greenroomRelations: greenroomRelations.length,
        templateContentInBackend: content.length,
        onlyInBackend: difference(backendRefs, greenroomRefs),
        onlyInGreenroom: difference(greenroomRefs, backendRefs),
        relationsOnlyInBackend: difference(backendRelations, greenroomRelations),
        relationsOnlyInGreenroom: difference(greenroomRelations, backendRelations),
      };
      const all = fs.existsSync(FIGURES)
        ? (JSON.parse(fs.readFileSync(FIGURES, 'utf8')) as Record<string, unknown>)
        : {};
      fs.writeFileSync(FIGURES, `${JSON.stringify({ ...all, [name]: figures }, null, 2)}\n`);
      console.log(
        `      ${name}: ${JSON.stringify({ ...figures, onlyInBackend: figures.onlyInBackend.length, onlyInGreenroom: figures.onlyInGreenroom.length, relationsOnlyInBackend: figures.relationsOnlyInBackend.length, relationsOnlyInGreenroom: figures.relationsOnlyInGreenroom.length })}`,
      );
      assert.ok(backendRefs.length > 0, 'the backend stored nothing: the fixture or its app-config is broken');
      assert.deepEqual(
        { onlyInBackend: figures.onlyInBackend, onlyInGreenroom: figures.onlyInGreenroom },
        { onlyInBackend: [], onlyInGreenroom: [] },
        'entity sets differ',
      );
      assert.deepEqual(
        { onlyInBackend: figures.relationsOnlyInBackend, onlyInGreenroom: figures.relationsOnlyInGreenroom },
        { onlyInBackend: [], onlyInGreenroom: [] },
        'relations differ',
      );
      for (const ref of content) {
        assert.ok(
          !report.entities.some((entity) => entity.ref === ref),
          `${ref} is template content but greenroom lists it`,
        );
      }
    });
  });
}
