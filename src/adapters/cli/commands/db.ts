/** `neutral db migrate [--db …]` (contracts.md §1): applies schema migrations and exits. */
import type { Command } from 'commander';
import { DEFAULT_DB, StorageError, describeDb, migrateDb, parseDb } from '../../storage/index.js';
import { type CliIo, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

export const registerDb: CommandRegistrar = (program, io, finish) => {
  const db: Command = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending schema migrations to the database and exit')
    .option('--db <target>', 'sqlite:FILE or postgres://…', DEFAULT_DB)
    .action(async (options: { db: string }) => finish(await migrate(options, io)));
  // main.ts overrides exits of top-level commands only; this one is a level down.
  for (const sub of db.commands) sub.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
};

export async function migrate(options: { db: string }, io: CliIo): Promise<number> {
  const target = parseDb(options.db);
  if (!target.ok) return reportProblems(io, [{ code: 'bad_flag', message: target.error }]);
  const where = describeDb(target.value);
  try {
    const report = await migrateDb(target.value);
    const applied = report.applied.map((m) => `${m.version} (${m.name})`).join(', ');
    io.stdout(report.applied.length === 0 ? `${where}: schema is current at version ${report.version}\n` : `${where}: applied ${applied}; schema version ${report.version}\n`);
    return 0;
  } catch (cause) {
    if (cause instanceof StorageError) return reportProblems(io, [{ code: cause.code, message: `${where}: ${cause.message}` }]);
    // A file that cannot be opened is bad input, not a bug.
    if (target.value.dialect === 'sqlite' && /SQLITE_CANTOPEN|unable to open|directory does not exist|SQLITE_NOTADB|not a database/i.test(`${(cause as { code?: string }).code ?? ''} ${(cause as Error).message}`)) {
      return reportProblems(io, [{ code: 'db_unavailable', message: `${where}: ${(cause as Error).message}` }]);
    }
    throw cause;
  }
}
