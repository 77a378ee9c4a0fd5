import { performance } from 'node:perf_hooks';
import { referenceFieldsOf, type CatalogIndex } from '../src/catalog';
import {
  catalogReferenceAt,
  entityHoverMarkdown,
  rankRefCompletions,
  referenceAtColumn,
  unknownRefHoverMarkdown,
} from '../src/catalog/language';
import { catalogFilePath } from './syntheticMonorepo';
import { percentile, round } from './statistics';

export interface LanguageLatencies {
  readonly hover_p50_ms: number;
  readonly hover_p99_ms: number;
  readonly definition_p99_ms: number;
  readonly completion_p99_ms: number;
  readonly text_scan_p99_ms: number;
  readonly unresolved_hovers: number;
  readonly samples: number;
}

/**
 * What hover, go to definition and completion compute per request, on refs spread over the
 * generated monorepo's catalog files (the index must hold that monorepo).
 */
export function measureLanguage(index: CatalogIndex, root: string, files: number, samples: number): LanguageLatencies {
  const link = (command: string, args: readonly unknown[]): string =>
    `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  const hover: number[] = [];
  const definition: number[] = [];
  const completion: number[] = [];
  const textScan: number[] = [];
  const ownerField = referenceFieldsOf('component').find((field) => field.field === 'owner');
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
    const markdown = target
      ? entityHoverMarkdown(index, target, link)
      : hit
        ? unknownRefHoverMarkdown(index, hit.ref, hit.targetKinds, link)
        : '';
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

    if (ownerField) {
      started = performance.now();
      rankRefCompletions(index, ownerField, 'default', `team-${sample % 5}`);
      completion.push(performance.now() - started);
    }

    started = performance.now();
    referenceAtColumn(`// calls component:svc-${String(fileIndex).padStart(5, '0')} and group:team-${sample % 50}`, 12);
    textScan.push(performance.now() - started);
  }
  return {
    hover_p50_ms: round(percentile(hover, 0.5)),
    hover_p99_ms: round(percentile(hover, 0.99)),
    definition_p99_ms: round(percentile(definition, 0.99)),
    completion_p99_ms: round(percentile(completion, 0.99)),
    text_scan_p99_ms: round(percentile(textScan, 0.99)),
    unresolved_hovers: unresolved,
    samples,
  };
}
