import * as path from 'node:path';
import type { CatalogEntityRecord } from './catalogEntity';
import { isInsideFolder } from './catalogFileSystem';

/** Scaffolder actions whose `url` names the template's own content (copied or rendered, never ingested). */
const CONTENT_ACTIONS = new Set(['fetch:template', 'fetch:plain', 'fetch:template:file', 'fetch:plain:file']);

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Where a Template's content lives: a folder (or file) its fetch steps point at. */
export interface TemplateContentRoot {
  readonly templateRef: string;
  readonly templateFile: string;
  /** Absolute path of the folder or file the step's `url` resolves to. */
  readonly path: string;
}

/**
 * The local folders a Template's `fetch:template` / `fetch:plain` steps read: files in them
 * are template content (`${{ }}` names and all), not catalog files Backstage would ingest.
 * Absolute URLs and URLs with a scheme are remote content, not workspace folders.
 */
export function templateContentRoots(record: CatalogEntityRecord): TemplateContentRoot[] {
  if (record.entity.kind.toLowerCase() !== 'template' || !path.isAbsolute(record.file)) {
    return [];
  }
  const steps = (record.entity.spec as { steps?: unknown } | undefined)?.steps;
  if (!Array.isArray(steps)) {
    return [];
  }
  const roots: TemplateContentRoot[] = [];
  for (const step of steps as unknown[]) {
    if (!step || typeof step !== 'object') {
      continue;
    }
    const { action, input } = step as { action?: unknown; input?: unknown };
    const url = input && typeof input === 'object' ? (input as { url?: unknown }).url : undefined;
    if (
      typeof action !== 'string' ||
      !CONTENT_ACTIONS.has(action) ||
      typeof url !== 'string' ||
      url.trim() === '' ||
      URL_SCHEME.test(url) ||
      url.includes('${{')
    ) {
      continue;
    }
    const resolved = path.resolve(path.dirname(record.file), url.trim());
    // A url of `.` or `..` would make the template's own folder (or more) content: not content.
    if (isInsideFolder(resolved, record.file)) {
      continue;
    }
    roots.push({ templateRef: record.ref, templateFile: record.file, path: resolved });
  }
  return roots;
}

/** The content root a file lies in (the root itself counts: a `fetch:plain:file` url), if any. */
export function contentRootOf(roots: readonly TemplateContentRoot[], file: string): TemplateContentRoot | undefined {
  return roots.find((root) => root.path === file || isInsideFolder(root.path, file));
}
