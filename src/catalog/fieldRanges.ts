import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import {
  PackedFieldWriter,
  packedKeyOffsets,
  packedParent,
  packedValueOffsets,
  PACKED_FIELD_STRIDE,
} from './packedFieldWriter';
import { LineIndex, type SourceRange } from './sourceRange';

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

/**
 * The fields of one document as a tree in document order, in plain arrays: what the parser
 * produces, what the index cache stores and what a worker sends back. Entry `i` is the field
 * `names[i]` (a map key, or a sequence position); `data` holds its parent entry and the offsets
 * of its key and value, in the layout `packedFieldWriter.ts` writes and reads.
 * `root` holds the offsets of the whole document's value, when it has one.
 */
export interface PackedFieldRanges {
  readonly names: readonly (string | number)[];
  readonly data: readonly number[];
  readonly root?: readonly [number, number];
}

/** Map keys repeat across thousands of documents (`metadata`, `owner`, annotation keys): one copy each. */
const internedNames = new Map<string, string>();
const MAX_INTERNED = 20_000;

export function intern(name: string): string {
  const known = internedNames.get(name);
  if (known !== undefined) {
    return known;
  }
  if (internedNames.size >= MAX_INTERNED || name.length > 128) {
    return name;
  }
  // A fresh flat copy, so the table never keeps a whole file's text alive through a sliced string.
  const copy = Buffer.from(name, 'utf8').toString('utf8');
  internedNames.set(copy, copy);
  return copy;
}

/** Numbers in a joined path key came back as numbers when the key was split (entries()). */
const asPathPart = (part: string): string | number => (/^\d+$/.test(part) ? Number(part) : part);

/**
 * Where every field of one YAML document sits in its file, addressed by its path. Parsed
 * documents keep their fields packed (offsets in plain arrays, a few hundred bytes per
 * document) and turn them into line/column ranges only when one is asked for; `set` adds
 * explicitly located fields on top.
 */
export class FieldRanges {
  private locations: Map<string, FieldLocation> | undefined;

  constructor(
    private readonly packed?: PackedFieldRanges,
    private readonly lines?: LineIndex,
  ) {}

  /** Fields located by offsets into a text whose line starts are `lines`. */
  static fromPacked(packed: PackedFieldRanges, lines: LineIndex): FieldRanges {
    return new FieldRanges(packed, lines);
  }

  /** The packed form when every field came from the parser (nothing `set` by hand), for the cache. */
  pack(): PackedFieldRanges | undefined {
    return this.locations === undefined ? (this.packed ?? { names: [], data: [] }) : undefined;
  }

  /** The line starts the packed offsets are relative to. */
  get lineIndex(): LineIndex | undefined {
    return this.lines;
  }

  set(path: FieldPath, location: FieldLocation): void {
    this.materialize().set(pathKey(path), location);
  }

  get(path: FieldPath): FieldLocation | undefined {
    if (this.locations) {
      return this.locations.get(pathKey(path));
    }
    const packed = this.packed;
    if (!packed) {
      return undefined;
    }
    if (path.length === 0) {
      return packed.root ? { valueRange: this.range(packed.root[0], packed.root[1]) } : undefined;
    }
    let parent = -1;
    for (const part of path) {
      parent = this.child(packed, parent, part);
      if (parent < 0) {
        return undefined;
      }
    }
    return this.location(packed, parent);
  }

  /** The closest located range for a path, walking up to the parent when a field is missing. */
  /** No field is located: entities that came without text (from a registry). */
  get isEmpty(): boolean {
    return !this.locations && (!this.packed || this.packed.names.length === 0) && !this.packed?.root;
  }

  closest(path: FieldPath): FieldLocation | undefined {
    if (this.locations || !this.packed) {
      for (let length = path.length; length >= 0; length--) {
        const found = this.get(path.slice(0, length));
        if (found) {
          return found;
        }
      }
      return undefined;
    }
    // In the packed tree every located field's parents are located too: the longest located
    // prefix is where the walk down stops.
    const packed = this.packed;
    let parent = -1;
    for (const part of path) {
      const next = this.child(packed, parent, part);
      if (next < 0) {
        break;
      }
      parent = next;
    }
    return parent >= 0 ? this.location(packed, parent) : this.get([]);
  }

  /** All located paths; used by hover/completion to find the field under a position. */
  *entries(): IterableIterator<[FieldPath, FieldLocation]> {
    if (this.locations) {
      for (const [key, location] of this.locations) {
        const path = key === '' ? [] : key.split(SEPARATOR).map(asPathPart);
        yield [path, location];
      }
      return;
    }
    const packed = this.packed;
    if (!packed) {
      return;
    }
    if (packed.root) {
      yield [[], { valueRange: this.range(packed.root[0], packed.root[1]) }];
    }
    const paths: (string | number)[][] = [];
    for (let entry = 0; entry < packed.names.length; entry++) {
      const parent = packedParent(packed, entry);
      const path = [...(parent >= 0 ? (paths[parent] ?? []) : []), asPathPart(String(packed.names[entry]))];
      paths.push(path);
      yield [path, this.location(packed, entry)];
    }
  }

