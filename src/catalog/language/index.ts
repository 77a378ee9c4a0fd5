// Editor-language logic (hover, completion, refs in text), pure so it is tested and benchmarked in node.
export {
  KNOWN_API_VERSIONS,
  KNOWN_KINDS,
  KNOWN_LIFECYCLES,
  KNOWN_SPEC_TYPES,
  WELL_KNOWN_ANNOTATIONS,
  rankRefCompletions,
  shortestRefFor,
  type RefCompletion,
} from './completionCandidates';
export { entityHoverMarkdown, unknownRefHoverMarkdown, type CommandLink } from './hoverContent';
export { findReferencesInLine, MAX_SCANNED_LINE, referenceAtColumn, type TextReference } from './textReferences';
export {
  compileReferencePattern,
  rejectedReferencePatterns,
  type ReferencePattern,
  type RejectedReferencePattern,
} from './referencePatterns';
export { catalogCompletionContext, type CatalogCompletionContext } from './yamlCompletionContext';
export { catalogReferenceAt, type CatalogReferenceHit } from './referenceLookup';
export { entityTooltipMarkdown, type TooltipLabels } from './tooltipContent';
export { templateContentHoverMarkdown } from './templateContentHover';
