import { terminalBlock, terminalField } from './terminalText';

type StandardStream = 'stdout' | 'stderr';

/**
 * What the CLI prints goes through here and nowhere else (lint forbids `process.stdout.write`
 * in src/cli), so no field, file name or message reaches the terminal unescaped.
 */
export class TerminalOutput {
  constructor(private readonly stream: StandardStream) {}

  /**
   * One line. Interpolated values are escaped whole — a newline in a name cannot start a forged
   * line — and the template's own text keeps its layout.
   */
  line(strings: TemplateStringsArray, ...values: unknown[]): void {
    const text = strings.reduce(
      (line, part, position) => line + part + (position < values.length ? terminalField(String(values[position])) : ''),
      '',
    );
    this.write(`${terminalBlock(text)}\n`);
  }

  /** Text laid out over several lines (usage, JSON): control characters escaped, layout kept. */
  block(text: string): void {
    this.write(terminalBlock(text.endsWith('\n') ? text : `${text}\n`));
  }

  private write(text: string): void {
    // Looked up on each write, so a test that captures process.stdout sees the output.
    process[this.stream].write(text);
  }
}

export const standardOutput = new TerminalOutput('stdout');
export const standardError = new TerminalOutput('stderr');
