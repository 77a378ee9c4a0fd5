import { CatalogIndex } from '../../../src/catalog';
import { parseCodeOwners } from '../../../src/catalog/codeOwners';
import { BUILTIN_CHECKS, ScorecardEngine, type EntityScorecard, type ScorecardCheck } from '../../../src/scorecards';
import { parse, ROOT } from '../support/catalogFixtures';

/** A catalog of files (path → YAML) indexed, with an engine over it holding `checks`. */
export async function scoredCatalog(
  files: Record<string, string>,
  checks: readonly ScorecardCheck[] = BUILTIN_CHECKS,
  codeOwners?: string,
): Promise<{ index: CatalogIndex; engine: ScorecardEngine }> {
  const index = new CatalogIndex();
  for (const [file, text] of Object.entries(files)) {
    index.upsertFile(await parse(text, file));
  }
  const engine = new ScorecardEngine(index);
  if (codeOwners !== undefined) {
    engine.setCodeOwners(ROOT, parseCodeOwners('.github/CODEOWNERS', codeOwners));
  }
  engine.setChecks(checks);
  return { index, engine };
}

/** `check-id: pass|fail` for every applicable check of an entity. */
export function outcomes(card: EntityScorecard | undefined): Record<string, 'pass' | 'fail'> {
  const result: Record<string, 'pass' | 'fail'> = {};
  for (const { check, outcome } of card?.results ?? []) {
    result[check.id] = outcome.passed ? 'pass' : 'fail';
  }
  return result;
}

export function entityYaml(
  kind: string,
  name: string,
  metadata: readonly string[] = [],
  spec: readonly string[] = [],
): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...metadata,
    ...(spec.length > 0 ? ['spec:', ...spec] : []),
    '',
  ].join('\n');
}
