// The public face of the catalog core: what the extension, the CLI and tests import.
export {
  nodeCatalogFileSystem,
  isInsideFolder,
  type CatalogFileSystem,
  type DirectoryEntry,
  type FileStat,
} from './catalogFileSystem';
export { originLabel, type CatalogEntityRecord, type EntityOrigin, type LocationTarget } from './catalogEntity';
export { CatalogIndex, type CatalogChangeEvent } from './catalogIndex';
export { CatalogIndexCache, type CatalogIndexCacheOptions, type IndexCacheStatus } from './catalogIndexCache';
export { MultiFolderCatalog, type MultiFolderCatalogOptions } from './multiFolderCatalog';
export { DEFAULT_CATALOG_GLOBS, DEFAULT_EXCLUDE_GLOBS, listFolder } from './discovery';
export {
  formatEntityRef,
  humanizeEntityRef,
  parseCanonicalRef,
  resolveEntityRef,
  type CompoundRef,
} from './entityRefs';
export { Emitter, type Subscription } from './events';
export type { FieldPath, FieldRanges } from './fieldRanges';
export { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
export type { CatalogProblem, ProblemCode, ProblemSeverity } from './problems';
export { REFERENCE_FIELDS, referenceFieldsOf, type ReferenceField } from './referenceFields';
export type { CatalogRelation, ReferenceSite } from './relations';
export { comparePositions, rangeContains, type SourcePosition, type SourceRange } from './sourceRange';
export { FolderCatalog, type FolderCatalogOptions } from './folderCatalog';
export { DEFAULT_MAX_FILE_SIZE_BYTES } from './folderParsePipeline';
export {
  compareEntities,
  entityAnnotation,
  entityAnnotations,
  entityDescription,
  entityLabel,
  entityLifecycle,
  entityLinks,
  entitySummary,
  entityTags,
  entityType,
  type EntityLink,
} from './entityDisplay';
export { ownerRefOf, referenceTargetOf } from './referenceTargets';
export { compareKinds, kindPresentation, type KindPresentation } from './kinds';
export { groupEntities, walkGroups, type EntityGroup, type GroupingMode } from './views/entityGrouping';
export { isEmptyFilter, matchesFilter, parseFilterQuery, type EntityFilter } from './views/entityFilter';
export { countOf, diffGroups, type GroupChanges } from './views/groupChanges';
export {
  childGroups,
  groupMembers,
  ownedEntities,
  rootGroups,
  unknownOwners,
  usersWithoutGroup,
} from './views/ownership';
export { editDistance, suggestSimilarRefs, type RefSuggestion } from './refSuggestions';
export { BACKSTAGE_DEFAULT_RULES, parseCatalogRules, type CatalogRule } from './catalogRules';
export { readAppConfig, type AppConfigCatalog, type AppConfigLocation } from './appConfig';
