import type { Entity } from '@backstage/catalog-model';
import type { FieldRanges } from './fieldRanges';
import type { Placeholder } from './placeholders';
import type { CatalogRelation, ReferenceSite } from './relations';
import type { SourceRange } from './sourceRange';

/** Where an entity came from: a workspace file, a registry's catalog API, or a URL location. */
export type EntityOrigin =
  | { readonly type: 'workspace'; readonly folder: string }
  | { readonly type: 'registry'; readonly registry: string }
  | { readonly type: 'url'; readonly url: string };

/** A short name for an origin: "workspace", the registry's name, or the URL's host. */
export function originLabel(origin: EntityOrigin): string {
  switch (origin.type) {
    case 'workspace':
      return 'workspace';
    case 'registry':
      return origin.registry;
    case 'url':
      try {
        return new URL(origin.url).host;
      } catch {
        return origin.url;
      }
  }
}

/** An entity as the index holds it: the descriptor plus everything the editor needs to point at it. */
export interface CatalogEntityRecord {
  /** Canonical `kind:namespace/name`, lower case. */
  readonly ref: string;
  readonly entity: Entity;
  readonly file: string;
  readonly documentIndex: number;
  /** The whole YAML document. */
  readonly range: SourceRange;
  readonly fields: FieldRanges;
  readonly references: readonly ReferenceSite[];
  readonly relations: readonly CatalogRelation[];
  readonly placeholders: readonly Placeholder[];
  /** False when Backstage would reject the descriptor; it is still shown, marked. */
  readonly valid: boolean;
  readonly origin: EntityOrigin;
}

/** A `kind: Location` target as written, before it is resolved. */
export interface LocationTarget {
  readonly locationRef: string;
  readonly file: string;
  readonly target: string;
  readonly type: string | undefined;
  readonly optional: boolean;
  readonly range: SourceRange;
}
