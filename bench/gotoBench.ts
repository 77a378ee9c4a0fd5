// Go to Entity at 1,000 and 100,000 entities (`npm run bench goto`). Prints `BENCH_GOTO {json}` last.
import { measureGoto as measure } from './gotoMeasure';
import { round } from './statistics';

const small = measure(1_000);
const large = measure(100_000);
for (const [size, figures] of [
  ['1k', small],
  ['100k', large],
] as const) {
  console.log(
    `${size}: build ${figures.build_ms} ms, filter p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms ` +
      `(first pass alone ${figures.single_pass_p95_ms} ms) over ${figures.keystrokes} keystrokes`,
  );
}
const ratio = large.p95_ms / Math.max(small.p95_ms, 0.001);
console.log(`p95 ratio 100k/1k: ${round(ratio, 2)} (goal ≤ 2)`);
console.log(
  `BENCH_GOTO ${JSON.stringify({
    goto_filter_p95_ms_1k: small.p95_ms,
    goto_filter_p95_ms_100k: large.p95_ms,
    goto_p95_ratio: round(ratio, 2),
    goto_single_pass_p95_ms_1k: small.single_pass_p95_ms,
    goto_single_pass_p95_ms_100k: large.single_pass_p95_ms,
    goto_build_ms_100k: large.build_ms,
  })}`,
);
