export { applyAnswers, openQuestions } from './answers';
export { catalogFactsOf, EMPTY_CATALOG, type CatalogFacts } from './catalogFacts';
export { isValidEntityName, normaliseEntityName } from './entityName';
export { DEFAULT_READ_BUDGET, type ReadBudget } from './folderFiles';
export { parseRemoteUrl, remotesOfConfig } from './gitRemote';
export { descriptorUrl } from './descriptorUrl';
export { DESCRIPTOR_FILE_NAME, OnboardingError, proposeOnboarding, type OnboardingInput } from './proposeOnboarding';
export { proposalEntities, renderProposalYaml, UNANSWERED } from './proposalYaml';
export {
  DEFAULT_ONBOARDING,
  type OnboardingAnswers,
  type OnboardingDefaults,
  type OnboardingProposal,
  type ProposedComponent,
  type Question,
  type QuestionField,
} from './proposalTypes';
export { validateProposal } from './validateProposal';
