// Who "me" is, against a real Backstage auth backend: the auth plugin with the guest sign-in
// provider issues a real user token (GET /api/auth/guest/refresh), and Greenroom's identity code
// must name the same user and the same ownership refs as the backend's own /api/auth/v1/userinfo;
// "owned by me" must then select what the backend says those refs own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex } from '../../src/catalog';
import { buildCatalogTable, queryCatalogTable } from '../../src/catalog/views/catalogTable';
import { ownedByMeRefs } from '../../src/catalog/views/ownedBy';
import { CatalogApiClient, type RegistryConfig } from '../../src/registry/catalogApiClient';
import { RegistryError } from '../../src/registry/registryErrors';
import { decodeJwtPayload, fetchRegistryIdentity } from '../../src/registry/registryIdentity';
import { RegistrySync } from '../../src/registry/registrySync';
import { httpRequest, startBackstage, type RunningBackstage } from '../backstage/backstageServer';

const USER = 'user:default/amara.osei';

/** A user in a team under a department, another team, and components owned at every level. */
const CATALOG = [
  group('larkspur', ['  type: business-unit', '  children: [team-orders]']),
  group('team-orders', ['  type: team', '  parent: larkspur', '  children: []']),
  group('team-other', ['  type: team', '  children: []']),
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata:',
    '  name: amara.osei',
    'spec:',
    '  memberOf: [team-orders]',
  ],
  component('order-history', 'team-orders'),
  component('order-notes', 'user:amara.osei'),
  component('storefront', 'larkspur'),
  component('ledger', 'team-other'),
]
  .map((lines) => lines.join('\n'))
  .join('\n---\n');

function group(name: string, spec: string[]): string[] {
  return ['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata:', `  name: ${name}`, 'spec:', ...spec];
}

function component(name: string, owner: string): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
  ];
}

async function getJson(backend: RunningBackstage, route: string, token?: string): Promise<unknown> {
  const answer = await httpRequest(
    'GET',
    `${backend.baseUrl}${route}`,
    token === undefined ? {} : { authorization: `Bearer ${token}` },
  );
  assert.equal(answer.status, 200, `GET ${route}: HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as unknown;
}

/** A real user token, as Backstage's frontend gets it after a guest sign-in. */
async function guestToken(backend: RunningBackstage): Promise<string> {
  const answer = (await getJson(backend, '/api/auth/guest/refresh')) as {
    backstageIdentity?: { token?: unknown; identity?: { userEntityRef?: unknown } };
  };
  const token = answer.backstageIdentity?.token;
  assert.equal(typeof token, 'string', `no token in the refresh answer: ${JSON.stringify(answer).slice(0, 300)}`);
  return token as string;
}

/** The refs of the entities the backend itself says these owners own (`relations.ownedBy`). */
async function ownedByOnTheBackend(backend: RunningBackstage, token: string, owners: readonly string[]) {
  const refs = new Set<string>();
  for (const owner of owners) {
    const page = (await getJson(
      backend,
      `/api/catalog/entities/by-query?limit=100&orderField=metadata.name,asc&filter=${encodeURIComponent(`relations.ownedBy=${owner}`)}`,
      token,
    )) as { items: { kind: string; metadata: { name: string; namespace?: string } }[] };
    for (const entity of page.items) {
      refs.add(`${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase());
    }
  }
  return [...refs].sort();
}

/** The same token with another user in its payload: the signature no longer matches. */
function forged(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const changed = Buffer.from(JSON.stringify({ ...claims, sub, ent: [sub, 'group:default/team-other'] })).toString(
    'base64url',
  );
  return [header, changed, signature].join('.');
}

