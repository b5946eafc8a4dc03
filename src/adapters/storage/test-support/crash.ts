/**
 * Crash campaign: start crash-writer.ts, let it acknowledge commands under load, SIGKILL it at
 * a random moment, reopen the store here and check that every acknowledged command is there
 * with the very event it was acknowledged with, that nothing is half-applied (recovery
 * replays every command against its stored events; postings table = events' postings = state)
 * and that the chain verifies; and that the response kept with each command (the HTTP API's
 * stored answer) is there exactly when its command is. Repeated on the same database, which
 * grows from run to run.
 */
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openAccounts } from '../../accounts/index.js';
import type { DbTarget } from '../db-url.js';
import { openStore } from '../open.js';
import { assertConsistent } from '../store-contract.js';
import { transferMachine } from './transfer-machine.js';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

export interface CrashReport {
  readonly runs: number;
  readonly acknowledged: number;
  readonly killedBeforeReady: number;
  readonly seed: number;
}

/** mulberry32: a seeded generator, so that a failing campaign can be run again with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Acked {
  readonly actor: string;
  readonly key: string;
  readonly seq: number;
  readonly hash: string;
}

/** Runs the writer once and kills it `delayMs` after it is ready; resolves with what it acknowledged. */
function killedRun(db: string, run: number, delayMs: number): Promise<{ acked: Acked[]; ready: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, db, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: Acked[] = [];
    let ready = false;
    let buffered = '';
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      killed = true;
      child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 20_000); // a writer that never gets ready still dies
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        if (line === 'ready' && !ready) {
          ready = true;
          setTimeout(kill, delayMs);
        }
        const [word, actor = '', key = '', , seq = '0', hash = ''] = line.split(' ');
        if (word === 'ack') acked.push({ actor, key, seq: Number(seq), hash });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (!killed || signal !== 'SIGKILL') reject(new Error(`writer run ${run} ended by itself (code ${code}, signal ${signal}): ${stderr}`));
      else resolve({ acked, ready });
    });
  });
}

export async function crashCampaign(target: DbTarget, db: string, options: { runs: number; seed: number; maxDelayMs?: number; settle?: () => Promise<void> }): Promise<CrashReport> {
  const next = random(options.seed);
  const acknowledged = new Map<string, Acked>();
  let killedBeforeReady = 0;
  for (let run = 0; run < options.runs; run++) {
    const delayMs = Math.floor(next() * (options.maxDelayMs ?? 400));
    const { acked, ready } = await killedRun(db, run, delayMs);
    if (!ready) killedBeforeReady++;
    for (const a of acked) if (!acknowledged.has(`${a.actor}/${a.key}`)) acknowledged.set(`${a.actor}/${a.key}`, a);
    await options.settle?.();
    const store = await openStore(target, transferMachine, { sqliteThread: 'main' });
    const accounts = await openAccounts(target);
    try {
      // First uses only: a reused key's later rejection does not replace its first outcome.
      const stored = new Map<string, { seq: number; hash: string }>();
      for (const entry of await assertConsistent(store)) {
        const id = `${entry.command.actor}/${entry.command.key}`;
        const last = entry.events.at(-1);
        if (!stored.has(id) && last !== undefined) stored.set(id, { seq: last.seq, hash: last.hash });
      }
      for (const [id, a] of acknowledged) {
        const entry = stored.get(id);
        assert.ok(entry !== undefined, `run ${run} (seed ${options.seed}, kill after ${delayMs} ms): acknowledged ${id} is missing`);
        assert.deepEqual(entry, { seq: a.seq, hash: a.hash }, `${id}: the stored outcome differs from the acknowledged one`);
        const kept = await accounts.findResponse(a.actor, a.key, 'crash');
        assert.ok(kept !== undefined && kept !== 'conflict', `${id}: acknowledged, but its kept response is missing`);
        const shown = (JSON.parse(Buffer.from(kept.body).toString()) as Array<{ seq: number; hash: string }>).at(-1);
        assert.deepEqual({ seq: shown?.seq ?? 0, hash: shown?.hash ?? '-' }, { seq: a.seq, hash: a.hash }, `${id}: the kept response differs from the acknowledgement`);
      }
      // Every journaled first use has its response, and there is none without its command.
      assert.equal(await accounts.responseCount(), stored.size, 'kept responses = journaled commands');
    } finally {
      await accounts.close();
      await store.close();
    }
  }
  return { runs: options.runs, acknowledged: acknowledged.size, killedBeforeReady, seed: options.seed };
}

/** NEUTRAL_CRASH_RUNS (default 20) and NEUTRAL_CRASH_SEED (default: the clock). */
export function crashSettings(): { runs: number; seed: number } {
  const runs = Number(process.env['NEUTRAL_CRASH_RUNS'] ?? 20);
  const seed = Number(process.env['NEUTRAL_CRASH_SEED'] ?? Date.now() % 2 ** 31);
  return { runs: Number.isInteger(runs) && runs > 0 ? runs : 20, seed };
}
