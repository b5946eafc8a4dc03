/**
 * The writer under load for the crash tests (crash.ts kills it with SIGKILL at a random
 * moment). Usage: crash-writer.ts DB RUN. Prints `ready`, then one line per acknowledged
 * command, written only after `submit` resolved (after COMMIT):
 * `ack ACTOR KEY KIND SEQ HASH` (SEQ and HASH of the outcome's last event). Every new command
 * keeps a response (principal = actor, body the JSON array of its events with their hashes) in
 * its own transaction, as the HTTP API does.
 * Stdout to a pipe is synchronous on Linux, so a printed line is never lost by the kill.
 */
import type { DecidedCommand, KeepRequest } from '../../../core/journal/store.js';
import { openAccounts } from '../../accounts/index.js';
import { parseDb } from '../db-url.js';
import { openStore } from '../open.js';
import { command, transferMachine } from './transfer-machine.js';

export const CRASH_ACCOUNTS = 50;
const SUBMITTERS = 12;

const [dbText = '', runText = '0'] = process.argv.slice(2);
const run = Number(runText);
const target = parseDb(dbText);
if (!target.ok) throw new Error(target.error);

// SQLite alternates between its writer thread (the default) and the calling thread: the
// transaction is the same, and starting the thread under tsx costs a second per run.
const store = await openStore(target.value, transferMachine, { maxBatch: 256, sqliteThread: run % 2 === 0 ? 'worker' : 'main' });
// The accounts' tables (idempotent_responses) beside the journal's; nothing else of them is used.
await (await openAccounts(target.value)).close();
// The body shows the events with their hashes, completed by whoever seals the batch.
const keep = { keep: (decided: DecidedCommand): KeepRequest => ({ principal: decided.command.actor, key: decided.command.key, fingerprint: 'crash', status: 201, contentType: 'application/json', body: { before: '', after: '' }, createdAt: decided.command.at }) };
const print = (acks: Awaited<ReturnType<typeof store.submit>>): void => {
  let out = '';
  for (const a of acks) {
    const last = a.events.at(-1);
    out += `ack ${a.command.actor} ${a.command.key} ${a.kind} ${last?.seq ?? 0} ${last?.hash ?? '-'}\n`;
  }
  process.stdout.write(out);
};

const account = (i: number): string => `acc${String(i).padStart(3, '0')}`;
// Idempotent setup: every run sends it again; after the first run these are duplicates.
print(await store.submit(Array.from({ length: CRASH_ACCOUNTS }, (_, i) => [
  command('operator', `open-${account(i)}`, 'account.open', { account: account(i) }),
  command('operator', `deposit-${account(i)}`, 'cash.deposit', { account: account(i), amountFen: 1_000_000 }),
]).flat(), keep));
process.stdout.write('ready\n');

/** The same (run, submitter, n) always gives the same command, so that a later run can retry it. */
function transferOf(r: number, s: number, n: number) {
  const from = (r * 7 + s * 13 + n) % CRASH_ACCOUNTS;
  const to = (from + 1 + ((s + n) % (CRASH_ACCOUNTS - 1))) % CRASH_ACCOUNTS;
  const amountFen = 1 + ((r * 31 + s * 17 + n * 7) % 5000);
  return command(account(from), `r${String(r).padStart(3, '0')}-s${String(s).padStart(2, '0')}-${String(n).padStart(6, '0')}`, 'cash.transfer', { from: account(from), to: account(to), amountFen });
}

await Promise.all(Array.from({ length: SUBMITTERS }, async (_, s) => {
  for (let n = 0; ; n += 3) {
    // Three at once (one submit spans batches), and now and then a retry of the previous run's commands.
    const commands = [transferOf(run, s, n), transferOf(run, s, n + 1), transferOf(run, s, n + 2)];
    if (run > 0 && n % 30 === 0) commands.push(transferOf(run - 1, s, n / 3));
    print(await store.submit(commands, keep));
  }
}));