describe('Identity from a real Backstage auth backend (guest sign-in)', function () {
  this.timeout(240_000);
  let folder: string;
  let backend: RunningBackstage;
  let config: RegistryConfig;
  let token: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-identity-it-'));
    const file = path.join(folder, 'catalog-info.yaml');
    fs.writeFileSync(file, `${CATALOG}\n`);
    backend = await startBackstage({ catalogFiles: [file], guestSignIn: { userEntityRef: USER } });
    await backend.waitForEntityCount(9, 120_000); // the Location, 3 groups, the user, 4 components
    config = { name: 'it', baseUrl: backend.baseUrl };
    token = await guestToken(backend);
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("names the same user and ownership refs as the backend's /api/auth/v1/userinfo", async () => {
    const userinfo = (await getJson(backend, '/api/auth/v1/userinfo', token)) as {
      claims: { sub: string; ent: string[] };
    };
    assert.equal(userinfo.claims.sub, USER);
    const identity = await fetchRegistryIdentity(config, token);
    assert.ok(identity, 'a guest user token named no one');
    assert.equal(identity.source, 'userinfo', 'the backend serves /v1/userinfo, so it must confirm the user');
    assert.equal(identity.userEntityRef, userinfo.claims.sub);
    assert.deepEqual([...identity.ownershipEntityRefs].sort(), [...userinfo.claims.ent].sort());
    assert.ok(identity.ownershipEntityRefs.includes('group:default/team-orders'), 'the team came from the catalog');
    // Backstage leaves `ent` out of the token itself (auth.omitIdentityTokenOwnershipClaim defaults
    // to true): the groups are known only because userinfo was asked.
    const payload = decodeJwtPayload(token) as { ent?: unknown } | undefined;
    console.log(
      `    token claims ent: ${JSON.stringify(payload?.ent)}; userinfo ent: ${userinfo.claims.ent.join(', ')}`,
    );
  });

  it("'owned by me' selects exactly what the backend's ownedBy query selects for the user's claims", async () => {
    const identity = await fetchRegistryIdentity(config, token);
    assert.ok(identity);
    // The user's own token reads the catalog too, as a signed-in user's editor would.
    const index = new CatalogIndex();
    await new RegistrySync(
      index,
      new CatalogApiClient(config, { token, timeoutMs: 20_000, retries: 1 }),
      undefined,
    ).sync();
    const owners = ownedByMeRefs(index, identity.userEntityRef, identity.ownershipEntityRefs);
    const page = queryCatalogTable(
      buildCatalogTable(index),
      {
        text: '',
        kind: '',
        ownedByMe: true,
        starredOnly: false,
        sort: 'name',
        direction: 'asc',
        offset: 0,
        limit: 500,
      },
      { ownerRefs: owners, starred: new Set() },
    );
    const selected = page.rows.map((row) => row.ref).sort();
    const backstageOwned = await ownedByOnTheBackend(backend, token, identity.ownershipEntityRefs);
    assert.deepEqual(backstageOwned, ['component:default/order-history', 'component:default/order-notes']);
    // Backstage's default resolver claims the user and its direct groups; Greenroom selects exactly
    // what those own (the parent group's component is not "mine").
    assert.deepEqual(selected, backstageOwned);
    assert.ok(!selected.includes('component:default/ledger'), "another team's component is not mine");
  });

  it('refuses a forged token with a clear error, and a garbled one names no one', async () => {
    await assert.rejects(
      fetchRegistryIdentity(config, forged(token, 'user:default/someone-else')),
      (error: unknown) => {
        assert.ok(error instanceof RegistryError, String(error));
        assert.equal(error.kind, 'unauthorized');
        assert.match(error.message, /\/api\/auth\/v1\/userinfo/);
        assert.match(error.message, /needs a valid token/);
        return true;
      },
    );
    assert.equal(await fetchRegistryIdentity(config, 'not-a-jwt'), undefined);
    assert.equal(await fetchRegistryIdentity(config, 'a.%%%.b'), undefined);
  });
});

describe('Identity for a user the catalog does not hold (guest sign-in)', function () {
  this.timeout(240_000);
  let folder: string;
  let backend: RunningBackstage;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-identity-it-'));
    const file = path.join(folder, 'catalog-info.yaml');
    fs.writeFileSync(file, `${CATALOG}\n`);
    backend = await startBackstage({
      catalogFiles: [file],
      guestSignIn: {
        userEntityRef: 'user:default/ghost',
        ownershipEntityRefs: ['user:default/ghost', 'group:default/team-other'],
      },
    });
    await backend.waitForEntityCount(9, 120_000);
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("takes the backend's word for the user and its ownership refs", async () => {
    const token = await guestToken(backend);
    const identity = await fetchRegistryIdentity({ name: 'it', baseUrl: backend.baseUrl }, token);
    assert.deepEqual(identity, {
      userEntityRef: 'user:default/ghost',
      ownershipEntityRefs: ['user:default/ghost', 'group:default/team-other'],
      source: 'userinfo',
      registry: 'it',
    });
  });
});
