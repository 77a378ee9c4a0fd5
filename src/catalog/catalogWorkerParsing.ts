// The parse side of the worker (catalogWorker.ts loads it on first use).
import type { CatalogFileSystem } from './catalogFileSystem';
import { validateEntity } from './entityValidation';
import { encodeParsedFile } from './parsedFileCodec';
import { parseCatalogFile } from './parseCatalogFile';
import type { WorkerFileResult, WorkerRequest } from './parseWorkerPool';
import { readCatalogFile } from './readCatalogFile';

/** One entity of each built-in kind: Backstage compiles its schemas on first use. */
async function warmUp(): Promise<void> {
  const kinds: [string, Record<string, unknown>][] = [
    ['Component', { type: 'service', lifecycle: 'production', owner: 'team' }],
    ['API', { type: 'openapi', lifecycle: 'production', owner: 'team', definition: 'x' }],
    ['Group', { type: 'team', children: [] }],
    ['User', { memberOf: [] }],
    ['System', { owner: 'team' }],
    ['Domain', { owner: 'team' }],
    ['Resource', { type: 'database', owner: 'team' }],
    ['Location', { targets: ['./a.yaml'] }],
  ];
  for (const [kind, spec] of kinds) {
    await validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: 'warm-up' }, spec });
  }
}

/** Answers every request but a listing, as JSON. */
export async function answerParse(
  request: Exclude<WorkerRequest, { type: 'list' }>,
  fs: CatalogFileSystem,
): Promise<string> {
  switch (request.type) {
    case 'parse': {
      const origin = { type: 'workspace', folder: request.root } as const;
      const results: WorkerFileResult[] = [];
      for (const file of request.files) {
        const readAt = Date.now();
        const { parsed, stamp } = await readCatalogFile(fs, file, origin, request.maxFileSizeBytes);
        results.push([stamp?.mtimeMs ?? null, stamp?.size ?? null, readAt, encodeParsedFile(parsed) ?? null]);
      }
      return JSON.stringify(results);
    }
    case 'parseText':
      return JSON.stringify(
        encodeParsedFile(
          await parseCatalogFile(request.file, request.text, { type: 'workspace', folder: request.root }),
        ) ?? null,
      );
    case 'warmUp':
      await warmUp();
      return 'null';
  }
}
