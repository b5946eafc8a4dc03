/**
 * Properties over random command sequences on a registry with two issued projects: the
 * ledger invariants hold after every sequence, refusals change nothing, the same key twice
 * has one effect, and replaying the journal gives byte-identical events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JournalEngine, verifyChain } from '../journal/index.js';
import type { CommandEnvelope } from '../journal/types.js';
import { Balances } from '../ledger/balances.js';
import { checkLedger } from '../ledger/invariants.js';
import { createRegistryMachine } from './machine.js';
import { JournalBuilder, cooperativeProject, cooperativeSetup, sha256 } from './test-support/journal.js';
import { engineFor, stateDigest } from './test-support/run.js';

const RUNS = process.env['NEUTRAL_LONG_PROPERTIES'] === '1' ? 10_000 : 150;
const HOLDERS = ['coop', 'emitter', 'bank', 'city', 'silva'] as const;
const BANK = 'bank';

/** Two projects issued: the cooperative's aggregated XG01 and the PPP GZ01 (city 60 %, silva 40 %). */
function base(): CommandEnvelope[] {
  const j = new JournalBuilder('2025-03-03');
  cooperativeSetup(j);
  cooperativeProject(j);
  j.add('coop', 'monitoring.submit', { projectId: 'XG01', periodId: 'M1', from: '2021-01-01', to: '2023-12-31', removalsKgCO2e: 1_550_700 });
  j.add('verifier', 'monitoring.verify', { projectId: 'XG01', periodId: 'M1', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'XG01', periodId: 'M1' });
  j.add('admin', 'participant.register', { id: 'city', kind: 'city-government', name: 'City', regionCode: '360700' });
  j.add('admin', 'participant.register', { id: 'silva', kind: 'silviculture-enterprise', name: 'Silva', regionCode: '360700' });
  for (const id of ['city', 'silva']) j.add('operator', 'training.record', { participantId: id, certificateId: `LCT-${id}`, trainedOn: '2025-02-10' });
  j.add('silva', 'project.submit', {
    projectId: 'GZ01', name: 'PPP forest', type: 'forest', regionCode: '360702', methodology: 'm', creditingPeriod: { start: '2022-01-01', end: '2051-12-31' },
    proponents: [{ participantId: 'city', shareBp: 6000 }, { participantId: 'silva', shareBp: 4000 }],
    parcels: [{ parcelId: 'GZ-F-001', areaHm2: 80, landClass: 'forest' }], notRegisteredElsewhere: true,
  });
  j.add('verifier', 'project.validate', { projectId: 'GZ01', decision: 'accept' });
  j.add('admin', 'project.register', { projectId: 'GZ01' });
  j.add('silva', 'monitoring.submit', { projectId: 'GZ01', periodId: 'M1', from: '2022-01-01', to: '2024-12-31', removalsKgCO2e: 2_101_999 });
  j.add('verifier', 'monitoring.verify', { projectId: 'GZ01', periodId: 'M1', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'GZ01', periodId: 'M1' });
  return j.commands;
}

const holder = fc.constantFrom(...HOLDERS);
const quantity = fc.integer({ min: 1, max: 700 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('transfer' as const), from: holder, to: holder, quantityT: quantity, project: fc.constantFrom(undefined, 'XG01', 'GZ01') }),
  fc.record({ kind: fc.constant('transferSerials' as const), from: holder, to: holder, start: fc.integer({ min: 1, max: 2200 }), size: fc.integer({ min: 1, max: 80 }), project: fc.constantFrom('XG01', 'GZ01') }),
  fc.record({ kind: fc.constant('retire' as const), from: holder, quantityT: quantity }),
  fc.record({ kind: fc.constant('pledge' as const), from: holder, quantityT: quantity, id: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('release' as const), id: fc.integer({ min: 1, max: 4 }), seize: fc.boolean() }),
  fc.record({ kind: fc.constant('reverse' as const), project: fc.constantFrom('XG01', 'GZ01'), lostT: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ kind: fc.constant('cash' as const), from: fc.constantFrom('emitter', 'coop', 'bank'), to: holder, amountFen: fc.integer({ min: 1, max: 30_000_000 }) }),
  fc.record({ kind: fc.constant('repeat' as const), back: fc.nat(), samePayload: fc.boolean() }),
);

