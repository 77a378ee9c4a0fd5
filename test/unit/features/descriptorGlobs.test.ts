import * as assert from 'node:assert/strict';
import { looksLikeDescriptor, suggestGlobs, withGlobs } from '../../../src/features/catalogFiles/descriptorGlobs';

describe('descriptor globs', () => {
  it('tells a Backstage descriptor from other YAML', () => {
    assert.ok(looksLikeDescriptor('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n'));
    assert.ok(looksLikeDescriptor('# service\napiVersion: "backstage.io/v1beta1"\nkind: Template\n'));
    assert.ok(!looksLikeDescriptor('apiVersion: apps/v1\nkind: Deployment\n'), 'a Kubernetes manifest');
    assert.ok(!looksLikeDescriptor('apiVersion: backstage.io/v1alpha1\nmetadata: {}\n'), 'no kind');
    assert.ok(!looksLikeDescriptor('name: ci\non: push\n'));
  });

  it('suggests one glob per file name not yet matched, most files first', () => {
    const matched = (file: string): boolean => file.endsWith('catalog-info.yaml');
    const suggestions = suggestGlobs(
      ['a/backstage.yaml', 'b/backstage.yaml', 'c/catalog-info.yaml', 'org/teams.yml', 'x/weird[1].yaml'],
      matched,
    );
    assert.deepEqual(
      suggestions.map((suggestion) => suggestion.glob),
      ['**/backstage.yaml', '**/teams.yml', '**/weird[[]1[]].yaml'],
    );
    assert.deepEqual(suggestions[0]?.files, ['a/backstage.yaml', 'b/backstage.yaml']);
  });

  it('adds chosen globs after the current ones, once', () => {
    assert.deepEqual(
      withGlobs(['**/catalog-info.yaml'], ['**/backstage.yaml', '**/catalog-info.yaml', '**/backstage.yaml']),
      ['**/catalog-info.yaml', '**/backstage.yaml'],
    );
  });
});
