import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../src/catalog';
import { measureLanguage } from './languageMeasures';
import { generateMonorepo } from './syntheticMonorepo';
import { printTable, round } from './statistics';

/**
 * Latency of what hover, go to definition and completion compute per request, at 20,000
 * entities (10,000 files), measured on the real index built from a generated monorepo.
 */
async function main(): Promise<void> {
  const files = Number(process.env['BENCH_FILES'] ?? 10_000);
  const samples = Number(process.env['BENCH_SAMPLES'] ?? 5_000);
  const root = generateMonorepo(path.join(__dirname, '..', '..', 'bench', '.data'), { files, groups: 50, systems: 20 });
  const workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
  workspace.addFolder(root);
  const indexStart = performance.now();
  await workspace.loadAll();
  const indexMs = performance.now() - indexStart;
  const index = workspace.index;
  const result = {
    entities: index.size,
    files: index.indexedFiles().length,
    index_ms: round(indexMs, 0),
    ...measureLanguage(index, root, files, samples),
  };
  printTable(`Language features at ${result.entities} entities (${samples} requests each)`, [
    ['index build (ms)', result.index_ms],
    ['hover p50 (ms)', result.hover_p50_ms],
    ['hover p99 (ms)', result.hover_p99_ms],
    ['definition p99 (ms)', result.definition_p99_ms],
    ['completion p99 (ms, owner field)', result.completion_p99_ms],
    ['text ref scan p99 (ms)', result.text_scan_p99_ms],
  ]);
  process.stdout.write(`BENCH_LANGUAGE ${JSON.stringify(result)}\n`);
  workspace.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
