import { main } from '../../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `greenroom` CLI in-process with stdout/stderr captured. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // Saved to be put back on the same streams, never called detached.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on process.stdout below
  const originalOut = process.stdout.write;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on process.stderr below
  const originalErr = process.stderr.write;
  const capture =
    (append: (text: string) => void): typeof process.stdout.write =>
    (chunk: string | Uint8Array): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
}
