import * as vscode from 'vscode';
import { DEFAULT_MAX_ENTITIES, DEFAULT_MAX_PAGES, type RegistryConfig } from '../../registry/catalogApiClient';

export interface RegistrySettings {
  readonly registries: readonly RegistryConfig[];
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

function asRegistry(value: unknown): RegistryConfig | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const candidate = value as { name?: unknown; baseUrl?: unknown; filter?: unknown; webUrl?: unknown };
  if (typeof candidate.name !== 'string' || candidate.name.trim() === '' || typeof candidate.baseUrl !== 'string') {
    return undefined;
  }
  const filter = typeof candidate.filter === 'string' ? [candidate.filter] : Array.isArray(candidate.filter) ? candidate.filter.filter((item): item is string => typeof item === 'string') : undefined;
  return {
    name: candidate.name.trim(),
    baseUrl: candidate.baseUrl.trim(),
    ...(filter?.length ? { filter } : {}),
    ...(typeof candidate.webUrl === 'string' ? { webUrl: candidate.webUrl } : {}),
  };
}

export function readRegistrySettings(): RegistrySettings {
  const configuration = vscode.workspace.getConfiguration('greenroom');
  const raw = configuration.get<unknown>('registries');
  const registries = (Array.isArray(raw) ? raw : []).map(asRegistry).filter((registry): registry is RegistryConfig => registry !== undefined);
  const minutes = configuration.get<unknown>('registryRefreshMinutes');
  const locations = configuration.get<unknown>('locations');
  return {
    registries,
    refreshMinutes: typeof minutes === 'number' && minutes >= 0 ? minutes : 15,
    maxEntities: positiveCount(configuration.get<unknown>('registryMaxEntities'), DEFAULT_MAX_ENTITIES),
    maxPages: positiveCount(configuration.get<unknown>('registryMaxPages'), DEFAULT_MAX_PAGES),
    locations: Array.isArray(locations) ? locations.filter((item): item is string => typeof item === 'string' && /^https?:\/\//.test(item)) : [],
  };
}
