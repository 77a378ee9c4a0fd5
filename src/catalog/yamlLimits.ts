import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';

/**
 * Checks that keep hostile YAML cheap: duplicate keys found in linear time (yaml's own
 * `uniqueKeys` check compares every key with every earlier key of its map, so a 100 000-key
 * mapping takes minutes), and alias expansions bounded (yaml's `maxAliasCount` stops
 * exponential "billion laughs", not one large node aliased a hundred times, nor an alias
 * to a node that contains it).
 */

/** Values aliases may add beyond the document's own nodes. */
export const ALIAS_EXPANSION_BUDGET = 100_000;

export interface DocumentShape {
  /** Offsets of map keys that repeat an earlier key of the same map. */
  readonly duplicateKeys: number[];
  /** Scalars, collections and aliases in the document as written. */
  readonly nodes: number;
  readonly aliases: number;
}

/** Walks a composed document once, without recursion (depth is whatever the text holds). */
export function scanDocument(root: unknown): DocumentShape {
  const duplicateKeys: number[] = [];
  let nodes = 0;
  let aliases = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) {
      nodes++;
      aliases++;
    } else if (isScalar(node)) {
      nodes++;
    } else if (isMap(node)) {
      nodes++;
      // yaml's rule: scalar keys with the same value are the same key (NaN never equals itself).
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) {
          continue;
        }
        const key = pair.key;
        if (isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          if (seen.has(key.value)) {
            duplicateKeys.push(key.range?.[0] ?? 0);
          } else {
            seen.add(key.value);
          }
        }
        pending.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      nodes++;
      for (const item of node.items) {
        if (isPair(item)) {
          pending.push(item.value, item.key);
        } else {
          pending.push(item);
        }
      }
    }
  }
  duplicateKeys.sort((a, b) => a - b);
  return { duplicateKeys, nodes, aliases };
}

/**
 * Why the expanded value of a document is refused, or undefined: it contains itself (an
 * alias to an enclosing node), or aliases make it larger than `limit` values. Shared nodes
 * count once per place they appear, as every later consumer walks them that often.
 */
export function expansionProblem(value: unknown, limit: number): 'recursive' | 'too-large' | undefined {
  let visited = 0;
  const onPath = new Set<object>();
  // Each frame is a container being walked and the position of the next child to visit.
  const stack: { readonly node: object; readonly children: readonly unknown[]; next: number }[] = [];
  const enter = (node: unknown): 'recursive' | 'too-large' | undefined => {
    if (++visited > limit) {
      return 'too-large';
    }
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    if (onPath.has(node)) {
      return 'recursive';
    }
    onPath.add(node);
    stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0 });
    return undefined;
  };
  let problem = enter(value);
  while (!problem && stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    if (frame.next >= frame.children.length) {
      stack.pop();
      onPath.delete(frame.node);
    } else {
      problem = enter(frame.children[frame.next++]);
    }
  }
  return problem;
}

/** A JavaScript stack overflow, which the yaml parser reports as a parse error on very deep nesting. */
export function isStackOverflow(message: string): boolean {
  return /Maximum call stack size exceeded|too much recursion/i.test(message);
}
