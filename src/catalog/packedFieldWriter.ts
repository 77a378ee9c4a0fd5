import type { PackedFieldRanges } from './fieldRanges';

/**
 * The one place that knows the packed layout of `PackedFieldRanges`: per field, its parent's
 * entry and the offsets of its key and value. The YAML parser, the fast YAML path and the cache
 * codec all go through here.
 */
export const PACKED_FIELD_STRIDE = 5;

const PARENT = 0;
const KEY_START = 1;
const KEY_END = 2;
const VALUE_START = 3;
const VALUE_END = 4;

export class PackedFieldWriter {
  private readonly names: (string | number)[] = [];
  private readonly data: number[] = [];

  /** Adds a field below `parent` (-1: the root); its value offsets may follow with `setValue`. */
  add(parent: number, name: string | number, keyStart: number, keyEnd: number, valueStart = 0, valueEnd = 0): number {
    this.names.push(name);
    this.data.push(parent, keyStart, keyEnd, valueStart, valueEnd);
    return this.names.length - 1;
  }

  setValue(entry: number, start: number, end: number): void {
    const base = entry * PACKED_FIELD_STRIDE;
    this.data[base + VALUE_START] = start;
    this.data[base + VALUE_END] = end;
  }

  /** The fields written; `exact` copies the arrays to their size (grown arrays keep spare capacity). */
  finish(root: readonly [number, number] | undefined, exact = false): PackedFieldRanges {
    const names = exact ? this.names.slice() : this.names;
    const data = exact ? this.data.slice() : this.data;
    return root ? { names, data, root } : { names, data };
  }
}

/** Whether decoded cache data has the packed layout (the codec's check before trusting it). */
export function isPackedFieldRanges(value: unknown): value is PackedFieldRanges {
  if (!value || typeof value !== 'object') {
    return false;
  }
  const { names, data } = value as { names?: unknown; data?: unknown };
  return Array.isArray(names) && Array.isArray(data) && data.length === names.length * PACKED_FIELD_STRIDE;
}

/** Readers of one packed entry. */
export function packedParent(packed: PackedFieldRanges, entry: number): number {
  return packed.data[entry * PACKED_FIELD_STRIDE + PARENT] ?? -1;
}

export function packedKeyOffsets(packed: PackedFieldRanges, entry: number): [number, number] | undefined {
  const base = entry * PACKED_FIELD_STRIDE;
  const start = packed.data[base + KEY_START] ?? -1;
  return start < 0 ? undefined : [start, packed.data[base + KEY_END] ?? 0];
}

export function packedValueOffsets(packed: PackedFieldRanges, entry: number): [number, number] {
  const base = entry * PACKED_FIELD_STRIDE;
  return [packed.data[base + VALUE_START] ?? 0, packed.data[base + VALUE_END] ?? 0];
}