const REGION: Record<string, string> = { XG01: '360732-XG01-2023', GZ01: '360702-GZ01-2024' };

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function commandsOf(ops: readonly Op[]): CommandEnvelope[] {
  const out: CommandEnvelope[] = [];
  ops.forEach((o, i) => {
    const at = '2025-04-01T10:00:00+08:00';
    const key = `op${i}`;
    const add = (actor: string, type: string, payload: unknown): void => void out.push({ key, actor, type, at, payload });
    switch (o.kind) {
      case 'transfer':
        return add(o.from, 'credits.transfer', { to: o.to, quantityT: o.quantityT, ...(o.project !== undefined ? { projectId: o.project } : {}) });
      case 'transferSerials':
        return add(o.from, 'credits.transfer', { to: o.to, serials: [`NTL-${REGION[o.project]}-${o.start}-${o.start + o.size - 1}`] });
      case 'retire':
        return add(o.from, 'credits.retire', { quantityT: o.quantityT, beneficiary: o.from, purpose: 'voluntary' });
      case 'pledge':
        return add(o.from, 'credits.pledge', { pledgeId: `L${o.id}`, bank: BANK, quantityT: o.quantityT, loanReference: 'loan' });
      case 'release':
        return add(BANK, o.seize ? 'credits.seize' : 'credits.release', o.seize ? { pledgeId: `L${o.id}`, reason: 'default' } : { pledgeId: `L${o.id}` });
      case 'reverse':
        return add('admin', 'credits.reverse', { projectId: o.project, lostT: o.lostT, reason: 'fire' });
      case 'cash':
        return add(o.from, 'cash.transfer', { to: o.to, amountFen: o.amountFen });
      case 'repeat': {
        const earlier = out[out.length === 0 ? 0 : o.back % out.length];
        if (earlier === undefined) return;
        out.push(o.samePayload ? { ...earlier } : { ...earlier, payload: { ...(earlier.payload as object), note: 'changed' } });
        return;
      }
    }
  });
  return out;
}

const setup = base();
const setupRun = engineFor(setup);

test('the property base issues both projects with no refusal', () => {
  const refused = setupRun.events.filter((e) => e.record.type.endsWith('.rejected'));
  assert.deepEqual(refused.map((e) => e.line), []);
  assert.ok(setupRun.engine.state.projects.get('XG01')!.issuedT > 0 && setupRun.engine.state.projects.get('GZ01')!.issuedT > 0);
});

test('properties: invariants, refusals without effect, one effect per key, byte-identical replay', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
      const journal = [...setup, ...commandsOf(ops)];
      const engine = new JournalEngine(createRegistryMachine(), sha256);
      const lines: string[] = [];
      for (const command of journal) {
        const before = stateDigest(engine.state);
        const s = engine.submit(command);
        if (s.kind !== 'new' || !s.accepted) assert.equal(stateDigest(engine.state), before, `${s.kind} ${command.type} changed the state`);
        if (s.kind === 'duplicate') continue;
        for (const e of s.events) {
          if (e.record.type.endsWith('.rejected')) assert.equal(e.record.payload.postings, undefined);
          lines.push(e.line);
        }
      }
      // Issued − retired − cancelled = held per project; cash conserved; no unit in two blocks;
      // retired units never moved; serial blocks agree with the postings.
      const chain = verifyChain(lines.join('\n'), sha256);
      assert.ok(chain.ok);
      const ledger = checkLedger(chain.value);
      assert.ok(ledger.ok, ledger.ok ? '' : `${ledger.error.code} at ${ledger.error.line}: ${ledger.error.message}`);
      // Balances are derived: the machine's cache equals a fresh sum of the postings.
      const fresh = new Balances();
      for (const { record } of chain.value) fresh.post((record.payload.postings ?? []) as never);
      for (const e of engine.state.balances.entries()) assert.equal(fresh.balance(e.account, e.asset), e.balance);
      for (const e of fresh.entries()) assert.equal(engine.state.balances.balance(e.account, e.asset), e.balance);
      // Replay gives byte-identical events.
      assert.deepEqual(engineFor(journal).events.map((e) => e.line), lines);
    }),
    { numRuns: RUNS },
  );
});
