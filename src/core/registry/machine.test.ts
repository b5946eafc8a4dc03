import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandEnvelope } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/accounts.js';
import { REJECTION_CODES } from './codes.js';
import { decideRegistry } from './machine.js';
import { JournalBuilder, cooperativeProject, cooperativeSetup } from './test-support/journal.js';
import { engineFor, stateDigest } from './test-support/run.js';

/** A registry with the cooperative's project issued (1,200 t: 240 buffer, 960 to the cooperative). */
function issued(): JournalBuilder {
  const j = new JournalBuilder();
  cooperativeSetup(j);
  cooperativeProject(j);
  j.add('coop', 'monitoring.submit', { projectId: 'XG01', periodId: 'M1', from: '2021-01-01', to: '2023-12-31', removalsKgCO2e: 1_200_000 });
  j.add('verifier', 'monitoring.verify', { projectId: 'XG01', periodId: 'M1', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'XG01', periodId: 'M1' });
  return j;
}

/** Decides one more command on a registry: the refusal, with no postings and the state unchanged. */
function refusal(j: JournalBuilder, actor: string, type: string, payload: unknown): { code: string; message: string } {
  const { engine } = engineFor(j.commands);
  const before = stateDigest(engine.state);
  const command: CommandEnvelope = { key: 'probe', actor, type, at: '2025-03-02T10:00:00+08:00', payload };
  const submission = engine.submit(command);
  assert.equal(submission.kind, 'new');
  if (submission.kind !== 'new') throw new Error('unreachable');
  assert.equal(submission.accepted, false);
  assert.equal(submission.events.length, 1);
  const event = submission.events[0]!.record;
  assert.equal(event.type, `${type}.rejected`);
  assert.equal(event.payload.postings, undefined);
  assert.equal(stateDigest(engine.state), before);
  assert.ok((REJECTION_CODES as readonly string[]).includes(event.payload['code'] as string));
  return { code: event.payload['code'] as string, message: event.payload['message'] as string };
}

test('the happy path issues 1,200 t: buffer 240 first, 960 to the cooperative', () => {
  const { engine, events } = engineFor(issued().commands);
  assert.ok(events.every((e) => !e.record.type.endsWith('.rejected')), events.filter((e) => e.record.type.endsWith('.rejected')).map((e) => e.line).join('\n'));
  const state = engine.state;
  assert.equal(state.balances.balance(ACCOUNTS.buffer, 'UNIT/XG01/2023'), 240);
  assert.equal(state.balances.balance(ACCOUNTS.units('coop'), 'UNIT/XG01/2023'), 960);
  assert.deepEqual(state.blocks.listOf(ACCOUNTS.buffer).map((b) => [b.start, b.end]), [[1, 240]]);
  assert.equal(state.balances.balance(ACCOUNTS.cash('emitter'), CASH_ASSET), 50_000_000);
});

