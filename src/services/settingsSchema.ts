/**
 * Every `greenroom.*` setting: its key, and how its raw value becomes a typed, validated one.
 * No editor API here (lint keeps it so): `settings.ts` reads the raw values from VS Code and this
 * module turns them into one snapshot, so the parsing is unit-tested in plain node.
 */
import {
  DEFAULT_CATALOG_GLOBS,
  DEFAULT_EXCLUDE_GLOBS,
  DEFAULT_MAX_FILE_SIZE_BYTES,
  parseCatalogRules,
  resolveEntityRef,
  type CatalogRule,
  type GroupingMode,
} from '../catalog';
import type { ReferencePattern } from '../catalog/language';
import type { ToolShortcut } from '../plugins/builtin/toolsPlugin';
import { DEFAULT_MAX_ENTITIES, DEFAULT_MAX_PAGES, type RegistryConfig } from '../registry/catalogApiClient';
import { parseRegistryConfigs } from '../registry/registryConfigs';
import type { ScopedRegistries } from '../registry/registryTrust';
import type { TemplateBudgets } from '../scaffolder';
import { DEFAULT_ONBOARDING, type OnboardingDefaults } from '../onboarding';
import { BUILTIN_CHECK_IDS } from '../scorecards';
import { isList } from '../shared/isList';

