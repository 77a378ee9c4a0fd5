import type { RegistryConfig } from './catalogApiClient';
import { runTechInsightsChecks, type TechInsightsAnswer, type TechInsightsOptions } from './techInsightsClient';

/** How long an entity's results are reused: the tab re-renders often, the backend's facts change slowly. */
export const TECH_INSIGHTS_TTL_MS = 30_000;
const MAX_ENTRIES = 500;

type Run = (config: RegistryConfig, ref: string, options: TechInsightsOptions) => Promise<TechInsightsAnswer>;

/**
 * Tech Insights results fetched on demand and kept briefly, one request in flight per entity.
 * Keyed by registry base URL and ref in a Map; failures are not kept, so the next look retries.
 */
export class TechInsightsCache {
  private readonly entries = new Map<string, { readonly at: number; readonly answer: Promise<TechInsightsAnswer> }>();

  constructor(
    private readonly ttlMs = TECH_INSIGHTS_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly run: Run = runTechInsightsChecks,
  ) {}

  resultsFor(config: RegistryConfig, ref: string, token: string | undefined): Promise<TechInsightsAnswer> {
    const key = `${config.baseUrl}\n${ref}`;
    const held = this.entries.get(key);
    if (held && this.now() - held.at < this.ttlMs) {
      return held.answer;
    }
    const answer = this.run(config, ref, { token });
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), answer });
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) {
        this.entries.delete(key);
      }
    });
    // Oldest first in a Map's order: drop them past the cap.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(oldest);
    }
    return answer;
  }

  clear(): void {
    this.entries.clear();
  }
}