test('bad input: each refused with its code, one .rejected event, no postings, state unchanged', () => {
  const j = issued();
  j.add('admin', 'participant.register', { id: 'fund', kind: 'green-fund', name: 'Untrained fund', regionCode: '360100' });
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 100 });
  j.add('emitter', 'credits.retire', { quantityT: 10, beneficiary: 'E', purpose: 'voluntary' });
  j.add('coop', 'credits.pledge', { pledgeId: 'L1', bank: 'bank', quantityT: 800, loanReference: 'loan' });
  const cases: [string, string, unknown, string][] = [
    ['ghost', 'credits.transfer', { to: 'emitter', quantityT: 1 }, 'unknown_participant'],
    ['coop', 'credits.transfer', { to: 'ghost', quantityT: 1 }, 'unknown_participant'],
    ['verifier', 'credits.transfer', { to: 'emitter', quantityT: 1 }, 'wrong_role'],
    ['coop', 'credits.issue', { projectId: 'XG01', periodId: 'M1' }, 'wrong_role'],
    ['farmer1', 'participant.register', { id: 'z', kind: 'farmer', name: 'Z', regionCode: '360700' }, 'wrong_role'],
    ['coop', 'credits.transfer', { to: 'fund', quantityT: 1 }, 'training_required'],
    ['emitter', 'credits.transfer', { to: 'coop', quantityT: 91 }, 'insufficient_units'],
    ['emitter', 'credits.retire', { serials: ['NTL-360732-XG01-2023-241-245'], beneficiary: 'E', purpose: 'voluntary' }, 'serial_retired'],
    ['coop', 'credits.transfer', { to: 'emitter', quantityT: 61 }, 'units_pledged'],
    ['coop', 'credits.retire', { serials: ['NTL-360732-XG01-2023-400-400'], beneficiary: 'C', purpose: 'voluntary' }, 'units_pledged'],
    ['coop', 'credits.transfer', { to: 'emitter', serials: ['NTL-360732-XG01-2023-1-5'] }, 'serial_not_held'],
    ['coop', 'credits.transfer', { to: 'emitter', serials: ['NTL-360732-XG01-2023-1201-1201'] }, 'serial_unknown'],
    ['coop', 'credits.transfer', { to: 'emitter', quantityT: 0 }, 'invalid_payload'],
    ['coop', 'credits.transfer', { to: 'emitter', quantityT: 1.5 }, 'invalid_payload'],
    ['coop', 'credits.transfer', { to: 'coop', quantityT: 1 }, 'same_account'],
    ['coop', 'cash.withdraw', { amountFen: 1, reference: 'r' }, 'insufficient_funds'],
    ['admin', 'credits.issue', { projectId: 'XG01', periodId: 'M1' }, 'already_issued'],
    ['admin', 'credits.issue', { projectId: 'NOPE', periodId: 'M1' }, 'unknown_project'],
    ['verifier', 'monitoring.verify', { projectId: 'XG01', periodId: 'M9', decision: 'accept' }, 'unknown_period'],
    ['coop', 'monitoring.submit', { projectId: 'XG01', periodId: 'M2', from: '2023-06-01', to: '2024-05-31', removalsKgCO2e: 5 }, 'period_overlap'],
    ['coop', 'monitoring.submit', { projectId: 'XG01', periodId: 'M2', from: '2040-06-01', to: '2041-05-31', removalsKgCO2e: 5 }, 'outside_crediting_period'],
    ['bank', 'credits.seize', { pledgeId: 'L9', reason: 'x' }, 'unknown_pledge'],
    ['emitter', 'credits.release', { pledgeId: 'L1' }, 'wrong_role'],
    ['coop', 'project.submit', { projectId: 'XG09', name: 'n', type: 'forest', regionCode: '360732', methodology: 'm', creditingPeriod: { start: '2021-01-01', end: '2030-12-31' }, parcels: [{ parcelId: 'XG01-P1', areaHm2: 1, landClass: 'forest' }], notRegisteredElsewhere: true }, 'parcel_in_use'],
    ['coop', 'project.submit', { projectId: 'XG09', name: 'n', type: 'forest', regionCode: '360732', methodology: 'm', creditingPeriod: { start: '2021-01-01', end: '2030-12-31' }, parcels: [{ parcelId: 'N1', areaHm2: 1, landClass: 'forest' }], notRegisteredElsewhere: false, otherProgrammes: ['CCER'] }, 'registered_elsewhere'],
    ['emitter', 'project.submit', { projectId: 'PP1', name: 'n', type: 'forest', regionCode: '360732', methodology: 'm', creditingPeriod: { start: '2021-01-01', end: '2030-12-31' }, proponents: [{ participantId: 'emitter', shareBp: 5000 }, { participantId: 'coop', shareBp: 4000 }], parcels: [{ parcelId: 'N1', areaHm2: 1, landClass: 'forest' }], notRegisteredElsewhere: true }, 'bad_shares'],
    ['farmer1', 'contract.sign', { projectId: 'XG01', version: 1 }, 'already_signed'],
    ['farmer1', 'contract.sign', { projectId: 'XG01', version: 2 }, 'contract_version'],
    ['coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 1, bankReference: 'b' }, 'exceeds_payable'],
    ['coop', 'ledger.mint', {}, 'unknown_command'],
  ];
  for (const [actor, type, payload, code] of cases) {
    const got = refusal(j, actor, type, payload);
    assert.equal(got.code, code, `${actor} ${type} ${JSON.stringify(payload)}: ${got.message}`);
    assert.ok(got.message.length > 10);
  }
});

test('deposits that would take any balance past 2^53 fen are refused, never thrown', () => {
  const j = issued();
  // The journal so far deposits far less than 10^12 fen.
  j.add('coop', 'cash.deposit', { amountFen: Number.MAX_SAFE_INTEGER - 1e12, reference: 'big' });
  const got = refusal(j, 'emitter', 'cash.deposit', { amountFen: 2e12, reference: ' ' });
  assert.equal(got.code, 'amount_out_of_range');
});

