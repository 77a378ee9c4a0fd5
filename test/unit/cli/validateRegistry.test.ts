import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { component, fakeCatalog } from '../registry/support/fakeCatalog';
import { startLoopbackServer, type LoopbackServer } from '../registry/support/loopbackServer';
import { runCli } from '../support/runCli';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('greenroom validate --registry', () => {
  let folder: string;
  let server: LoopbackServer;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'greenroom-validate-registry-'));
    await fs.writeFile(
      path.join(folder, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: local-service',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: platform',
        '  dependsOn: [component:shared-lib, component:nowhere]',
        '',
      ].join('\n'),
    );
    server = await startLoopbackServer(
      fakeCatalog({ entities: [group, component('shared-lib', 'group:default/platform')] }),
    );
  });

  after(async () => {
    await server.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const danglingLines = (stdout: string): string[] => stdout.split('\n').filter((line) => /\[dangling/.test(line));

  it('without the registry, refs to the company catalog are dangling', async () => {
    const run = await runCli('validate', folder);
    const dangling = danglingLines(run.stdout);
    assert.equal(dangling.length, 3, run.stdout);
  });

  it('with it, they resolve and only the ref to nothing remains', async () => {
    const run = await runCli('validate', folder, '--registry', server.baseUrl);
    const dangling = danglingLines(run.stdout);
    assert.equal(dangling.length, 1, run.stdout);
    assert.match(dangling[0] ?? '', /nowhere/);
    assert.doesNotMatch(run.stdout, /shared-lib.*\[dangling|platform.*\[dangling/);
    assert.ok(server.requests.length > 0, 'the registry was not asked');
  });

  it('a registry that fails makes validate exit 1 with the reason', async () => {
    const run = await runCli('validate', folder, '--registry', 'http://127.0.0.1:9');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^greenroom: registry failed: /m);
  });
});
