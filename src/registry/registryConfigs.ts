import type { RegistryConfig } from './catalogApiClient';

/** One `greenroom.registries` entry as settings hold it, or undefined when it is not one. */
export function parseRegistryConfig(value: unknown): RegistryConfig | undefined {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const candidate = value as { name?: unknown; baseUrl?: unknown; filter?: unknown; webUrl?: unknown };
  if (typeof candidate.name !== 'string' || candidate.name.trim() === '' || typeof candidate.baseUrl !== 'string') {
    return undefined;
  }
  const filter =
    typeof candidate.filter === 'string'
      ? [candidate.filter]
      : Array.isArray(candidate.filter)
        ? candidate.filter.filter((item): item is string => typeof item === 'string')
        : undefined;
  return {
    name: candidate.name.trim(),
    baseUrl: candidate.baseUrl.trim(),
    ...(filter?.length ? { filter } : {}),
    ...(typeof candidate.webUrl === 'string' ? { webUrl: candidate.webUrl } : {}),
  };
}

/** Every well-formed entry of a `greenroom.registries` value. */
export function parseRegistryConfigs(value: unknown): RegistryConfig[] {
  return (Array.isArray(value) ? value : [])
    .map(parseRegistryConfig)
    .filter((registry): registry is RegistryConfig => registry !== undefined);
}
