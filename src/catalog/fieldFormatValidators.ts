import { makeValidator } from '@backstage/catalog-model';

type Validators = ReturnType<typeof makeValidator>;

/** Distinct strings remembered per validator; past this the memory starts over. */
const MEMO_ENTRIES = 4096;
/** Longer strings are checked every time: no key of that size is worth holding. */
const MEMO_MAX_LENGTH = 256;

type StringCheck = (this: void, value: unknown) => boolean;

/**
 * The same check, remembering its answer per string. The checks are pure functions of the
 * string, so the answer is the one the check gives; the function keeps its name, which
 * Backstage's FieldFormatEntityPolicy reads to word its message.
 */
export function rememberingCheck(check: StringCheck): StringCheck {
  const answers = new Map<string, boolean>();
  const remembering = (value: unknown): boolean => {
    if (typeof value !== 'string' || value.length > MEMO_MAX_LENGTH) {
      return check(value);
    }
    let answer = answers.get(value);
    if (answer === undefined) {
      answer = check(value);
      if (answers.size >= MEMO_ENTRIES) {
        answers.clear();
      }
      answers.set(value, answer);
    }
    return answer;
  };
  Object.defineProperty(remembering, 'name', { value: check.name });
  return remembering;
}

/**
 * Backstage's field-format validators, those whose inputs repeat across entities (apiVersion,
 * namespace, label and annotation keys, tags) answering from memory: every entity a registry
 * serves carries the same few annotation keys, each checked by a chain of regular expressions.
 * Names, label and annotation values are checked each time, as they differ per entity.
 */
export function rememberingFieldValidators(): Validators {
  // Backstage's policy calls them detached from the object too: none reads `this`.
  const validators: Record<keyof Validators, StringCheck> = makeValidator();
  return makeValidator({
    isValidApiVersion: rememberingCheck(validators.isValidApiVersion),
    isValidKind: rememberingCheck(validators.isValidKind),
    isValidNamespace: rememberingCheck(validators.isValidNamespace),
    isValidLabelKey: rememberingCheck(validators.isValidLabelKey),
    isValidAnnotationKey: rememberingCheck(validators.isValidAnnotationKey),
    isValidTag: rememberingCheck(validators.isValidTag),
  });
}
