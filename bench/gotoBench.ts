// Go to Entity at 1,000 and 100,000 entities (`npm run bench goto`). Prints `BENCH_GOTO {json}` last.
import { measureGotoChange } from './gotoChange';
import { measureGoto as measure } from './gotoMeasure';
import { round } from './statistics';

async function main(): Promise<void> {
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
  // Saving one entity, then Go to Entity: rebuilt as before, patched now.
  const changedSmall = await measureGotoChange(1_000);
  const changedLarge = await measureGotoChange(100_000);
  for (const [size, figures] of [
    ['1k', changedSmall],
    ['100k', changedLarge],
  ] as const) {
    console.log(
      `${size}: first Go to Entity after 1 entity changed: rebuilt ${figures.rebuild_ms} ms ` +
        `(CPU ${figures.rebuild_cpu_ms}), patched ${figures.patched_ms} ms (CPU ${figures.patched_cpu_ms}), ` +
        `patched after a quiet moment ${figures.patched_after_quiet_ms} ms, unchanged ${figures.unchanged_ms} ms`,
    );
    console.log(
      `${size}: background build ${figures.background_build_ms} ms in slices of at most ` +
        `${figures.background_longest_slice_ms} ms, index heap ${figures.index_heap_mb} MB; keystroke p95 with ` +
        `${figures.patched_entities} entities patched ${figures.patched_p95_ms} ms`,
    );
  }
  const patchedRatio = changedLarge.patched_p95_ms / Math.max(small.p95_ms, 0.001);
  console.log(`patched p95 ratio 100k (1 % patched)/1k: ${round(patchedRatio, 2)} (goal ≤ 2)`);
  console.log(
    `BENCH_GOTO ${JSON.stringify({
      goto_filter_p95_ms_1k: small.p95_ms,
      goto_filter_p95_ms_100k: large.p95_ms,
      goto_p95_ratio: round(ratio, 2),
      goto_single_pass_p95_ms_1k: small.single_pass_p95_ms,
      goto_single_pass_p95_ms_100k: large.single_pass_p95_ms,
      goto_build_ms_100k: large.build_ms,
      goto_after_change_rebuild_ms_1k: changedSmall.rebuild_ms,
      goto_after_change_rebuild_ms_100k: changedLarge.rebuild_ms,
      goto_after_change_patched_ms_1k: changedSmall.patched_ms,
      goto_after_change_patched_ms_100k: changedLarge.patched_ms,
      goto_after_change_patched_cpu_ms_100k: changedLarge.patched_cpu_ms,
      goto_unchanged_ms_100k: changedLarge.unchanged_ms,
      goto_background_longest_slice_ms_100k: changedLarge.background_longest_slice_ms,
      goto_index_heap_mb_100k: changedLarge.index_heap_mb,
      goto_patched_p95_ms_100k: changedLarge.patched_p95_ms,
      goto_patched_p95_ratio: round(patchedRatio, 2),
    })}`,
  );
}

void main();
