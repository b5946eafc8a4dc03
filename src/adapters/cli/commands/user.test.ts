import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { verifyPassword } from '../../accounts/secrets.js';
import { loadDemo } from '../../demo/registry.js';
import { openBackend } from '../../http/backend.js';
import { runCli } from '../main.js';
import { type CliOutcome, cli, files, tempDir } from '../test-support/run.js';

const PASSWORD = 'correct horse battery';
let db: string;
let passwordFile: string;

before(async () => {
  const file = join(tempDir(), 'users.db');
  db = `sqlite:${file}`;
  // The demo registry knows participant coop (a cooperative) and emitter (an emitter enterprise).
  const backend = await openBackend({ dialect: 'sqlite', file });
  await loadDemo(backend.journal.store, backend.accounts);
  await backend.close();
  passwordFile = files({ 'password.txt': `${PASSWORD}\n` })['password.txt']!;
});

async function stored(username: string) {
  const backend = await openBackend({ dialect: 'sqlite', file: db.slice('sqlite:'.length) });
  try {
    return { user: await backend.accounts.user(username), hash: await backend.accounts.passwordHash(username) };
  } finally {
    await backend.close();
  }
}

function assertRefused(outcome: CliOutcome, code: string, field: string): void {
  assert.equal(outcome.code, 2, outcome.stderr);
  assert.match(outcome.stderr, new RegExp(`${code}: ${field.replace(/[-$.]/g, '\\$&')}: `), outcome.stderr);
  assert.equal(outcome.stdout, '');
}

test('user add: a trader acting for a registered participant, the password from a file', async () => {
  const outcome = await cli('user', 'add', 'coop2', '--role', 'cooperative', '--participant', 'coop', '--password-file', passwordFile, '--db', db);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.match(outcome.stdout, /Created user coop2 in .*users\.db: roles cooperative; participant coop\./);
  assert.ok(!(outcome.stdout + outcome.stderr).includes(PASSWORD), 'the password is never printed');
  const { user, hash } = await stored('coop2');
  assert.deepEqual(user, { username: 'coop2', participantId: 'coop', roles: ['cooperative'] });
  assert.match(hash!, /^scrypt\$/);
  assert.ok(await verifyPassword(PASSWORD, hash!), 'the trailing newline of the file is not part of the password');
});

test('user add: several roles, no participant; the password from standard input', async () => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['user', 'add', 'analyst', '--role', 'planner', '--role', 'admin', '--password-file', '-', '--db', db], {
    stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => `${PASSWORD}\r\n`,
  });
  assert.equal(code, 0, stderr);
  assert.match(stdout, /roles admin, planner; no participant\./);
  const { user, hash } = await stored('analyst');
  assert.deepEqual(user?.roles, ['admin', 'planner']);
  assert.ok(await verifyPassword(PASSWORD, hash!));
});

test('user add: a participant not yet registered is accepted and said so', async () => {
  const outcome = await cli('user', 'add', 'newco', '--role', 'emitter-enterprise', '--participant', 'newco', '--password-file', passwordFile, '--db', db);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.match(outcome.stdout, /participant newco \(not registered yet\)/);
});

test('user add: every refusal names its field and writes nothing', async () => {
  const add = (...args: string[]) => cli('user', 'add', ...args, '--db', db);
  assertRefused(await add('x1', '--role', 'planner'), 'bad_flag', '--password-file');
  assertRefused(await add('x1', '--role', 'planner', '--password-file', join(tempDir(), 'absent.txt')), 'missing_file', '--password-file');
  assertRefused(await add('x1', '--role', 'planner', '--password-file', files({ p: 'short\n' })['p']!), 'bad_flag', '--password-file');
  assertRefused(await add('x1', '--password-file', passwordFile), 'bad_flag', '--role');
  const badRole = await add('x1', '--role', 'wizard', '--password-file', passwordFile);
  assertRefused(badRole, 'bad_flag', '--role');
  assert.match(badRole.stderr, /"wizard" is not a role/);
  assertRefused(await add('X 1', '--role', 'planner', '--password-file', passwordFile), 'bad_flag', 'USERNAME');
  assertRefused(await add('x1', '--role', 'planner', '--participant', 'no spaces', '--password-file', passwordFile), 'bad_flag', '--participant');
  assertRefused(await add('x1', '--role', 'farmer', '--password-file', passwordFile), 'bad_param_value', '--participant');
  assertRefused(await add('x1', '--role', 'farmer', '--role', 'bank', '--participant', 'coop', '--password-file', passwordFile), 'bad_param_value', '--role');
  const wrongKind = await add('x1', '--role', 'farmer', '--participant', 'coop', '--password-file', passwordFile);
  assertRefused(wrongKind, 'bad_param_value', '--role');
  assert.match(wrongKind.stderr, /participant coop is a cooperative, not a farmer/);
  assertRefused(await add('coop', '--role', 'cooperative', '--participant', 'coop', '--password-file', passwordFile), 'user_exists', 'USERNAME');
  assert.equal((await stored('x1')).user, undefined, 'no user x1 was created');
});

test('user add: the password is not a flag, and a bad --db is refused', async () => {
  const outcome = await cli('user', 'add', 'x2', '--role', 'planner', '--password', PASSWORD);
  assert.equal(outcome.code, 2);
  assert.match(outcome.stderr, /unknown option '--password'/);
  assertRefused(await cli('user', 'add', 'x2', '--role', 'planner', '--password-file', passwordFile, '--db', 'mysql://x'), 'bad_flag', '--db');
});
