import type { CheckOutcome } from './scorecardTypes';

/** An outcome made immutable, arrays included, so that entities can share it. */
export function frozenOutcome(outcome: CheckOutcome): CheckOutcome {
  if (outcome.field) {
    Object.freeze(outcome.field);
  }
  if (outcome.fix) {
    if (outcome.fix.type === 'field') {
      Object.freeze(outcome.fix.path);
    }
    Object.freeze(outcome.fix);
  }
  return Object.freeze(outcome);
}

/**
 * One outcome object per distinct outcome of a check ("Owned by group:default/team-a"), shared by
 * every entity that gets it: a full evaluation of 20,000 entities holds ~180,000 results, and
 * sharing the few hundred distinct ones keeps the heap, and the garbage collector's work, small.
 * The key must determine the outcome. Bounded: past `budget` keys it starts again.
 */
export class SharedOutcomes<K> {
  private readonly outcomes = new Map<K, CheckOutcome>();

  constructor(private readonly budget = 2048) {}

  get(key: K): CheckOutcome | undefined {
    return this.outcomes.get(key);
  }

  /** Keeps (frozen) and returns the outcome for `key`. */
  add(key: K, outcome: CheckOutcome): CheckOutcome {
    if (this.outcomes.size >= this.budget) {
      this.outcomes.clear();
    }
    const frozen = frozenOutcome(outcome);
    this.outcomes.set(key, frozen);
    return frozen;
  }
}
