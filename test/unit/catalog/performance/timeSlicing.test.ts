import * as assert from 'node:assert/strict';
import { MultiFolderCatalog } from '../../../../src/catalog';
import { TimeSlicer } from '../../../../src/catalog/timeSlicer';
import { generatedCatalogFile } from '../../support/catalogCorpus';
import { MemoryFileSystem } from '../../support/memoryFileSystem';

function busyFor(milliseconds: number): void {
  const end = performance.now() + milliseconds;
  while (performance.now() < end) {
    // burn
  }
}

/** Counts turns of the event loop (setImmediate) while `work` runs, and units of work between two turns. */
async function watchTurns<T>(
  work: (unitDone: () => void) => Promise<T>,
): Promise<{ turns: number; mostUnitsInOneTurn: number; result: T }> {
  let turns = 0;
  let unitsThisTurn = 0;
  let mostUnitsInOneTurn = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    unitsThisTurn = 0;
    if (running) {
      setImmediate(tick);
    }
  };
  setImmediate(tick);
  const result = await work(() => {
    unitsThisTurn++;
    mostUnitsInOneTurn = Math.max(mostUnitsInOneTurn, unitsThisTurn);
  });
  running = false;
  return { turns, mostUnitsInOneTurn, result };
}

describe('time slicing', () => {
  it('lets concurrent loops share one budget, so together they never hold the event loop long', async () => {
    const slicer = new TimeSlicer(4);
    const lanes = 12;
    const { mostUnitsInOneTurn } = await watchTurns(async (unitDone) => {
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          for (let unit = 0; unit < 15; unit++) {
            busyFor(1);
            unitDone();
            await slicer.maybeYield();
          }
        }),
      );
    });
    // One slice is the budget (4 units of 1 ms) plus at most one unit per lane that was already
    // past its check; separate budgets per lane would allow lanes × 4.
    assert.ok(
      mostUnitsInOneTurn <= 4 + lanes + 1,
      `${mostUnitsInOneTurn} units of 1 ms ran without a turn of the event loop`,
    );
  });

  it('indexes a large folder in slices: the event loop keeps turning during a full load', async () => {
    const files: Record<string, string> = {};
    for (let seed = 1; seed <= 600; seed++) {
      files[`/ws/svc-${seed}/catalog-info.yaml`] = generatedCatalogFile(seed);
    }
    // The in-memory file system answers without I/O: without slicing, the whole load would be one turn.
    const workspace = new MultiFolderCatalog({ fs: new MemoryFileSystem(files) });
    workspace.addFolder('/ws');
    const started = performance.now();
    const { turns } = await watchTurns(() => workspace.loadAll());
    const elapsed = performance.now() - started;
    assert.ok(workspace.index.size > 400);
    assert.ok(
      turns >= Math.min(5, elapsed / 100),
      `only ${turns} turns of the event loop in a ${Math.round(elapsed)} ms load`,
    );
    workspace.dispose();
  });
});
