/**
 * `neutral`: a thin adapter over the core. Each command lives in commands/ and returns its
 * exit code; unknown or malformed flags are bad input (exit 2), as contracts.md §0 says.
 */
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './io.js';
import { registerAccount } from './commands/account.js';
import { registerDb } from './commands/db.js';
import { registerDemo } from './commands/demo.js';
import { registerCompliance } from './commands/compliance.js';
import { registerMarket } from './commands/market.js';
import { registerPathway } from './commands/pathway.js';
import { registerScore } from './commands/score.js';
import { registerServe } from './commands/serve.js';
import { registerUser } from './commands/user.js';
import { registerZonal } from './commands/zonal.js';

export type CommandRegistrar = (program: Command, io: CliIo, finish: (code: number) => void) => void;

const REGISTRARS: readonly CommandRegistrar[] = [registerAccount, registerCompliance, registerDb, registerDemo, registerMarket, registerPathway, registerScore, registerServe, registerUser, registerZonal];

/** Runs the CLI on argv (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('neutral')
    .description('Carbon budgets, compensation, pathways and scores for a province and its cities')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError(false);
  const finish = (code: number): void => {
    exitCode = code;
  };
  for (const register of REGISTRARS) register(program, io, finish);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (cause) {
    if (cause instanceof CommanderError) {
      if (cause.code === 'commander.helpDisplayed' || cause.code === 'commander.version' || cause.code === 'commander.help') return 0;
      // Commander already printed its message; map every parse failure to bad input.
      return 2;
    }
    io.stderr(`neutral: internal: ${(cause as Error).stack ?? String(cause)}\n`);
    return 1;
  }
  return exitCode;
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

// bin/neutral.js calls runCli itself; this serves `node dist/adapters/cli/main.js`.
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
