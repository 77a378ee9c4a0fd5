import * as assert from 'node:assert/strict';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import * as fc from 'fast-check';
import { formatEntityRef, humanizeEntityRef, parseCanonicalRef, resolveEntityRef } from '../../../src/catalog';
import { componentYaml, onlyProblem, parse, spanOf } from '../support/catalogFixtures';

/** The canonical ref, or a failed assertion with the parser's message. */
function resolved(text: string, context: { defaultKind?: string; defaultNamespace?: string }): string {
  const result = resolveEntityRef(text, context);
  return result.ok ? result.ref : assert.fail(`"${text}" did not resolve: ${result.message}`);
}

function failure(text: string, context: { defaultKind?: string; defaultNamespace?: string }): string {
  const result = resolveEntityRef(text, context);
  return result.ok ? assert.fail(`"${text}" unexpectedly resolved to ${result.ref}`) : result.message;
}

describe('entity refs', () => {
  describe('resolveEntityRef', () => {
    it('fills the field default kind and the default namespace: owner team-a → group:default/team-a', () => {
      assert.equal(resolved('team-a', { defaultKind: 'Group' }), 'group:default/team-a');
    });

    it('keeps a spelled kind over the default: user:jdoe → user:default/jdoe', () => {
      assert.equal(resolved('user:jdoe', { defaultKind: 'Group' }), 'user:default/jdoe');
    });

    it('keeps a spelled namespace and inherits the kind: ns/x → system:ns/x', () => {
      assert.equal(resolved('ns/x', { defaultKind: 'System', defaultNamespace: 'other' }), 'system:ns/x');
    });

    it('uses the given default namespace when the ref has none', () => {
      assert.equal(resolved('x', { defaultKind: 'System', defaultNamespace: 'other' }), 'system:other/x');
    });

    it('lower-cases every part and returns the compound form', () => {
      const result = resolveEntityRef('Component:Default/Player', {});
      assert.deepEqual(result, {
        ok: true,
        ref: 'component:default/player',
        compound: { kind: 'component', namespace: 'default', name: 'player' },
      });
    });

    it('fails without a kind when the field has no default kind', () => {
      assert.match(failure('artists-db', {}), /^Entity reference "artists-db" had missing or empty kind/);
    });

    it('fails on present-but-empty parts and on an empty string', () => {
      assert.match(failure(':default/x', {}), /was not on the form \[<kind>:\]\[<namespace>\/\]<name>/);
      assert.match(failure('user:/x', { defaultKind: 'Group' }), /was not on the form/);
      assert.match(failure('', { defaultKind: 'Group' }), /must not be empty/);
    });

    it('lets the name keep later separators (a/b/c → namespace a, name b/c)', () => {
      assert.equal(resolved('a/b/c', { defaultKind: 'Group' }), 'group:a/b/c');
    });

    it("agrees with Backstage's parseEntityRef on random refs and contexts (same ref, same message)", () => {
      // What resolveEntityRef did before it was written out: Backstage's functions, exceptions and all.
      const viaBackstage = (text: string, context: { defaultKind?: string; defaultNamespace?: string }): unknown => {
        try {
          const compound = parseEntityRef(text, {
            ...(context.defaultKind ? { defaultKind: context.defaultKind } : {}),
            defaultNamespace: context.defaultNamespace ?? DEFAULT_NAMESPACE,
          });
          const ref = stringifyEntityRef(compound);
          return { ok: true, ref, compound: parseCanonicalRef(ref) };
        } catch (error) {
          return { ok: false, message: (error as Error).message };
        }
      };
      const piece = fc.constantFrom('a', 'B', ':', '/', '-', 'x.y', 'É', 'Σ', 'İ', ' ', 'default', 'Group');
      const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
      const optional = fc.option(fc.constantFrom('', 'Group', 'component', 'ns', 'Other'), { nil: undefined });
      fc.assert(
        fc.property(text, optional, optional, (ref, defaultKind, defaultNamespace) => {
          const context = {
            ...(defaultKind === undefined ? {} : { defaultKind }),
            ...(defaultNamespace === undefined ? {} : { defaultNamespace }),
          };
          assert.deepEqual(resolveEntityRef(ref, context), viaBackstage(ref, context));
        }),
        { seed: 20250611, numRuns: 3000 },
      );
    });
  });

  describe('references written in entities', () => {
    it('uses the referring entity namespace as the default namespace', async () => {
      const parsed = await parse(
        componentYaml('svc', {
          namespace: 'payments',
          owner: 'team-a',
          spec: ['  system: default/billing', '  dependsOn:', '    - resource:ledger-db'],
        }),
      );
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(
        parsed.entities[0]?.references.map((site) => [site.field, site.text, site.targetRef]),
        [
          ['spec.owner', 'team-a', 'group:payments/team-a'],
          ['spec.system', 'default/billing', 'system:default/billing'],
          ['spec.dependsOn[0]', 'resource:ledger-db', 'resource:payments/ledger-db'],
        ],
      );
    });

    it('reports dependsOn without a kind as invalid-ref naming the field, on that item', async () => {
      const parsed = await parse(componentYaml('svc', { spec: ['  dependsOn:', '    - resource:db', '    - cache'] }));
      const problem = onlyProblem(parsed.problems);
      assert.equal(problem.code, 'invalid-ref');
      assert.equal(problem.severity, 'error');
      assert.match(problem.message, /^spec\.dependsOn\[1\]: Entity reference "cache" had missing or empty kind/);
      assert.equal(spanOf(problem.range), '10:6-10:11');
      assert.equal(problem.entityRef, 'component:default/svc');
      const record = parsed.entities[0] ?? assert.fail('no entity');
      assert.equal(record.valid, false);
      // The good item is still a reference.
      assert.deepEqual(
        record.references.map((site) => site.targetRef),
        ['group:default/team-a', 'resource:default/db'],
      );
    });

    it('reports a dependencyOf without a kind too', async () => {
      const parsed = await parse(componentYaml('svc', { spec: ['  dependencyOf: [frontend]'] }));
      assert.match(onlyProblem(parsed.problems).message, /^spec\.dependencyOf\[0\]: /);
    });
  });

  describe('formatting', () => {
    it('humanizeEntityRef drops the default namespace, and the kind when it is the expected one', () => {
      assert.equal(humanizeEntityRef('component:default/player'), 'component:player');
      assert.equal(humanizeEntityRef('component:default/player', { defaultKind: 'Component' }), 'player');
      assert.equal(humanizeEntityRef('group:ops/sre', { defaultKind: 'Group' }), 'ops/sre');
      assert.equal(humanizeEntityRef('group:ops/sre', { defaultKind: 'User' }), 'group:ops/sre');
    });

    it('formatEntityRef gives the canonical lower-case form with the default namespace', () => {
      assert.equal(formatEntityRef({ kind: 'API', metadata: { name: 'Playlists' } }), 'api:default/playlists');
      assert.equal(formatEntityRef({ kind: 'Group', metadata: { name: 'sre', namespace: 'Ops' } }), 'group:ops/sre');
    });

    it('parseCanonicalRef splits on the first colon and the first slash after it', () => {
      assert.deepEqual(parseCanonicalRef('component:default/a:b/c'), {
        kind: 'component',
        namespace: 'default',
        name: 'a:b/c',
      });
    });
  });
});
