// Scorecards on the 20,000-entity workspace (`npm run bench scorecard`): a full evaluation of
// the built-ins, three checks.yaml predicates and CODEOWNERS, then re-evaluation after one edit.
// The baseline, measured in the same run: one pass of @backstage/filter-predicates over every
// entity with a single `{ kind: component }` predicate, the least any predicate check costs.
// Prints `BENCH_SCORECARD {json}` last.
import { createHash } from 'node:crypto';
import { filterPredicates } from '../src/catalog/filterPredicates';
import { CatalogIndex, parseCatalogFile, type CatalogChangeEvent } from '../src/catalog';
import { parseCodeOwners } from '../src/catalog/codeOwners';
import { checkSet, parseChecksFile, ScorecardEngine, BUILTIN_CHECK_IDS } from '../src/scorecards';
import { percentile, round } from './statistics';
import { catalogText, orgText, type MonorepoShape } from './syntheticMonorepo';

const SHAPE: MonorepoShape = { files: 10_000, groups: 40, systems: 60 };
const ROOT = '/bench';
const ORIGIN = { type: 'workspace', folder: ROOT } as const;
const CHECKS = `checks:
  - id: prod-oncall
    title: Production components name their on-call rotation
    severity: warning
    filter: { kind: component, spec.lifecycle: production }
    rule: { metadata.annotations.pagerduty.com/service-id: { $exists: true } }
  - id: tagged
    title: Components and APIs are tagged
    filter: { kind: { $in: [component, api] } }
    rule: { metadata.tags: { $contains: { $any: [java, go, typescript, backend] } } }
  - id: owned-by-team
    title: Owned by a team group
    filter: { $not: { kind: { $in: [group, user, location] } } }
    rule: { spec.owner: { $hasPrefix: team- } }
`;

const median = (samples: readonly number[]): number => percentile(samples, 0.5);

async function main(): Promise<void> {
  const index = new CatalogIndex();
  index.upsertFile(await parseCatalogFile(`${ROOT}/org/catalog-info.yaml`, orgText(SHAPE), ORIGIN));
  for (let file = 0; file < SHAPE.files; file++) {
    index.upsertFile(
      await parseCatalogFile(`${ROOT}/services/svc-${file}/catalog-info.yaml`, catalogText(file, SHAPE), ORIGIN),
    );
  }
  const records = index.entities();
  console.log(`entities: ${index.size}`);
  const checksFile = parseChecksFile(`${ROOT}/.greenroom/checks.yaml`, CHECKS, BUILTIN_CHECK_IDS);
  if (checksFile.problems.length > 0) {
    throw new Error(JSON.stringify(checksFile.problems));
  }
  const codeOwners = parseCodeOwners(
    '.github/CODEOWNERS',
    [
      '* @acme/team-0',
      ...Array.from({ length: 100 }, (_, area) => `/services/svc-${area}*/ @acme/team-${area % SHAPE.groups}`),
    ].join('\n'),
  );
  const checks = checkSet({ files: [checksFile] });

  const { evaluateFilterPredicate } = filterPredicates();
  const baselineSamples: number[] = [];
  const fullSamples: number[] = [];
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  const fullCpuSamples: number[] = [];
  const engine = new ScorecardEngine(index);
  engine.setCodeOwners(ROOT, codeOwners);
  for (let round = 0; round < 7; round++) {
    let started = performance.now();
    let matched = 0;
    for (const record of records) {
      matched += evaluateFilterPredicate({ kind: 'component' }, record.entity) ? 1 : 0;
    }
    baselineSamples.push(performance.now() - started);
    started = performance.now();
    const cpu = process.cpuUsage();
    engine.setChecks(checks);
    fullSamples.push(performance.now() - started);
    const cpuUsed = process.cpuUsage(cpu);
    fullCpuSamples.push((cpuUsed.user + cpuUsed.system) / 1000);
    if (matched === 0) {
      throw new Error('the baseline matched nothing');
    }
  }
  const cards = [...engine.scorecards()];
  const results = cards.reduce((sum, card) => sum + card.total, 0);
  // A digest of every result (check, verdict, message, field, fix), so a faster engine can show it computes the same.
  const digest = createHash('sha256');
  for (const card of cards) {
    for (const { check, outcome } of card.results) {
      digest.update(JSON.stringify([card.ref, check.id, outcome.passed, outcome.message, outcome.field, outcome.fix]));
    }
  }
  console.log(
    `checks: ${checks.length}; results: ${results} over ${cards.length} scorecards; digest ${digest.digest('hex').slice(0, 16)}`,
  );

  // One edit: a component's descriptor changes (its owner), as a save would upsert it.
  const editSamples: number[] = [];
  const upsertSamples: number[] = [];
  for (let edit = 0; edit < 200; edit++) {
    const file = (edit * 37) % SHAPE.files;
    const text = catalogText(file, SHAPE).replace(/owner: team-\d+/, `owner: team-${(file + edit) % SHAPE.groups}`);
    const parsed = await parseCatalogFile(`${ROOT}/services/svc-${file}/catalog-info.yaml`, text, ORIGIN);
    let started = performance.now();
    const event: CatalogChangeEvent = index.upsertFile(parsed);
    upsertSamples.push(performance.now() - started);
    started = performance.now();
    engine.applyChange(event);
    editSamples.push(performance.now() - started);
  }
  // An edit to the org file touches every group: what they own (everything) is evaluated again.
  const orgEvent = index.upsertFile(await parseCatalogFile(`${ROOT}/org/catalog-info.yaml`, orgText(SHAPE), ORIGIN));
  const started = performance.now();
  const orgChange = engine.applyChange(orgEvent);
  const orgMs = performance.now() - started;

  const baseline = median(baselineSamples);
  const full = median(fullSamples);
  const fullCpu = median(fullCpuSamples);
  const editP50 = median(editSamples);
  const editP95 = percentile(editSamples, 0.95);
  console.log(`baseline (one predicate over every entity): ${round(baseline, 2)} ms`);
  console.log(
    `full evaluation: median ${round(full, 1)} ms of ${fullSamples.map((sample) => round(sample, 0)).join(', ')} (goal ≤ 200 ms); ${round(full / baseline, 1)}× the baseline; CPU time median ${round(fullCpu, 1)} ms`,
  );
  console.log(
    `re-evaluation after one component edit: p50 ${round(editP50, 3)} ms, p95 ${round(editP95, 3)} ms (goal ≤ 5 ms); index upsert p50 ${round(median(upsertSamples), 3)} ms`,
  );
  console.log(
    `re-evaluation after an org file edit (every group): ${round(orgMs, 1)} ms for ${orgChange.evaluated.length} entities`,
  );
  console.log(
    `BENCH_SCORECARD ${JSON.stringify({
      scorecard_entities: index.size,
      scorecard_checks: checks.length,
      scorecard_baseline_ms: round(baseline, 2),
      scorecard_full_ms: round(full, 1),
      scorecard_full_ratio: round(full / baseline, 1),
      scorecard_full_cpu_ms: round(fullCpu, 1),
      scorecard_edit_p50_ms: round(editP50, 3),
      scorecard_edit_p95_ms: round(editP95, 3),
      scorecard_org_edit_ms: round(orgMs, 1),
    })}`,
  );
}

void main();
