import * as assert from 'node:assert/strict';
import {
  findReferencesInLine,
  referenceAtColumn,
  type ReferencePattern,
  type TextReference,
} from '../../../../src/catalog/language';

/** `text→ref@start-end`, the form assertions compare. */
function show(references: readonly TextReference[]): string[] {
  return references.map(
    (reference) => `${reference.text}→${reference.ref}@${reference.startColumn}-${reference.endColumn}`,
  );
}

describe('textReferences', () => {
  describe('findReferencesInLine: full refs', () => {
    it('finds kind:name and kind:namespace/name with zero-based columns', () => {
      const line = 'depends on component:payments and group:default/team-a.';
      assert.deepEqual(show(findReferencesInLine(line)), [
        'component:payments→component:default/payments@11-29',
        'group:default/team-a→group:default/team-a@34-54',
      ]);
      assert.equal(line.slice(11, 29), 'component:payments');
      assert.equal(line.slice(34, 54), 'group:default/team-a');
    });

    it('accepts any case in the kind and name and gives the canonical lower-case ref', () => {
      assert.deepEqual(show(findReferencesInLine('see API:Search-Api')), [
        'API:Search-Api→api:default/search-api@4-18',
      ]);
      assert.deepEqual(show(findReferencesInLine('User:Other/JDoe')), ['User:Other/JDoe→user:other/jdoe@0-15']);
    });

    it('knows every Backstage kind', () => {
      const kinds = ['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template', 'location'];
      const found = findReferencesInLine(kinds.map((kind) => `${kind}:x`).join(' '));
      assert.deepEqual(
        found.map((reference) => reference.ref),
        kinds.map((kind) => `${kind}:default/x`),
      );
    });

    it('finds refs inside quotes, brackets, backticks and after punctuation', () => {
      assert.deepEqual(show(findReferencesInLine('["component:a", (system:b), `domain:c`, owner=group:d')), [
        'component:a→component:default/a@2-13',
        'system:b→system:default/b@17-25',
        'domain:c→domain:default/c@29-37',
        'group:d→group:default/d@46-53',
      ]);
    });

    it('allows dots and underscores inside names, as Backstage does', () => {
      assert.deepEqual(show(findReferencesInLine('component:foo_bar.v2')), [
        'component:foo_bar.v2→component:default/foo_bar.v2@0-20',
      ]);
    });

    it('ends a name before trailing punctuation', () => {
      assert.deepEqual(show(findReferencesInLine('Ask component:player-service.')), [
        'component:player-service→component:default/player-service@4-28',
      ]);
      assert.deepEqual(show(findReferencesInLine('component:a, component:b;')), [
        'component:a→component:default/a@0-11',
        'component:b→component:default/b@13-24',
      ]);
    });

    it('ignores matches inside URLs, paths and words', () => {
      assert.deepEqual(findReferencesInLine('http://x/component:foo'), []);
      assert.deepEqual(findReferencesInLine('see https://example.com/api:thing'), []);
      assert.deepEqual(findReferencesInLine('mycomponent:foo'), []);
      assert.deepEqual(findReferencesInLine('a.component:foo b-component:foo c:component:foo'), []);
      assert.deepEqual(findReferencesInLine('component:foo/bar/baz'), [], 'too many slashes');
    });

    it('ignores unknown kinds and malformed refs', () => {
      assert.deepEqual(findReferencesInLine('foo:bar widget:default/x'), []);
      assert.deepEqual(findReferencesInLine('component: payments'), [], 'a YAML key with a value');
      assert.deepEqual(findReferencesInLine('component:'), []);
      assert.deepEqual(findReferencesInLine(''), []);
    });
  });

  describe('findReferencesInLine: configured patterns', () => {
    const codeowners: ReferencePattern = { pattern: '@larkspur/([a-z0-9-]+)', kind: 'group' };

    it('turns the first capture group into a ref of the configured kind, at the column of the capture', () => {
      const line = '/services/player/ @larkspur/team-a @larkspur/team-b';
      assert.deepEqual(show(findReferencesInLine(line, [codeowners])), [
        'team-a→group:default/team-a@28-34',
        'team-b→group:default/team-b@45-51',
      ]);
      assert.equal(line.slice(28, 34), 'team-a');
    });

    it('uses the whole match when the pattern has no capture group', () => {
      assert.deepEqual(show(findReferencesInLine('owned by TEAM-X', [{ pattern: 'TEAM-[A-Z]+', kind: 'Group' }])), [
        'TEAM-X→group:default/team-x@9-15',
      ]);
    });

    it('reads kind and namespace from the captured text when it spells them', () => {
      // After ":" the full-ref matcher does not look, so this is the pattern's find.
      assert.deepEqual(findReferencesInLine('owner:user:ops/jdoe'), []);
      assert.deepEqual(
        show(findReferencesInLine('owner:user:ops/jdoe', [{ pattern: 'owner:(\\S+)', kind: 'group' }])),
        ['user:ops/jdoe→user:ops/jdoe@6-19'],
      );
    });

    it('skips captured text that is no ref without a kind', () => {
      assert.deepEqual(findReferencesInLine('owner=team-a', [{ pattern: 'owner=(\\S+)' }]), []);
    });

    it('skips an invalid regular expression and still applies the other patterns', () => {
      const line = 'component:a @larkspur/team-a';
      assert.deepEqual(show(findReferencesInLine(line, [{ pattern: '([', kind: 'group' }, codeowners])), [
        'component:a→component:default/a@0-11',
        'team-a→group:default/team-a@22-28',
      ]);
    });

    it('merges pattern and full-ref matches in column order', () => {
      assert.deepEqual(show(findReferencesInLine('@larkspur/team-a then component:b', [codeowners])), [
        'team-a→group:default/team-a@10-16',
        'component:b→component:default/b@22-33',
      ]);
    });

    it('reports text that a full ref and a pattern (or two patterns) both match once', () => {
      const patterns: ReferencePattern[] = [
        { pattern: 'owner=(\\S+)', kind: 'group' },
        { pattern: '=(\\S+)', kind: 'user' },
      ];
      assert.deepEqual(show(findReferencesInLine('owner=component:x', patterns)), [
        'component:x→component:default/x@6-17',
      ]);
      assert.deepEqual(show(findReferencesInLine('owner=team-a', patterns)), ['team-a→group:default/team-a@6-12']);
    });

    it('ignores an empty match', () => {
      assert.deepEqual(findReferencesInLine('abc', [{ pattern: 'x*', kind: 'group' }]), []);
    });
  });

  describe('referenceAtColumn', () => {
    const line = 'owner: group:default/team-a # and component:b';
    //            0         1         2         3         4
    //            0123456789012345678901234567890123456789012345

    it('finds the ref under the cursor from its first column to just after its last', () => {
      assert.equal(referenceAtColumn(line, 7)?.ref, 'group:default/team-a', 'at the start');
      assert.equal(referenceAtColumn(line, 15)?.ref, 'group:default/team-a', 'inside');
      assert.equal(referenceAtColumn(line, 27)?.ref, 'group:default/team-a', 'right after the end');
      assert.equal(referenceAtColumn(line, 34)?.ref, 'component:default/b');
      assert.equal(referenceAtColumn(line, 45)?.ref, 'component:default/b', 'end of line');
    });

    it('finds nothing outside refs', () => {
      assert.equal(referenceAtColumn(line, 0), undefined);
      assert.equal(referenceAtColumn(line, 6), undefined, 'just before the start');
      assert.equal(referenceAtColumn(line, 28), undefined, 'one past the end');
      assert.equal(referenceAtColumn(line, 100), undefined);
    });

    it('uses the configured patterns', () => {
      assert.equal(
        referenceAtColumn('* @larkspur/team-a', 12, [{ pattern: '@larkspur/([a-z0-9-]+)', kind: 'group' }])?.ref,
        'group:default/team-a',
      );
      assert.equal(
        referenceAtColumn('* @larkspur/team-a', 3, [{ pattern: '@larkspur/([a-z0-9-]+)', kind: 'group' }]),
        undefined,
        'on the prefix, not the capture',
      );
    });
  });
});