/** The settings package.json contributes, by their key below `greenroom.`. */
export const SETTING_KEYS = [
  'catalogGlobs',
  'catalogRules',
  'exclude',
  'maxFileSizeKb',
  'catalog.groupBy',
  'referencePatterns',
  'registries',
  'registryRefreshMinutes',
  'registryMaxEntities',
  'registryMaxPages',
  'scaffolder.timeBudgetSeconds',
  'scaffolder.memoryBudgetMb',
  'locations',
  'tools',
  'identity',
  'identityFromRegistry',
  'scorecards.enabled',
  'scorecards.disabledChecks',
  'onboarding.handleGroups',
  'onboarding.defaultLifecycle',
  'onboarding.defaultType',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** The settings that change what is indexed: a change re-indexes the workspace. */
export const INDEXING_KEYS: readonly SettingKey[] = ['catalogGlobs', 'exclude', 'maxFileSizeKb', 'catalogRules'];
/** The settings that change the registry clients: a change rebuilds them and syncs. */
export const REGISTRY_KEYS: readonly SettingKey[] = [
  'registries',
  'registryRefreshMinutes',
  'registryMaxEntities',
  'registryMaxPages',
  'locations',
];
/** The scorecard switches: a change re-reads the checks and re-scores. */
export const SCORECARD_KEYS: readonly SettingKey[] = ['scorecards.enabled', 'scorecards.disabledChecks'];
/** The template runner's budgets. */
export const TEMPLATE_BUDGET_KEYS: readonly SettingKey[] = [
  'scaffolder.timeBudgetSeconds',
  'scaffolder.memoryBudgetMb',
];

/** One setting's value in each place VS Code keeps it (its `inspect()`). */
export interface RawSettingScopes {
  readonly user: unknown;
  readonly workspace: unknown;
  readonly workspaceFolder: unknown;
}

/** The settings as VS Code hands them over, before any checking. */
export interface RawSettings {
  /** The effective value: the most specific one set, else the default. */
  value(key: SettingKey): unknown;
  /** Who wrote what; only the registries need it. */
  scopes(key: SettingKey): RawSettingScopes | undefined;
}

/** What decides which files are indexed (spread into the catalog workspace's options). */
export interface IndexingSettings {
  readonly catalogGlobs: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileSizeBytes: number;
  /** `greenroom.catalogRules`, for folders without an app-config; undefined when empty (every kind accepted). */
  readonly catalogRules?: readonly CatalogRule[];
}

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

/** Greenroom's settings, checked once per change. */
export interface GreenroomSettings {
  readonly indexing: IndexingSettings;
  readonly catalogGrouping: GroupingMode;
  /** Well-formed entries of `greenroom.referencePatterns`; the matcher may still refuse some. */
  readonly referencePatterns: readonly ReferencePattern[];
  readonly registries: RegistrySettings;
  readonly templateBudgets: Partial<TemplateBudgets>;
  readonly tools: readonly ToolShortcut[];
  /** The user entity ref from `greenroom.identity` (`user:default/amara.osei`, or just `amara.osei`). */
  readonly identity: string | undefined;
  /** `greenroom.identityFromRegistry`: take who you are from a signed-in registry when `identity` is empty. */
  readonly identityFromRegistry: boolean;
  readonly scorecards: ScorecardSettings;
  /** Add This Folder to the Catalog…: CODEOWNERS handle mapping and default lifecycle and type. */
  readonly onboarding: OnboardingDefaults;
}

export interface ScorecardSettings {
  readonly enabled: boolean;
  /** Built-in check ids switched off; unknown ids are dropped. */
  readonly disabledBuiltins: ReadonlySet<string>;
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return isList(value) && value.every((item) => typeof item === 'string') ? value : fallback;
}

/** A positive whole number from settings, or the default. */
function positiveCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

export function parseIndexingSettings(raw: RawSettings): IndexingSettings {
  const maxFileSizeKb = raw.value('maxFileSizeKb');
  const written = raw.value('catalogRules');
  const catalogRules =
    isList(written) && written.length > 0 ? parseCatalogRules(written, 'greenroom.catalogRules').rules : undefined;
  return {
    ...(catalogRules ? { catalogRules } : {}),
    catalogGlobs: stringList(raw.value('catalogGlobs'), DEFAULT_CATALOG_GLOBS),
    exclude: stringList(raw.value('exclude'), DEFAULT_EXCLUDE_GLOBS),
    maxFileSizeBytes:
      typeof maxFileSizeKb === 'number' && maxFileSizeKb > 0 ? maxFileSizeKb * 1024 : DEFAULT_MAX_FILE_SIZE_BYTES,
  };
}

export function parseCatalogGrouping(value: unknown): GroupingMode {
  return value === 'system' || value === 'owner' ? value : 'kind';
}

/**
 * `greenroom.referencePatterns`. It is a restricted setting (package.json), so in an untrusted
 * workspace VS Code hands back the user's own value only.
 */
export function parseReferencePatterns(value: unknown): readonly ReferencePattern[] {
  return isList(value)
    ? value.filter(
        (entry): entry is ReferencePattern =>
          !!entry && typeof entry === 'object' && typeof (entry as { pattern?: unknown }).pattern === 'string',
      )
    : [];
}

export function parseRegistrySettings(raw: RawSettings): RegistrySettings {
  const scopes = raw.scopes('registries');
  const minutes = raw.value('registryRefreshMinutes');
  const locations = raw.value('locations');
  return {
    registries: parseRegistryConfigs(raw.value('registries')),
    scoped: {
      user: parseRegistryConfigs(scopes?.user),
      workspace: [...parseRegistryConfigs(scopes?.workspace), ...parseRegistryConfigs(scopes?.workspaceFolder)],
    },
    refreshMinutes: typeof minutes === 'number' && minutes >= 0 ? minutes : 15,
    maxEntities: positiveCount(raw.value('registryMaxEntities'), DEFAULT_MAX_ENTITIES),
    maxPages: positiveCount(raw.value('registryMaxPages'), DEFAULT_MAX_PAGES),
    locations: isList(locations)
      ? locations.filter((item): item is string => typeof item === 'string' && /^https?:\/\//.test(item))
      : [],
  };
}

export function parseTemplateBudgets(raw: RawSettings): Partial<TemplateBudgets> {
  const timeSeconds = positiveNumber(raw.value('scaffolder.timeBudgetSeconds'));
  const memoryMb = positiveNumber(raw.value('scaffolder.memoryBudgetMb'));
  return { ...(timeSeconds !== undefined ? { timeSeconds } : {}), ...(memoryMb !== undefined ? { memoryMb } : {}) };
}

/** `greenroom.tools`: entries with a title and a url or a command; the rest are skipped. */
export function parseTools(value: unknown): readonly ToolShortcut[] {
  if (!isList(value)) {
    return [];
  }
  return value.flatMap((entry): ToolShortcut[] => {
    if (!entry || typeof entry !== 'object') {
      return [];
    }
    const { title, url, command, icon } = entry as Record<string, unknown>;
    if (typeof title !== 'string' || (typeof url !== 'string' && typeof command !== 'string')) {
      return [];
    }
    return [
      {
        title,
        ...(typeof url === 'string' ? { url } : {}),
        ...(typeof command === 'string' ? { command } : {}),
        ...(typeof icon === 'string' ? { icon } : {}),
      },
    ];
  });
}

export function parseIdentity(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const resolved = resolveEntityRef(value.trim(), { defaultKind: 'user', defaultNamespace: 'default' });
  return resolved.ok ? resolved.ref : undefined;
}

export function parseScorecardSettings(raw: RawSettings): ScorecardSettings {
  const disabled = raw.value('scorecards.disabledChecks');
  return {
    enabled: raw.value('scorecards.enabled') !== false,
    disabledBuiltins: new Set(
      isList(disabled)
        ? disabled.filter((id): id is string => typeof id === 'string' && BUILTIN_CHECK_IDS.has(id))
        : [],
    ),
  };
}

/**
 * `greenroom.onboarding.*`: values of the wrong shape fall back to the defaults; mapping keys
 * are copied into a Map, so a handle named `__proto__` is only a key.
 */
export function parseOnboardingSettings(raw: RawSettings): OnboardingDefaults {
  const handleGroups = new Map<string, string>();
  const mapping = raw.value('onboarding.handleGroups');
  if (mapping && typeof mapping === 'object' && !Array.isArray(mapping)) {
    for (const [handle, group] of Object.entries(mapping)) {
      if (typeof group === 'string' && group.trim() && handle.trim()) {
        handleGroups.set(handle.trim(), group.trim());
      }
    }
  }
  const lifecycle = raw.value('onboarding.defaultLifecycle');
  const type = raw.value('onboarding.defaultType');
  return {
    lifecycle: typeof lifecycle === 'string' && lifecycle.trim() ? lifecycle.trim() : DEFAULT_ONBOARDING.lifecycle,
    type: typeof type === 'string' && type.trim() ? type.trim() : undefined,
    handleGroups,
  };
}

export function parseSettings(raw: RawSettings): GreenroomSettings {
  return {
    indexing: parseIndexingSettings(raw),
    catalogGrouping: parseCatalogGrouping(raw.value('catalog.groupBy')),
    referencePatterns: parseReferencePatterns(raw.value('referencePatterns')),
    registries: parseRegistrySettings(raw),
    templateBudgets: parseTemplateBudgets(raw),
    tools: parseTools(raw.value('tools')),
    identity: parseIdentity(raw.value('identity')),
    identityFromRegistry: raw.value('identityFromRegistry') !== false,
    scorecards: parseScorecardSettings(raw),
    onboarding: parseOnboardingSettings(raw),
  };
}