  /** The last entry below `parent` named `part` (a later duplicate replaced an earlier one). */
  private child(packed: PackedFieldRanges, parent: number, part: string | number): number {
    const names = packed.names;
    const data = packed.data;
    let found = -1;
    for (let entry = parent + 1; entry < names.length; entry++) {
      // Inlined packedParent: this loop runs for every hover and completion.
      if (data[entry * PACKED_FIELD_STRIDE] === parent) {
        const name = names[entry];
        if (name === part || String(name) === String(part)) {
          found = entry;
        }
      }
    }
    return found;
  }

  private location(packed: PackedFieldRanges, entry: number): FieldLocation {
    const [valueStart, valueEnd] = packedValueOffsets(packed, entry);
    const valueRange = this.range(valueStart, valueEnd);
    const key = packedKeyOffsets(packed, entry);
    return key ? { keyRange: this.range(key[0], key[1]), valueRange } : { valueRange };
  }

  private range(start: number, end: number): SourceRange {
    return (this.lines ?? EMPTY_LINES).rangeAt(start, end);
  }

  private materialize(): Map<string, FieldLocation> {
    if (!this.locations) {
      const locations = new Map<string, FieldLocation>();
      for (const [path, location] of this.entries()) {
        locations.set(pathKey(path), location);
      }
      this.locations = locations;
    }
    return this.locations;
  }
}

const EMPTY_LINES = new LineIndex('');

/** Offsets of a node as the ranges use them: start, and an end never before the start. */
function nodeOffsets(node: Node): [number, number] | undefined {
  const range = node.range;
  return range ? [range[0], Math.max(range[0], range[1])] : undefined;
}

/**
 * Records the range of every map value and sequence item below `root`: the key's and the
 * value's offsets, packed; line/column ranges are computed when asked for.
 */
export function collectFieldRanges(root: Node, lines: LineIndex, depthLimit = 64): FieldRanges {
  const writer = new PackedFieldWriter();
  let packable = true;
  const add = (
    parent: number,
    name: string | number,
    key: [number, number] | undefined,
    value: [number, number],
  ): number => writer.add(parent, name, key ? key[0] : -1, key ? key[1] : -1, value[0], value[1]);
  const visit = (node: unknown, parent: number, depth: number): void => {
    if (depth > depthLimit) {
      return;
    }
    if (isMap(node)) {
      const seen = node.items.length > 1 ? new Set<string>() : undefined;
      for (const pair of node.items) {
        if (!isPair(pair)) {
          continue;
        }
        if (!isScalar(pair.key)) {
          continue;
        }
        const rawKey = pair.key.value;
        const key = String(rawKey);
        if (seen?.has(key)) {
          packable = false; // a repeated key replaces the earlier one in place
        }
        seen?.add(key);
        if (typeof rawKey !== 'string' || key === '' || key.includes(SEPARATOR)) {
          // Keys that only differ in type (`1` and `"1"`), the empty key (joined, `['']` is `[]`)
          // and keys holding the separator collide in a map keyed by joined paths: keep exactly
          // those semantics for this document.
          packable = false;
        }
        const keyOffsets = nodeOffsets(pair.key);
        const value = pair.value as Node | null;
        const valueOffsets = (value && nodeOffsets(value)) ?? keyOffsets;
        if (!valueOffsets) {
          if (isMap(value) || isSeq(value)) {
            packable = false;
          }
          continue;
        }
        const entry = add(parent, intern(key), keyOffsets, valueOffsets);
        visit(value, entry, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemOffsets = item && typeof item === 'object' ? nodeOffsets(item as Node) : undefined;
        if (!itemOffsets) {
          if (isMap(item) || isSeq(item)) {
            packable = false;
          }
          return;
        }
        const entry = add(parent, index, undefined, itemOffsets);
        visit(item, entry, depth + 1);
      });
    }
  };
  const rootOffsets = nodeOffsets(root);
  visit(root, -1, 0);
  if (!packable) {
    return collectFieldRangesByPath(root, lines, depthLimit);
  }
  // Exact-size copies: grown arrays keep up to half their length again as spare capacity.
  return FieldRanges.fromPacked(writer.finish(rootOffsets, true), lines);
}

/** The map-based collection (the original), for the rare documents the packed tree cannot mirror exactly. */
export function collectFieldRangesByPath(root: Node, lines: LineIndex, depthLimit = 64): FieldRanges {
  const ranges = new FieldRanges();
  const nodeRange = (node: Node): SourceRange | undefined => {
    const range = node.range;
    return range ? lines.rangeAt(range[0], range[1]) : undefined;
  };
  const rootRange = nodeRange(root);
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
        const keyRange = isScalar(pair.key) ? nodeRange(pair.key) : undefined;
        const value = pair.value as Node | null;
        const valueRange = (value && nodeRange(value)) ?? keyRange;
        if (valueRange) {
          ranges.set([...path, key], keyRange ? { keyRange, valueRange } : { valueRange });
        }
        visit(value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemRange = item && typeof item === 'object' ? nodeRange(item as Node) : undefined;
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
