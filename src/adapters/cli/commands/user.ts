/**
 * `neutral user add USERNAME --role ROLE [--participant ID] --password-file FILE|- [--db …]`:
 * creates a login in the accounts beside the journal, with the rules of `POST /api/v1/users`
 * (one schema, one kind rule: src/adapters/http/users.ts). The password comes from a file or
 * standard input, never from the command line, where other users and shell history could read it.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Problem } from '../../problems.js';
import { DEFAULT_DB, describeDb, parseDb } from '../../storage/index.js';
import { type FieldNames, createUser, newUserSchema } from '../../http/users.js';
import { USER_ROLES } from '../../http/roles.js';
import { type CliIo, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';
import { openDatabase } from './serve.js';

export interface UserAddOptions {
  db: string;
  role?: string[];
  participant?: string;
  passwordFile?: string;
}

const FLAGS: FieldNames & { password: string } = { username: 'USERNAME', participantId: '--participant', roles: '--role', password: '--password-file' };

export const registerUser: CommandRegistrar = (program, io, finish) => {
  const user: Command = program.command('user').description('logins of the HTTP API and the dashboard');
  user.command('add')
    .description('create a user with roles, acting for a participant; the password is read from --password-file (or stdin with -), at least 10 characters')
    .argument('<username>', 'login name: lower-case letters, digits, _ . - (2 to 64)')
    .option('--role <role>', `a role (repeat for several): ${USER_ROLES.join(', ')}`, (value: string, all: string[] | undefined) => [...(all ?? []), value])
    .option('--participant <id>', 'the registry participant the user acts for (needed with a participant kind)')
    .option('--password-file <file>', 'a file holding the password (one trailing newline is dropped); - reads standard input')
    .option('--db <target>', 'sqlite:FILE or postgres://…', DEFAULT_DB)
    .action(async (username: string, options: UserAddOptions) => finish(await addUser(username, options, io)));
  // main.ts overrides exits of top-level commands only; this one is a level down.
  for (const sub of user.commands) sub.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
};

/** Reads the password from its file or stdin; a missing source is a flag problem. */
async function readPassword(source: string | undefined, io: CliIo): Promise<string | Problem> {
  if (source === undefined) return { code: 'bad_flag', message: `${FLAGS.password}: give a file holding the password, or - to read it from standard input (never the password itself)` };
  let text: string;
  if (source === '-') {
    if (io.readStdin === undefined) return { code: 'bad_flag', message: `${FLAGS.password}: standard input cannot be read here` };
    text = await io.readStdin();
  } else {
    try {
      text = await readFile(source, 'utf8');
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code === 'ENOENT'
        ? { code: 'missing_file', file: source, message: `${FLAGS.password}: no such file` }
        : { code: 'unreadable_file', file: source, message: `${FLAGS.password}: ${(cause as Error).message}` };
    }
  }
  return text.replace(/\r?\n$/, '');
}

/** Schema problems named by flag: `--role: invalid option …`. */
function flagProblems(error: z.ZodError, roles: readonly string[]): Problem[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const flag = (FLAGS as unknown as Record<string, string>)[key] ?? key;
    const index = issue.path[1];
    if (key === 'roles' && typeof index === 'number') return { code: 'bad_flag', message: `${flag}: "${roles[index]}" is not a role; the roles are ${USER_ROLES.join(', ')}` };
    return { code: 'bad_flag', message: `${flag}: ${issue.message}` };
  });
}

export async function addUser(username: string, options: UserAddOptions, io: CliIo, at: Date = new Date()): Promise<number> {
  const target = parseDb(options.db);
  if (!target.ok) return reportProblems(io, [{ code: 'bad_flag', message: `--db: ${target.error}` }]);
  const password = await readPassword(options.passwordFile, io);
  if (typeof password !== 'string') return reportProblems(io, [password]);
  const roles = options.role ?? [];
  if (roles.length === 0) return reportProblems(io, [{ code: 'bad_flag', message: `${FLAGS.roles}: give at least one role: ${USER_ROLES.join(', ')}` }]);
  const input = newUserSchema.safeParse({ username, password, participantId: options.participant ?? null, roles });
  if (!input.success) return reportProblems(io, flagProblems(input.error, roles));
  const backend = await openDatabase(target.value, io);
  if (typeof backend === 'number') return backend;
  try {
    const participantId = input.data.participantId;
    const participant = participantId === null ? undefined : backend.journal.store.read((s) => backend.journal.registry(s).participants.get(participantId));
    const user = await createUser(backend.accounts, input.data, participant?.kind, { at, names: FLAGS });
    if (!user.ok) return reportProblems(io, [{ code: user.error.code, message: `${user.error.field}: ${user.error.message}` }]);
    const actsFor = participantId === null ? 'no participant' : `participant ${participantId}${participant === undefined ? ' (not registered yet)' : ''}`;
    io.stdout(`Created user ${user.value.username} in ${describeDb(target.value)}: roles ${user.value.roles.join(', ')}; ${actsFor}.\n`);
    return 0;
  } finally {
    await backend.close();
  }
}