test('the first command of an empty registry must register its administrator by itself', () => {
  const j = new JournalBuilder();
  const first = decideRegistry(engineFor([]).engine.state, j.add('x', 'participant.register', { id: 'x', kind: 'farmer', name: 'X', regionCode: '360000' }));
  assert.equal(first.accepted, false);
  assert.equal(first.events[0]!.payload['code'], 'unknown_participant');
});

test('a verifier may not act on a project it holds units of, directly or through an affiliate', () => {
  const j = issued();
  j.add('admin', 'participant.register', { id: 'v2', kind: 'verifier', name: 'Emitter-owned verifier', regionCode: '360100', affiliations: ['emitter'] });
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 5 });
  j.add('coop', 'monitoring.submit', { projectId: 'XG01', periodId: 'M2', from: '2024-01-01', to: '2024-12-31', removalsKgCO2e: 5000 });
  assert.equal(refusal(j, 'v2', 'monitoring.verify', { projectId: 'XG01', periodId: 'M2', decision: 'accept' }).code, 'conflict_of_interest');
});

test("members' parcels count only after they sign: registration needs a counted parcel", () => {
  const j = new JournalBuilder();
  cooperativeSetup(j);
  j.add('coop', 'project.submit', {
    projectId: 'A1', name: 'n', type: 'forest', regionCode: '360732', methodology: 'm', creditingPeriod: { start: '2021-01-01', end: '2030-12-31' },
    aggregated: true, parcels: [{ parcelId: 'A1-1', areaHm2: 2, landClass: 'forest', memberId: 'farmer1' }], notRegisteredElsewhere: true,
  });
  j.add('verifier', 'project.validate', { projectId: 'A1', decision: 'accept' });
  assert.equal(refusal(j, 'admin', 'project.register', { projectId: 'A1' }).code, 'no_counted_parcels');
  const { events } = engineFor(j.commands);
  const submitted = events.find((e) => e.record.type === 'project.submitted')!.record.payload['estimate'] as { countedParcels: number; totalT: number };
  assert.deepEqual([submitted.countedParcels, submitted.totalT], [0, 0]);
});

test('a correction is a new reversing movement with a reason; retired units cannot be corrected', () => {
  const j = issued();
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 100 });
  j.add('emitter', 'credits.retire', { quantityT: 10, beneficiary: 'E', purpose: 'voluntary' });
  j.add('admin', 'registry.correct', { reason: 'transfer sent to the wrong account', ref: { actor: 'coop', key: 'c27' }, units: { from: 'emitter', to: 'coop', serials: ['NTL-360732-XG01-2023-251-340'] } });
  j.add('admin', 'registry.correct', { reason: 'deposit booked twice', cash: { from: 'emitter', to: 'coop', amountFen: 100 } });
  const { engine, events } = engineFor(j.commands);
  const corrected = events.filter((e) => e.record.type === 'registry.corrected').map((e) => e.record.payload);
  assert.equal(corrected.length, 2);
  assert.equal(corrected[0]!['quantityT'], 90);
  assert.equal(engine.state.balances.balance(ACCOUNTS.units('coop'), 'UNIT/XG01/2023'), 950);
  assert.equal(engine.state.balances.balance(ACCOUNTS.cash('coop'), CASH_ASSET), 100);
  assert.equal(refusal(j, 'admin', 'registry.correct', { reason: 'r', units: { from: 'emitter', to: 'coop', serials: ['NTL-360732-XG01-2023-241-241'] } }).code, 'serial_retired');
  assert.equal(refusal(j, 'coop', 'registry.correct', { reason: 'r', cash: { from: 'emitter', to: 'coop', amountFen: 1 } }).code, 'wrong_role');
});

test('units reserved by sell orders (kept by the exchange) are never picked', () => {
  const j = issued();
  const { engine } = engineFor(j.commands);
  engine.state.reservedUnits.set(ACCOUNTS.units('coop'), new Map([['SINK/forest/360732/2023', 900]]));
  const probe = (quantityT: number) => decideRegistry(engine.state, { key: `r${quantityT}`, actor: 'coop', type: 'credits.transfer', at: '2025-03-02T10:00:00+08:00', payload: { to: 'emitter', quantityT } });
  assert.equal(probe(60).accepted, true);
  assert.equal(probe(61).events[0]!.payload['code'], 'insufficient_units');
});
