import * as assert from 'node:assert/strict';
import { promises as fs, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeCatalogFileSystem } from '../../../src/catalog';
import { loadDocsSite, renderDocsPage } from '../../../src/docs/docsSite';
import { locateTechDocs, type TechDocsSite } from '../../../src/docs/techdocsLocation';

/**
 * Docs pages and images lie inside the workspace by real path: a docs folder, a site folder, an
 * mkdocs.yml or an image that is a symbolic link out of the workspace is refused, on real links.
 */
const OPTIONS = { assetUri: (absolutePath: string) => `https://resource.test${absolutePath}` };
const SECRET_PAGE = '# Secret\n\nThe launch codes.\n';

describe('docs confinement by real path (real symbolic links)', () => {
  let sandbox: string;
  let workspace: string;
  let service: string;
  let outside: string;

  beforeEach(async () => {
    sandbox = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-docs-links-')));
    workspace = path.join(sandbox, 'workspace');
    service = path.join(workspace, 'svc');
    outside = path.join(sandbox, 'outside');
    await fs.mkdir(service, { recursive: true });
    await fs.mkdir(path.join(outside, 'docs'), { recursive: true });
    await fs.writeFile(path.join(outside, 'docs', 'index.md'), SECRET_PAGE);
    await fs.writeFile(path.join(outside, 'mkdocs.yml'), 'site_name: Secret\ndocs_dir: docs\n');
    await fs.writeFile(path.join(outside, 'secret.png'), 'not really a png');
  });

  afterEach(async () => {
    await fs.rm(sandbox, { recursive: true, force: true });
  });

  async function locate(
    ref: string,
    root = workspace,
    descriptor = path.join(service, 'catalog-info.yaml'),
  ): Promise<Awaited<ReturnType<typeof locateTechDocs>>> {
    return locateTechDocs(nodeCatalogFileSystem, descriptor, ref, root);
  }

  it('refuses a dir: folder that is a link out of the workspace', async () => {
    symlinkSync(outside, path.join(service, 'linked'));
    const lookup = await locate('dir:./linked');
    assert.equal(lookup.ok, false);
    assert.match(lookup.ok ? '' : lookup.reason, /links outside the workspace folder; refused/);
  });

  it('refuses a docs folder that is a link out of the workspace', async () => {
    symlinkSync(path.join(outside, 'docs'), path.join(service, 'docs'));
    const lookup = await locate('dir:.');
    assert.equal(lookup.ok, false);
    assert.match(lookup.ok ? '' : lookup.reason, /docs folder .*links outside the workspace folder; refused/);
  });

  it('refuses an mkdocs.yml that is a link out of the workspace, without reading it', async () => {
    await fs.mkdir(path.join(service, 'docs'));
    await fs.writeFile(path.join(service, 'docs', 'index.md'), '# Ours\n');
    symlinkSync(path.join(outside, 'mkdocs.yml'), path.join(service, 'mkdocs.yml'));
    const reads: string[] = [];
    const recording = {
      ...nodeCatalogFileSystem,
      readFile: (file: string) => (reads.push(file), nodeCatalogFileSystem.readFile(file)),
    };
    const lookup = await locateTechDocs(recording, path.join(service, 'catalog-info.yaml'), 'dir:.', workspace);
    assert.equal(lookup.ok, false);
    assert.match(lookup.ok ? '' : lookup.reason, /mkdocs\.yml links outside the workspace folder; refused/);
    assert.deepEqual(reads, []);
  });

  it('follows a docs folder linked to another folder inside the workspace', async () => {
    await fs.mkdir(path.join(workspace, 'shared-docs'));
    await fs.writeFile(path.join(workspace, 'shared-docs', 'index.md'), '# Shared\n');
    symlinkSync(path.join(workspace, 'shared-docs'), path.join(service, 'docs'));
    const lookup = await locate('dir:.');
    assert.ok(lookup.ok, lookup.ok ? '' : lookup.reason);
    const page = await renderDocsPage(nodeCatalogFileSystem, lookup.site, '', OPTIONS);
    assert.equal(page.title, 'Shared');
  });

  it('works for a workspace opened through a link', async () => {
    await fs.mkdir(path.join(service, 'docs'));
    await fs.writeFile(path.join(service, 'docs', 'index.md'), '# Ours\n');
    const opened = path.join(sandbox, 'opened');
    symlinkSync(workspace, opened);
    const lookup = await locate('dir:.', opened, path.join(opened, 'svc', 'catalog-info.yaml'));
    assert.ok(lookup.ok, lookup.ok ? '' : lookup.reason);
    assert.equal(lookup.site.docsDir, path.join(opened, 'svc', 'docs'));
  });

  describe('pages and images', () => {
    let site: TechDocsSite;

    beforeEach(async () => {
      const docs = path.join(service, 'docs');
      await fs.mkdir(path.join(docs, 'images'), { recursive: true });
      await fs.writeFile(path.join(docs, 'images', 'ok.png'), 'png');
      await fs.writeFile(
        path.join(docs, 'index.md'),
        '# Home\n\n![ok](images/ok.png) ![linked](images/secret.png) ![through](out/secret.png)\n\n[notes](notes.txt) [key](key.txt)\n',
      );
      await fs.writeFile(path.join(docs, 'notes.txt'), 'notes');
      await fs.writeFile(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
      symlinkSync(path.join(outside, 'id_rsa'), path.join(docs, 'key.txt'));
      symlinkSync(path.join(outside, 'secret.png'), path.join(docs, 'images', 'secret.png'));
      symlinkSync(outside, path.join(docs, 'out'));
      symlinkSync(path.join(outside, 'docs', 'index.md'), path.join(docs, 'secret.md'));
      const lookup = await locate('dir:.');
      assert.ok(lookup.ok, lookup.ok ? '' : lookup.reason);
      site = lookup.site;
    });

    it('shows only images whose real path is inside the docs folder', async () => {
      const page = await renderDocsPage(nodeCatalogFileSystem, site, '', OPTIONS);
      assert.ok(page.html.includes(`https://resource.test${path.join(site.docsDir, 'images', 'ok.png')}`), page.html);
      assert.ok(!page.html.includes('secret.png"') && !page.html.includes(outside), page.html);
      assert.deepEqual(
        page.problems.filter((problem) => problem.startsWith('image ') && problem.includes('outside the docs folder'))
          .length,
        2,
        page.problems.join('\n'),
      );
    });

    it('keeps file links inside the docs folder and removes those that link out', async () => {
      const page = await renderDocsPage(nodeCatalogFileSystem, site, '', OPTIONS);
      assert.match(page.html, /data-asset="notes\.txt"/);
      assert.doesNotMatch(page.html, /key\.txt"/);
      assert.ok(
        page.problems.some((problem) => /^link key\.txt removed: .*outside the docs folder; refused$/.test(problem)),
        page.problems.join('\n'),
      );
    });

    it('lists and renders no page that links out of the workspace', async () => {
      const content = await loadDocsSite(nodeCatalogFileSystem, site);
      assert.deepEqual(content.pages, ['index.md']);
      await assert.rejects(
        renderDocsPage(nodeCatalogFileSystem, site, 'secret.md', OPTIONS),
        /outside the docs folder; refused/,
      );
      await assert.rejects(
        renderDocsPage(nodeCatalogFileSystem, site, 'out/docs/index.md', OPTIONS),
        /outside the docs folder; refused/,
      );
    });
  });
});
