// The scorecard core: checks (built-in, from `.greenroom/checks.yaml`, from plugins), their
// evaluation on catalog entities, and scores. No editor concerns; the CLI and the editor share it.
export { BUILTIN_CHECK_IDS, BUILTIN_CHECKS } from './builtinChecks';
export { checkSet, readChecksFile, type CheckSetOptions } from './checkSet';
export { CHECKS_FILE, parseChecksFile, type ChecksFile, type ChecksFileProblem } from './checksFile';
export { predicateCheck, type PredicateCheckDefinition } from './predicateCheck';
export { ScorecardEngine, type ScorecardCatalog, type ScorecardChange } from './scorecardEngine';
export type {
  CheckFix,
  CheckOrigin,
  CheckOutcome,
  CheckResult,
  CheckSeverity,
  EntityScorecard,
  ScorecardCheck,
  ScorecardContext,
} from './scorecardTypes';
export { findingRange } from './findingLocation';
export { fixEdit, type FixEdit } from './fixEdits';
