/** Zero-based line and column, the convention of VS Code and LSP. Printed one-based by the CLI. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export const START_OF_FILE: SourceRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

/** Turns character offsets into line/column positions; built once per file text. */
export class LineIndex {
  private readonly lineStarts: readonly number[];

  /** From a text, or from the offsets of its lines' starts (as `starts` returns them). */
  constructor(textOrStarts: string | readonly number[]) {
    if (typeof textOrStarts !== 'string') {
      this.lineStarts = textOrStarts;
      return;
    }
    const starts = [0];
    let offset = textOrStarts.indexOf('\n');
    while (offset !== -1) {
      starts.push(offset + 1);
      offset = textOrStarts.indexOf('\n', offset + 1);
    }
    this.lineStarts = starts;
  }

  /** Offsets at which each line starts; the first is 0. */
  get starts(): readonly number[] {
    return this.lineStarts;
  }

  positionAt(offset: number): SourcePosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low, column: offset - (this.lineStarts[low] ?? 0) };
  }

  rangeAt(startOffset: number, endOffset: number): SourceRange {
    return { start: this.positionAt(startOffset), end: this.positionAt(Math.max(startOffset, endOffset)) };
  }
}

export function rangeContains(range: SourceRange, position: SourcePosition): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return a.line === b.line ? a.column - b.column : a.line - b.line;
}
