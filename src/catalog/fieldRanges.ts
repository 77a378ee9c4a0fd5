import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { LineIndex, SourceRange } from './sourceRange';

export type FieldPath = readonly (string | number)[];

export interface FieldLocation {
  /** Range of the key (`owner` in `owner: team-a`); absent for sequence items. */
  readonly keyRange?: SourceRange;
  /** Range of the value node. */
  readonly valueRange: SourceRange;
}

const SEPARATOR = '\u001f';

function pathKey(path: FieldPath): string {
  return path.join(SEPARATOR);
}

/** Where every field of one YAML document sits in its file, addressed by its path. */
export class FieldRanges {
  private readonly locations = new Map<string, FieldLocation>();

  set(path: FieldPath, location: FieldLocation): void {
    this.locations.set(pathKey(path), location);
  }

  get(path: FieldPath): FieldLocation | undefined {
    return this.locations.get(pathKey(path));
  }

  /** The closest located range for a path, walking up to the parent when a field is missing. */
  closest(path: FieldPath): FieldLocation | undefined {
    for (let length = path.length; length >= 0; length--) {
      const found = this.get(path.slice(0, length));
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  /** All located paths; used by hover/completion to find the field under a position. */
  *entries(): IterableIterator<[FieldPath, FieldLocation]> {
    for (const [key, location] of this.locations) {
      const path = key === '' ? [] : key.split(SEPARATOR).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      yield [path, location];
    }
  }
}

function nodeRange(node: Node, lines: LineIndex): SourceRange | undefined {
  const range = node.range;
  return range ? lines.rangeAt(range[0], range[1]) : undefined;
}

/** Records the range of every map value and sequence item below `root`. */
export function collectFieldRanges(root: Node, lines: LineIndex, depthLimit = 64): FieldRanges {
  const ranges = new FieldRanges();
  const rootRange = nodeRange(root, lines);
  if (rootRange) {
    ranges.set([], { valueRange: rootRange });
  }
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (path.length > depthLimit) {
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) {
          continue;
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) {
          continue;
        }
        const keyRange = isScalar(pair.key) ? nodeRange(pair.key, lines) : undefined;
        const value = pair.value as Node | null;
        const valueRange = (value && nodeRange(value, lines)) ?? keyRange;
        if (valueRange) {
          ranges.set([...path, key], keyRange ? { keyRange, valueRange } : { valueRange });
        }
        visit(value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemRange = item && typeof item === 'object' ? nodeRange(item as Node, lines) : undefined;
        if (itemRange) {
          ranges.set([...path, index], { valueRange: itemRange });
        }
        visit(item, [...path, index]);
      });
    }
  };
  visit(root, []);
  return ranges;
}
