/** The CLI's only contact with the process: output streams and the exit code. */
import { writeFile } from 'node:fs/promises';
import { type Problem, exitCodeOf, formatProblem } from '../problems.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input (for secrets that must not appear on the command line). */
  readStdin?(): Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Reports problems one per line on stderr and returns the exit code for them. */
export function reportProblems(io: CliIo, problems: readonly Problem[]): 1 | 2 {
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  return exitCodeOf(problems);
}

/** Writes to --out (all at once, after everything was computed) or to stdout. */
export async function emit(io: CliIo, out: string | undefined, content: string | Uint8Array): Promise<void> {
  if (out === undefined) io.stdout(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  else await writeFile(out, content);
}
