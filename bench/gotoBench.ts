// Go to Entity at 1,000 and 100,000 entities (`npm run bench goto`). Prints `BENCH_GOTO {json}` last.
import { measureGoto as measure } from './gotoMeasure';
import { round } from './statistics';

const small = measure(1_000);
const large = measure(100_000);
console.log(
  `1k:   build ${small.build_ms} ms, filter p50 ${small.p50_ms} ms, p95 ${small.p95_ms} ms over ${small.keystrokes} keystrokes`,
);
console.log(
  `100k: build ${large.build_ms} ms, filter p50 ${large.p50_ms} ms, p95 ${large.p95_ms} ms over ${large.keystrokes} keystrokes`,
);
const ratio = large.p95_ms / Math.max(small.p95_ms, 0.001);
console.log(`p95 ratio 100k/1k: ${round(ratio, 2)} (goal ≤ 2)`);
console.log(
  `BENCH_GOTO ${JSON.stringify({ goto_filter_p95_ms_1k: small.p95_ms, goto_filter_p95_ms_100k: large.p95_ms, goto_p95_ratio: round(ratio, 2), goto_build_ms_100k: large.build_ms })}`,
);
