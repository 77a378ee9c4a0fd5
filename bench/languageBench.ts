import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CatalogWorkspace, nodeCatalogFileSystem, referenceFieldsOf } from '../src/catalog';
import { catalogReferenceAt, entityHoverMarkdown, rankRefCompletions, referenceAtColumn, unknownRefHoverMarkdown } from '../src/catalog/language';
import { catalogFilePath, generateMonorepo } from './syntheticMonorepo';
import { percentile, printTable, round } from './statistics';

/**
 * Latency of what hover, go to definition and completion compute per request, at 20,000
 * entities (10,000 files), measured on the real index built from a generated monorepo.
 */
async function main(): Promise<void> {
  const files = Number(process.env['BENCH_FILES'] ?? 10_000);
  const samples = Number(process.env['BENCH_SAMPLES'] ?? 5_000);
  const root = generateMonorepo(path.join(__dirname, '..', '..', 'bench', '.data'), { files, groups: 50, systems: 20 });
  const workspace = new CatalogWorkspace({ fs: nodeCatalogFileSystem });
  workspace.addFolder(root);
  const indexStart = performance.now();
  await workspace.loadAll();
  const indexMs = performance.now() - indexStart;
  const index = workspace.index;
  const link = (command: string, args: readonly unknown[]): string => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

  const hover: number[] = [];
  const definition: number[] = [];
  const completion: number[] = [];
  const textScan: number[] = [];
  let unresolved = 0;
  for (let sample = 0; sample < samples; sample++) {
    const fileIndex = (sample * 7919) % files;
    const file = catalogFilePath(root, fileIndex);
    const record = index.byFile(file)[0];
    const site = record?.references[sample % record.references.length];
    if (!record || !site) {
      throw new Error(`benchmark fixture broken: no references in ${file}`);
    }
    const point = { line: site.range.start.line, column: site.range.start.column + 1 };

    let started = performance.now();
    const hit = catalogReferenceAt(index, file, point);
    const target = hit ? index.get(hit.ref) : undefined;
    const markdown = target ? entityHoverMarkdown(index, target, link) : hit ? unknownRefHoverMarkdown(index, hit.ref, hit.targetKinds, link) : '';
    hover.push(performance.now() - started);
    if (!target) {
      unresolved++;
    }
    if (markdown.length === 0) {
      throw new Error('hover produced nothing');
    }

    started = performance.now();
    const definitionHit = catalogReferenceAt(index, file, point);
    const definitionTarget = definitionHit ? index.get(definitionHit.ref) : undefined;
    void definitionTarget?.fields.get(['metadata', 'name']);
    definition.push(performance.now() - started);

    const ownerField = referenceFieldsOf('component').find((field) => field.field === 'owner');
    if (ownerField) {
      started = performance.now();
      rankRefCompletions(index, ownerField, 'default', `team-${sample % 5}`);
      completion.push(performance.now() - started);
    }

    started = performance.now();
    referenceAtColumn(`// calls component:svc-${String(fileIndex).padStart(5, '0')} and group:team-${sample % 50}`, 12);
    textScan.push(performance.now() - started);
  }
  const result = {
    entities: index.size,
    files: index.indexedFiles().length,
    index_ms: round(indexMs, 0),
    hover_p50_ms: round(percentile(hover, 0.5)),
    hover_p99_ms: round(percentile(hover, 0.99)),
    definition_p99_ms: round(percentile(definition, 0.99)),
    completion_p99_ms: round(percentile(completion, 0.99)),
    text_scan_p99_ms: round(percentile(textScan, 0.99)),
    unresolved_hovers: unresolved,
    samples,
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
