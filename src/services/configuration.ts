import * as vscode from 'vscode';
import { DEFAULT_CATALOG_GLOBS, DEFAULT_EXCLUDE_GLOBS, DEFAULT_MAX_FILE_SIZE_BYTES, parseCatalogRules, type CatalogRule } from '../catalog';

/** Greenroom's settings, read through one typed accessor. */
export interface GreenroomSettings {
  readonly catalogGlobs: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileSizeBytes: number;
  /** `greenroom.catalogRules`, for folders without an app-config; undefined when empty (every kind accepted). */
  readonly catalogRules?: readonly CatalogRule[];
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : fallback;
}

export function readSettings(): GreenroomSettings {
  const configuration = vscode.workspace.getConfiguration('greenroom');
  const maxFileSizeKb = configuration.get<unknown>('maxFileSizeKb');
  const written = configuration.get<unknown>('catalogRules');
  const catalogRules = Array.isArray(written) && written.length > 0 ? parseCatalogRules(written, 'greenroom.catalogRules').rules : undefined;
  return {
    ...(catalogRules ? { catalogRules } : {}),
    catalogGlobs: stringList(configuration.get('catalogGlobs'), DEFAULT_CATALOG_GLOBS),
    exclude: stringList(configuration.get('exclude'), DEFAULT_EXCLUDE_GLOBS),
    maxFileSizeBytes: typeof maxFileSizeKb === 'number' && maxFileSizeKb > 0 ? maxFileSizeKb * 1024 : DEFAULT_MAX_FILE_SIZE_BYTES,
  };
}

export function affectsIndexing(event: vscode.ConfigurationChangeEvent): boolean {
  return ['greenroom.catalogGlobs', 'greenroom.exclude', 'greenroom.maxFileSizeKb', 'greenroom.catalogRules'].some((section) => event.affectsConfiguration(section));
}
