/** A value the proposal sets, and the sentence that says where it came from. */
export interface Inference<T> {
  readonly value: T;
  readonly reason: string;
}

export type QuestionField = 'owner' | 'type' | 'system';

/** Something the folder does not say: the user picks, or the CLI takes an option. */
export interface Question {
  readonly field: QuestionField;
  /** Why it could not be inferred. */
  readonly reason: string;
  /** Suggested answers (entity refs for owner/system, type names for type); may be empty. */
  readonly choices: readonly string[];
}

export type ApiType = 'openapi' | 'asyncapi' | 'graphql' | 'grpc';

export interface ProposedApi {
  readonly name: Inference<string>;
  readonly type: Inference<ApiType>;
  /** Path of the definition relative to the descriptor, `./…`, for `$text`. */
  readonly definition: Inference<string>;
  readonly title?: Inference<string> | undefined;
  readonly description?: Inference<string> | undefined;
}

export interface ProposedComponent {
  /** Package folder relative to the onboarded folder ('' for the folder itself). */
  readonly folder: string;
  readonly name: Inference<string>;
  readonly title?: Inference<string> | undefined;
  readonly description?: Inference<string> | undefined;
  readonly type?: Inference<string> | undefined;
  readonly owner?: Inference<string> | undefined;
  readonly system?: Inference<string> | undefined;
  readonly lifecycle: Inference<string>;
  /** Annotation key → value; a Map because keys are built from what the folder says. */
  readonly annotations: ReadonlyMap<string, Inference<string>>;
  readonly providesApis: readonly Inference<string>[];
  readonly dependsOn: readonly Inference<string>[];
  readonly apis: readonly ProposedApi[];
}

/** Everything proposed for one folder: entities, open questions, and notes worth reading. */
export interface OnboardingProposal {
  /** Absolute path of the onboarded folder. */
  readonly folder: string;
  /** Where the descriptor goes (absolute). */
  readonly descriptorPath: string;
  readonly components: readonly ProposedComponent[];
  /** Open questions, per component name ('' = every component). */
  readonly questions: ReadonlyMap<string, readonly Question[]>;
  /** Things that were read but not used, limits reached, and other facts the user should know. */
  readonly notes: readonly string[];
}

/** What the user (or CLI options) answered; applied to every component that asked. */
export interface OnboardingAnswers {
  readonly owner?: string | undefined;
  readonly type?: string | undefined;
  readonly system?: string | undefined;
}

/** Settings that shape proposals. */
export interface OnboardingDefaults {
  /** `lifecycle` of every proposed entity. */
  readonly lifecycle: string;
  /** Component type when the folder does not say; undefined = ask. */
  readonly type?: string | undefined;
  /** CODEOWNERS handle (`@org/team`, `@alice`, `team@example.com`) → group ref. */
  readonly handleGroups: ReadonlyMap<string, string>;
}

export const DEFAULT_ONBOARDING: OnboardingDefaults = { lifecycle: 'production', handleGroups: new Map() };
