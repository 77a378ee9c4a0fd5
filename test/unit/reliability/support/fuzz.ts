import * as fc from 'fast-check';

/**
 * Every property of the reliability suites runs with one fixed seed and a bounded number of
 * runs, so CI is deterministic and fast. A failure prints fast-check's report (seed, shrunk
 * counterexample, replay path) plus how to replay it: `GREENROOM_FUZZ_SEED=<seed>` replays
 * another seed, `GREENROOM_FUZZ_RUNS=<factor>` multiplies every numRuns for a local soak.
 */
const DEFAULT_SEED = 20250611;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export const FUZZ_SEED = Math.trunc(envNumber('GREENROOM_FUZZ_SEED') ?? DEFAULT_SEED);
const RUN_FACTOR = Math.max(0.01, envNumber('GREENROOM_FUZZ_RUNS') ?? 1);

const casesRun = new Map<string, number>();

/** How many generated cases the properties of one suite ran so far. */
export function casesOf(suite: string): number {
  return casesRun.get(suite) ?? 0;
}

/** Adds hand-written cases to a suite's count. */
export function countCases(suite: string, cases: number): void {
  casesRun.set(suite, casesOf(suite) + cases);
}

export function fuzzParameters<Ts>(numRuns: number): fc.Parameters<Ts> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * RUN_FACTOR)), includeErrorInReport: true };
}

function report<Ts>(suite: string, details: fc.RunDetails<Ts>): void {
  countCases(suite, details.numRuns);
  if (details.failed) {
    throw new Error(
      `${fc.defaultReportMessage(details) ?? 'property failed'}\n(fixed seed ${FUZZ_SEED}; replay with GREENROOM_FUZZ_SEED=${FUZZ_SEED})`,
    );
  }
}

/** Runs a synchronous property with the fixed seed; throws fast-check's report on failure. */
export function check<Ts>(suite: string, numRuns: number, property: fc.IRawProperty<Ts, false>): void {
  report(suite, fc.check(property, fuzzParameters<Ts>(numRuns)));
}

/** Runs an asynchronous property with the fixed seed; throws fast-check's report on failure. */
export async function checkAsync<Ts>(
  suite: string,
  numRuns: number,
  property: fc.IRawProperty<Ts, true>,
): Promise<void> {
  report(suite, await fc.check(property, fuzzParameters<Ts>(numRuns)));
}

/** A summary line per suite at the end of a mocha `describe`, for the run log: call it inside the describe. */
export function logCasesWhenDone(suite: string): void {
  let startedAt = Date.now();
  before(() => {
    startedAt = Date.now();
  });
  after(() => {
    process.stdout.write(
      `      [${suite}] ${casesOf(suite)} generated/hand-written cases in ${Date.now() - startedAt} ms (seed ${FUZZ_SEED})\n`,
    );
  });
}
