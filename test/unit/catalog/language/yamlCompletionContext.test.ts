import * as assert from 'node:assert/strict';
import { catalogCompletionContext, type CatalogCompletionContext } from '../../../../src/catalog/language';

/** The context at the `|` in `lines` (which is removed), in a plain form for comparisons. */
function contextAt(...withCursor: string[]): Record<string, unknown> | undefined {
  const lineNumber = withCursor.findIndex((line) => line.includes('|'));
  assert.ok(lineNumber >= 0, 'no cursor | in the text');
  const column = withCursor[lineNumber]?.indexOf('|') ?? -1;
  const lines = withCursor.map((line, index) => (index === lineNumber ? line.replace('|', '') : line));
  return plain(catalogCompletionContext(lines, lineNumber, column));
}

function plain(context: CatalogCompletionContext | undefined): Record<string, unknown> | undefined {
  if (!context) {
    return undefined;
  }
  if (context.type === 'ref') {
    const { field, ...rest } = context;
    return { ...rest, field: field.field, defaultKind: field.defaultKind, targetKinds: field.targetKinds };
  }
  return { ...context };
}

const HEAD = ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: player'];

describe('catalogCompletionContext', () => {
  describe('ref fields', () => {
    it('offers owner refs after "  owner: " in a Component, with the field default kind Group', () => {
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  type: service', '  owner: |'), {
        type: 'ref',
        entityKind: 'Component',
        namespace: 'default',
        field: 'owner',
        defaultKind: 'Group',
        targetKinds: ['Group', 'User'],
        prefix: '',
        startColumn: 9,
      });
    });

    it('gives the typed prefix and where it starts, also inside quotes', () => {
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  owner: team-|'), {
        type: 'ref',
        entityKind: 'Component',
        namespace: 'default',
        field: 'owner',
        defaultKind: 'Group',
        targetKinds: ['Group', 'User'],
        prefix: 'team-',
        startColumn: 9,
      });
      const quoted = contextAt(...HEAD, 'spec:', '  system: "play|');
      assert.equal(quoted?.['field'], 'system');
      assert.equal(quoted?.['prefix'], 'play');
      assert.equal(quoted?.['startColumn'], 11);
      const kindPrefixed = contextAt(...HEAD, 'spec:', "  owner: 'user:jd|");
      assert.equal(kindPrefixed?.['prefix'], 'user:jd');
      assert.equal(kindPrefixed?.['startColumn'], 10);
    });

    it('uses only the text before the cursor', () => {
      const context = contextAt(...HEAD, 'spec:', '  owner: te|am-audio');
      assert.equal(context?.['prefix'], 'te');
      assert.equal(context?.['startColumn'], 9);
    });

    it('offers list items under "dependsOn:", indented or at the key\'s indent', () => {
      const expected = {
        type: 'ref',
        entityKind: 'Component',
        namespace: 'default',
        field: 'dependsOn',
        defaultKind: undefined,
        targetKinds: ['Component', 'Resource'],
      };
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  dependsOn:', '    - resource:db', '    - comp|'), {
        ...expected,
        prefix: 'comp',
        startColumn: 6,
      });
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  dependsOn:', '  - resource:db', '  - |'), {
        ...expected,
        prefix: '',
        startColumn: 4,
      });
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  dependsOn:', '  - |', '  owner: team-a'), {
        ...expected,
        prefix: '',
        startColumn: 4,
      });
    });

    it('skips blank and comment lines between a list item and its key', () => {
      assert.equal(
        contextAt(...HEAD, 'spec:', '  providesApis: # APIs', '', '    # the public one', '    - |')?.['field'],
        'providesApis',
      );
    });

    it('offers refs in a flow list', () => {
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  consumesApis: [a, b|'), {
        type: 'ref',
        entityKind: 'Component',
        namespace: 'default',
        field: 'consumesApis',
        defaultKind: 'API',
        targetKinds: ['API'],
        prefix: 'b',
        startColumn: 20,
      });
      assert.deepEqual(
        [
          contextAt(...HEAD, 'spec:', '  consumesApis: [|')?.['prefix'],
          contextAt(...HEAD, 'spec:', '  consumesApis: [|')?.['startColumn'],
        ],
        ['', 17],
      );
      assert.deepEqual(
        [
          contextAt(...HEAD, 'spec:', '  consumesApis: [a, "se|')?.['prefix'],
          contextAt(...HEAD, 'spec:', '  consumesApis: [a, "se|')?.['startColumn'],
        ],
        ['se', 21],
      );
    });

    it('offers nothing for keys that are no ref field of the kind', () => {
      assert.equal(contextAt(...HEAD, 'spec:', '  profile: |'), undefined);
      assert.equal(contextAt(...HEAD, 'spec:', '  members: |'), undefined, 'a Group field in a Component');
      assert.equal(contextAt(...HEAD, 'spec:', '  tags:', '    - |'), undefined);
      assert.equal(contextAt(...HEAD, 'spec:', '  consumesApis: [a]', '  foo: [|'), undefined);
      assert.equal(contextAt('owner: |'), undefined, 'a top-level key');
    });

    it('reads the namespace from metadata.namespace', () => {
      const context = contextAt(
        'kind: API',
        'metadata:',
        '  name: search-api',
        '  namespace: audio',
        'spec:',
        '  owner: |',
      );
      assert.equal(context?.['namespace'], 'audio');
      assert.equal(context?.['entityKind'], 'API');
    });

    it('offers fields of other kinds: Group parent and members, User memberOf', () => {
      const group = ['kind: Group', 'metadata:', '  name: team-a', 'spec:'];
      assert.deepEqual(
        [contextAt(...group, '  parent: |')?.['field'], contextAt(...group, '  parent: |')?.['defaultKind']],
        ['parent', 'Group'],
      );
      assert.deepEqual(
        [
          contextAt(...group, '  members:', '    - |')?.['field'],
          contextAt(...group, '  members:', '    - |')?.['defaultKind'],
        ],
        ['members', 'User'],
      );
      assert.equal(
        contextAt('kind: User', 'metadata:', '  name: jdoe', 'spec:', '  memberOf: [|')?.['field'],
        'memberOf',
      );
    });
  });

  describe('multi-document files', () => {
    const FILE = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata:',
      '  name: team-a',
      '  namespace: people',
      'spec:',
      '  type: team',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: player',
      'spec:',
      '  owner: ',
      '---',
      'kind: System',
      'metadata:',
      '  name: playback',
      'spec:',
      '  domain: ',
    ];

    function at(lineNumber: number): Record<string, unknown> | undefined {
      return plain(catalogCompletionContext(FILE, lineNumber, FILE[lineNumber]?.length ?? 0));
    }

    it('reads kind and namespace from the document of the cursor only', () => {
      assert.deepEqual(
        [at(13)?.['entityKind'], at(13)?.['namespace'], at(13)?.['field']],
        ['Component', 'default', 'owner'],
      );
      assert.deepEqual(
        [at(19)?.['entityKind'], at(19)?.['namespace'], at(19)?.['field']],
        ['System', 'default', 'domain'],
      );
    });

    it('recognises a document marker followed by a comment', () => {
      const lines = [
        'kind: Group',
        'metadata:',
        '  name: team-a',
        '  namespace: people',
        '--- # the service',
        'kind: Component',
        'metadata:',
        '  name: b',
        'spec:',
        '  owner: ',
      ];
      const context = plain(catalogCompletionContext(lines, 9, 9));
      assert.deepEqual(
        [context?.['entityKind'], context?.['namespace'], context?.['field']],
        ['Component', 'default', 'owner'],
      );
    });

    it('does not offer a field the kind of the current document lacks', () => {
      const lines = [...FILE.slice(0, 7), '  owner: '];
      assert.equal(plain(catalogCompletionContext(lines, 7, 9)), undefined, 'Groups have no owner');
    });
  });

  describe('envelope and spec values', () => {
    it('offers kinds after "kind: " at the top level only', () => {
      assert.deepEqual(contextAt('apiVersion: backstage.io/v1alpha1', 'kind: |'), {
        type: 'kind',
        prefix: '',
        startColumn: 6,
      });
      assert.deepEqual(contextAt('kind: Comp|'), { type: 'kind', prefix: 'Comp', startColumn: 6 });
      assert.equal(contextAt(...HEAD, 'spec:', '  kind: |'), undefined);
    });

    it('offers apiVersions after "apiVersion: "', () => {
      assert.deepEqual(contextAt('apiVersion: |', 'kind: Component'), {
        type: 'apiVersion',
        prefix: '',
        startColumn: 12,
      });
      assert.deepEqual(contextAt('apiVersion: backstage.io/v1|'), {
        type: 'apiVersion',
        prefix: 'backstage.io/v1',
        startColumn: 12,
      });
    });

    it('offers lifecycles after an indented "lifecycle: "', () => {
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  lifecycle: |'), {
        type: 'lifecycle',
        prefix: '',
        startColumn: 13,
      });
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  lifecycle: prod|'), {
        type: 'lifecycle',
        prefix: 'prod',
        startColumn: 13,
      });
    });

    it('offers spec types with the entity kind after "type: " under spec', () => {
      assert.deepEqual(contextAt(...HEAD, 'spec:', '  type: |'), {
        type: 'specType',
        entityKind: 'Component',
        prefix: '',
        startColumn: 8,
      });
      assert.deepEqual(
        contextAt('kind: Resource', 'metadata:', '  name: db', 'spec:', '  owner: team-a', '  type: da|'),
        { type: 'specType', entityKind: 'Resource', prefix: 'da', startColumn: 8 },
      );
    });

    it('offers no spec type for a "type:" elsewhere', () => {
      assert.equal(contextAt(...HEAD, '  links:', '    - url: https://example.com', '      type: |'), undefined);
      assert.equal(contextAt(...HEAD, '  labels:', '    type: |'), undefined);
    });

    it('offers annotation keys on a line under "annotations:"', () => {
      assert.deepEqual(contextAt(...HEAD, '  annotations:', '    |'), {
        type: 'annotationKey',
        prefix: '',
        startColumn: 4,
      });
      assert.deepEqual(
        contextAt(
          ...HEAD,
          '  annotations:',
          '    github.com/project-slug: larkspur/player',
          '    backstage.io/te|',
          'spec:',
        ),
        {
          type: 'annotationKey',
          prefix: 'backstage.io/te',
          startColumn: 4,
        },
      );
    });

    it('offers no annotation key under other keys or after the key is written', () => {
      assert.equal(contextAt(...HEAD, '  labels:', '    |'), undefined);
      assert.equal(contextAt(...HEAD, '  annotations:', '    backstage.io/techdocs-ref: |'), undefined);
      assert.equal(contextAt(...HEAD, '|'), undefined);
    });
  });
});
