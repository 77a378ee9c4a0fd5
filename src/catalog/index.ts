// The public face of the catalog core: what the extension, the CLI and tests import.
export { nodeCatalogFileSystem, isInsideFolder, type CatalogFileSystem, type DirectoryEntry, type FileStat } from './catalogFileSystem';
export type { CatalogEntityRecord, EntityOrigin, LocationTarget } from './catalogEntity';
export { CatalogIndex, type CatalogChangeEvent } from './catalogIndex';
export { CatalogWorkspace, type CatalogWorkspaceOptions } from './catalogWorkspace';
export { DEFAULT_CATALOG_GLOBS, DEFAULT_EXCLUDE_GLOBS, listFolder } from './discovery';
export { formatEntityRef, humanizeEntityRef, parseCanonicalRef, resolveEntityRef, type CompoundRef } from './entityRefs';
export { Emitter, type Subscription } from './events';
export type { FieldPath, FieldRanges } from './fieldRanges';
export { parseCatalogFile, type ParsedCatalogFile } from './parseCatalogFile';
export type { CatalogProblem, ProblemCode, ProblemSeverity } from './problems';
export { REFERENCE_FIELDS, referenceFieldsOf, type ReferenceField } from './referenceFields';
export type { CatalogRelation, ReferenceSite } from './relations';
export { comparePositions, rangeContains, type SourcePosition, type SourceRange } from './sourceRange';
export { DEFAULT_MAX_FILE_SIZE_BYTES, WorkspaceCatalog } from './workspaceCatalog';
export { compareEntities, entityLabel, entityLifecycle, entitySummary, entityType } from './entityDisplay';
export { compareKinds, kindPresentation, type KindPresentation } from './kinds';
