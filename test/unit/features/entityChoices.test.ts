import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../src/catalog';
import { entityChoices, isMultiPicker, tagChoices } from '../../../src/features/scaffold/entityChoices';
import type { ParameterField } from '../../../src/scaffolder';
import { component, documents, group, indexOf, system, user } from '../support/indexFixtures';

function field(extension: string, options: Record<string, unknown> = {}): ParameterField {
  return {
    name: 'owner',
    page: 0,
    title: 'Owner',
    description: undefined,
    type: 'string',
    enum: undefined,
    enumNames: undefined,
    default: undefined,
    const: undefined,
    required: true,
    pattern: undefined,
    minLength: undefined,
    maxLength: undefined,
    minimum: undefined,
    maximum: undefined,
    items: undefined,
    widget: undefined,
    field: extension,
    options,
    help: undefined,
    placeholder: undefined,
    autofocus: false,
    readonly: false,
    hidden: false,
    secret: false,
    conditional: false,
    schema: {},
  };
}

describe('picker choices', () => {
  let index: CatalogIndex;

  before(async () => {
    index = await indexOf({
      '/ws/catalog-info.yaml': documents(
        group('team-playback', ['  profile:', '    displayName: Playback Team'], { metadata: ['  title: Playback'] }),
        group('guild-frontend', ['  children: []']),
        user('amara.osei', ['  memberOf: [team-playback]', '  profile:', '    displayName: Amara Osei']),
        system('playback', ['  owner: team-playback']),
        component('order-history', ['  owner: team-playback'], { metadata: ['  tags: [java, orders]'] }),
        component('player-web', ['  owner: team-playback'], { metadata: ['  tags: [web, java]'] }),
      ),
    });
  });

  it('OwnerPicker offers groups and users by display name, valued by ref', () => {
    const choices = entityChoices(index, field('OwnerPicker'));
    assert.deepEqual(
      choices.map((choice) => [choice.label, choice.value]).sort(),
      [
        ['Amara Osei', 'user:default/amara.osei'],
        ['Playback Team', 'group:default/team-playback'],
        ['guild-frontend', 'group:default/guild-frontend'],
      ].sort(),
    );
  });

  it('follows catalogFilter beyond the kind', () => {
    assert.deepEqual(
      entityChoices(
        index,
        field('OwnerPicker', { catalogFilter: { kind: 'Group', 'spec.profile.displayName': { exists: true } } }),
      ).map((choice) => choice.value),
      ['group:default/team-playback'],
    );
    assert.deepEqual(
      entityChoices(
        index,
        field('EntityPicker', { catalogFilter: [{ kind: 'System' }, { 'metadata.tags': 'orders' }] }),
      )
        .map((choice) => choice.value)
        .sort(),
      ['component:default/order-history', 'system:default/playback'],
    );
    assert.deepEqual(
      entityChoices(index, field('EntityPicker', { allowedKinds: ['User'] })).map((choice) => choice.label),
      ['Amara Osei'],
    );
  });

  it('EntityTagsPicker offers every tag once, sorted, narrowed by kinds', () => {
    assert.deepEqual(tagChoices(index, field('EntityTagsPicker')), ['java', 'orders', 'web']);
    assert.deepEqual(tagChoices(index, field('EntityTagsPicker', { kinds: ['System'] })), []);
    assert.ok(
      isMultiPicker(field('EntityTagsPicker')) &&
        isMultiPicker(field('MultiEntityPicker')) &&
        !isMultiPicker(field('OwnerPicker')),
    );
  });
});
