import * as assert from 'node:assert/strict';
import { IdentityService } from '../../../src/features/identity/identityService';
import { Settings } from '../../../src/services/settings';
import { component, documents, group, indexOf, user } from '../support/indexFixtures';
import * as vscodeFake from '../support/vscodeFake';

const SIGNED_IN = {
  userEntityRef: 'user:default/amara.osei',
  ownershipEntityRefs: ['user:default/amara.osei', 'group:default/team-remote'],
  source: 'userinfo' as const,
  registry: 'acme',
};

describe('identity service (fake vscode)', () => {
  let settings: Settings | undefined;
  let identity: IdentityService | undefined;
  afterEach(() => {
    identity?.dispose();
    settings?.dispose();
    vscodeFake.configurationValues.user.clear();
    vscodeFake.configurationValues.workspace.clear();
  });

  function start(): IdentityService {
    settings = new Settings();
    identity = new IdentityService(settings);
    return identity;
  }

  it('takes the signed-in registry user when no setting names one, with the ownership it vouched for', async () => {
    const service = start();
    service.setRegistryIdentity(SIGNED_IN);
    assert.deepEqual(service.current(), {
      userEntityRef: 'user:default/amara.osei',
      source: { registry: 'acme' },
      claimedOwnership: SIGNED_IN.ownershipEntityRefs,
    });
    const index = await indexOf({
      'catalog-info.yaml': documents(
        group('team-a'),
        user('amara.osei', ['  memberOf: [team-a]']),
        component('mine', ['  owner: team-a']),
      ),
    });
    assert.deepEqual([...(service.ownerRefs(index) ?? [])].sort(), [
      'group:default/team-a',
      'group:default/team-remote',
      'user:default/amara.osei',
    ]);
  });

  it('falls back to greenroom.identity when the registry could not say who the token is', () => {
    vscodeFake.configurationValues.user.set('greenroom.identity', 'zoe.martin');
    const service = start();
    let changes = 0;
    service.onDidChange(() => changes++);
    service.setRegistryIdentity(SIGNED_IN);
    // What RegistryService.signedInIdentity reports after a refused or garbled token.
    service.setRegistryIdentity(undefined);
    assert.equal(changes, 2);
    assert.deepEqual(service.current(), {
      userEntityRef: 'user:default/zoe.martin',
      source: 'setting',
      claimedOwnership: [],
    });
    assert.equal(service.describe(), 'user:default/zoe.martin');
  });

  it('has no identity when neither a setting nor a registry names the user, or registry identity is off', () => {
    const service = start();
    assert.equal(service.current(), undefined);
    vscodeFake.changeConfiguration('user', { 'greenroom.identityFromRegistry': false });
    service.setRegistryIdentity(SIGNED_IN);
    assert.equal(service.current(), undefined);
  });
});
