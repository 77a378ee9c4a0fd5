import { SeededRandom } from './yamlGenerator';

/** The project's one deterministic generator (SeededRandom), as a function: a failing seed replays. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}
