import * as assert from 'node:assert/strict';
import { decodeJwtPayload, identityFromClaims, userInfoUrl } from '../../../src/registry/registryIdentity';
import { entityByNameUrl } from '../../../src/registry/registryEntityRefresh';

/** A JWT as Backstage's auth backend issues it, unsigned here: only the payload is read. */
function jwt(payload: unknown): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256', kid: 'k' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('registry identity', () => {
  it("reads a Backstage user token's sub and ent claims", () => {
    const claims = decodeJwtPayload(
      jwt({
        sub: 'user:default/Amara.Osei',
        ent: ['user:default/amara.osei', 'group:default/team-playback', 42, 'not a ref'],
        exp: 1,
      }),
    );
    assert.deepEqual(identityFromClaims(claims), {
      userEntityRef: 'user:default/amara.osei',
      ownershipEntityRefs: ['user:default/amara.osei', 'group:default/team-playback'],
    });
  });

  it('finds no identity in a static token, a service token or a malformed one', () => {
    for (const token of [
      'greenroom-static-token',
      'a.b',
      `${'x'}.${'!!!'}.y`,
      jwt({ sub: 'backstage-server' }),
      jwt({ sub: 'group:default/team-a' }),
      jwt(['sub']),
      jwt({ ent: ['user:default/a'] }),
    ]) {
      assert.equal(identityFromClaims(decodeJwtPayload(token)), undefined, token);
    }
    assert.equal(identityFromClaims(null), undefined);
  });

  it('builds the auth and catalog URLs under the base path, escaping each part of the ref', () => {
    assert.equal(
      userInfoUrl({ name: 'r', baseUrl: 'https://bs.example.com/backstage/' }),
      'https://bs.example.com/backstage/api/auth/v1/userinfo',
    );
    assert.equal(
      entityByNameUrl({ name: 'r', baseUrl: 'https://bs.example.com' }, 'component:default/a b#c'),
      'https://bs.example.com/api/catalog/entities/by-name/component/default/a%20b%23c',
    );
    assert.throws(() => entityByNameUrl({ name: 'r', baseUrl: 'https://bs.example.com' }, 'component-a'));
  });
});
