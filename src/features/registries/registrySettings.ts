import * as vscode from 'vscode';
import { DEFAULT_MAX_ENTITIES, DEFAULT_MAX_PAGES, type RegistryConfig } from '../../registry/catalogApiClient';
import { parseRegistryConfigs } from '../../registry/registryConfigs';
import type { ScopedRegistries } from '../../registry/registryTrust';

export interface RegistrySettings {
  readonly registries: readonly RegistryConfig[];
  /** Who wrote which registry: tokens go without asking only to origins in user settings. */
  readonly scoped: ScopedRegistries;
  /** 0 turns periodic refresh off. */
  readonly refreshMinutes: number;
  /** Catalog files fetched over HTTP(S), like Location targets. */
  readonly locations: readonly string[];
  /** Caps on one sync (user settings only: a workspace cannot raise them). */
  readonly maxEntities: number;
  readonly maxPages: number;
}

/** A positive whole number from settings, or the default. */
function positiveCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

export function readRegistrySettings(): RegistrySettings {
  const configuration = vscode.workspace.getConfiguration('greenroom');
  const registries = parseRegistryConfigs(configuration.get<unknown>('registries'));
  const inspected = configuration.inspect<unknown>('registries');
  const scoped: ScopedRegistries = {
    user: parseRegistryConfigs(inspected?.globalValue),
    workspace: [...parseRegistryConfigs(inspected?.workspaceValue), ...parseRegistryConfigs(inspected?.workspaceFolderValue)],
  };
  const minutes = configuration.get<unknown>('registryRefreshMinutes');
  const locations = configuration.get<unknown>('locations');
  return {
    registries,
    scoped,
    refreshMinutes: typeof minutes === 'number' && minutes >= 0 ? minutes : 15,
    maxEntities: positiveCount(configuration.get<unknown>('registryMaxEntities'), DEFAULT_MAX_ENTITIES),
    maxPages: positiveCount(configuration.get<unknown>('registryMaxPages'), DEFAULT_MAX_PAGES),
    locations: Array.isArray(locations) ? locations.filter((item): item is string => typeof item === 'string' && /^https?:\/\//.test(item)) : [],
  };
}
