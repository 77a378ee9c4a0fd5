import picomatch from 'picomatch';

/**
 * Backstage's `catalog.rules`: which kinds the catalog accepts, per origin location. Mirrors
 * DefaultCatalogRulesEnforcer (plugin-catalog-backend 4.0): a rule applies when it has no
 * `locations` or one of them matches the entity's origin location; the entity is allowed when
 * an applying rule lists its kind (and `spec.type`, when the matcher names one).
 */
export interface KindMatcher {
  readonly kind: string;
  readonly specType?: string;
}

export interface LocationMatcher {
  readonly type: string;
  readonly exact?: string;
  readonly pattern?: string;
}

export interface CatalogRule {
  readonly allow: readonly KindMatcher[];
  readonly locations?: readonly LocationMatcher[];
  /** Where the rule is written, for messages: `catalog.rules[0] in app-config.yaml`. */
  readonly source: string;
}

/** How Backstage registered the file an entity came from: what location rules match against. */
export interface OriginLocation {
  readonly type: string;
  /** Absolute path for `file` (a glob stays a glob), the URL for `url`. */
  readonly target: string;
}

/** What Backstage allows when `catalog.rules` is absent: Component, API and Location, nothing else. */
export const BACKSTAGE_DEFAULT_RULES: readonly CatalogRule[] = [
  { allow: ['Component', 'API', 'Location'].map((kind) => ({ kind })), source: "Backstage's default catalog.rules" },
];

interface RuleEntity {
  readonly kind: string;
  readonly spec?: unknown;
}

function matchesLocation(origin: OriginLocation, matchers: readonly LocationMatcher[] | undefined): boolean {
  if (!matchers) {
    return true;
  }
  return matchers.some((matcher) => {
    if (matcher.type !== origin.type || (matcher.exact !== undefined && matcher.exact !== origin.target)) {
      return false;
    }
    return matcher.pattern === undefined || picomatch(matcher.pattern, { nocase: true, dot: true })(origin.target);
  });
}

function matchesKind(entity: RuleEntity, matcher: KindMatcher): boolean {
  if (entity.kind.toLowerCase() !== matcher.kind.toLowerCase()) {
    return false;
  }
  if (matcher.specType === undefined) {
    return true;
  }
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && type.toLowerCase() === matcher.specType.toLowerCase();
}

/** The rules that apply to entities read from `origin`. */
export function rulesFor(rules: readonly CatalogRule[], origin: OriginLocation): CatalogRule[] {
  return rules.filter((rule) => matchesLocation(origin, rule.locations));
}

export function isKindAllowed(rules: readonly CatalogRule[], entity: RuleEntity, origin: OriginLocation): boolean {
  return isKindAllowedBy(rulesFor(rules, origin), entity);
}

/** The same check with the rules that apply already chosen (once per location, not per entity). */
export function isKindAllowedBy(applying: readonly CatalogRule[], entity: RuleEntity): boolean {
  return applying.some((rule) => rule.allow.some((matcher) => matchesKind(entity, matcher)));
}

/** "Component, API, Resource (database)" from the rules that apply, for messages. */
export function describeAllowed(rules: readonly CatalogRule[]): string {
  const kinds = new Set<string>();
  for (const rule of rules) {
    for (const matcher of rule.allow) {
      kinds.add(matcher.specType === undefined ? matcher.kind : `${matcher.kind} (spec.type ${matcher.specType})`);
    }
  }
  return kinds.size === 0 ? 'no kind' : [...kinds].join(', ');
}

/**
 * Reads a `rules` array as app-config writes it (`- allow: [Component, {kind: Resource,
 * 'spec.type': database}]`, optional `locations: [{type, exact | pattern}]`). Malformed
 * entries are skipped and reported, as Backstage would refuse to start on them.
 */
export function parseCatalogRules(
  value: unknown,
  source: string,
  fixedLocation?: LocationMatcher,
  file?: string,
): { rules: CatalogRule[]; errors: string[] } {
  const suffix = file === undefined ? '' : ` in ${file}`;
  const rules: CatalogRule[] = [];
  const errors: string[] = [];
  if (!Array.isArray(value)) {
    return { rules, errors: [`${source}${suffix} must be a list of rules`] };
  }
  value.forEach((entry: unknown, position) => {
    const where = `${source}[${position}]${suffix}`;
    const allow = entry && typeof entry === 'object' ? (entry as { allow?: unknown }).allow : undefined;
    if (!Array.isArray(allow)) {
      errors.push(`${where} has no allow list`);
      return;
    }
    const matchers: KindMatcher[] = [];
    for (const item of allow as unknown[]) {
      if (typeof item === 'string') {
        matchers.push({ kind: item });
      } else if (item && typeof item === 'object' && typeof (item as { kind?: unknown }).kind === 'string') {
        const specType = (item as Record<string, unknown>)['spec.type'];
        matchers.push(
          typeof specType === 'string'
            ? { kind: (item as { kind: string }).kind, specType }
            : { kind: (item as { kind: string }).kind },
        );
      } else {
        errors.push(`${where}.allow has an entry that is neither a kind nor {kind, spec.type}`);
      }
    }
    let locations: LocationMatcher[] | undefined;
    const written = (entry as { locations?: unknown }).locations;
    if (fixedLocation) {
      locations = [fixedLocation];
    } else if (Array.isArray(written)) {
      locations = [];
      for (const location of written as unknown[]) {
        const { type, exact, pattern } = (location && typeof location === 'object' ? location : {}) as {
          type?: unknown;
          exact?: unknown;
          pattern?: unknown;
        };
        if (typeof type !== 'string') {
          errors.push(`${where}.locations has an entry without a type`);
          continue;
        }
        locations.push({
          type,
          ...(typeof exact === 'string' ? { exact } : {}),
          ...(typeof pattern === 'string' ? { pattern } : {}),
        });
      }
    }
    rules.push(locations ? { allow: matchers, locations, source: where } : { allow: matchers, source: where });
  });
  return { rules, errors };
}
