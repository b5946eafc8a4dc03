/**
 * Hand-computed scenarios for each compliance rule (market.md §5, §8, §10); every figure is
 * worked in docs/compliance.md. Refusals: one `.rejected` event with its code, no postings,
 * state unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandEnvelope, EventRecord } from '../journal/types.js';
import { FOREST, MarketJournal } from '../market/test-support/journal.js';
import { monthBefore, penaltyPrice } from './prices.js';
import { emitterPositions, periodList, periodReport } from './report.js';
import { CEA, COMPLIANCE_EXAMPLES, HASH, STEEL_FOOTPRINT, complianceSetup, neutralityUpToReport } from './test-support/examples.js';
import { digest, run } from './test-support/run.js';

const payloadOf = (records: readonly EventRecord[], type: string, nth = 0) => records.filter((r) => r.type === type)[nth]!.payload as Record<string, any>;
const limit = (instrument: string, side: 'buy' | 'sell', priceFen: number, quantityT: number) => ({ instrument, side, kind: 'limit', priceFen, quantityT, tif: 'GTC' });

/** Submits `command` after `before`; asserts it is refused with `code`, with no postings and the state unchanged. */
function assertRefused(before: readonly CommandEnvelope[], command: CommandEnvelope, code: string): string {
  const { engine } = run(before);
  const was = digest(engine.state);
  const s = engine.submit(command);
  assert.ok(s.kind === 'new' && !s.accepted, `${command.type} should be refused with ${code}`);
  const events = s.kind === 'new' ? s.events : [];
  assert.equal(events.length, 1);
  const payload = events[0]!.record.payload as Record<string, unknown>;
  assert.equal(payload['code'], code, String(payload['message']));
  assert.equal(payload['postings'], undefined);
  assert.equal(digest(engine.state), was, 'a refusal leaves the state unchanged');
  return String(payload['message']);
}

/** A cap-and-trade journal up to verified reports, with offsets rules to choose. */
function capAndTradeUpToReports(offsets: Record<string, unknown> = { capBp: 500 }): MarketJournal {
  const j = new MarketJournal();
  complianceSetup(j);
  j.add('admin', 'jurisdiction.configure', { jurisdiction: 'JX', name: 'Jiangxi', regime: 'cap-and-trade', authority: 'prov', regions: ['360000'], referencePriceFen: 6_000 });
  j.add('prov', 'period.open', { jurisdiction: 'JX', periodId: 'P2024', year: 2024, deadline: '2025-06-30', offsets });
  j.add('prov', 'emitter.register', { jurisdiction: 'JX', participantId: 'emitter', sector: 'iron and steel', annualEmissionsT: 20_000 });
  j.add('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'P2024', vintage: 2024, method: 'list', grants: [{ participantId: 'emitter', quantityT: 18_000 }] });
  j.add('coop', 'order.place', limit(FOREST, 'sell', 5_000, 1_000), 'coop-ask');
  j.add('emitter', 'order.place', limit(FOREST, 'buy', 5_000, 1_000), 'emitter-forest');
  j.add('emitter', 'emissions.report', { jurisdiction: 'JX', periodId: 'P2024', lines: STEEL_FOOTPRINT });
  j.add('verifier', 'emissions.verify', { jurisdiction: 'JX', periodId: 'P2024', emitter: 'emitter', decision: 'accept' });
  return j;
}

const at = (day: string) => `${day}T10:30:00+08:00`;
const cmd = (actor: string, type: string, payload: unknown, day = '2025-06-20', key = `${type}-${actor}-x`): CommandEnvelope => ({ key, actor, type, at: at(day), payload });

test('cap-and-trade: footprint, obligation, 5 % offset cap, penalty at the last month with trades, deduction from the next allocation', () => {
  const { records, engine } = run(COMPLIANCE_EXAMPLES['compliance-cap-and-trade']!());
  // 7,000 × 1,900 + 244 × 1,600 + 10,000 × 581 = 19,500,400 kg → ceil = 19,501 t; cap floor(19,500.4 × 5 %) = 975 t.
  assert.equal(payloadOf(records, 'emissions.verified')['obligationT'], 19_501);
  const close = payloadOf(records, 'compliance.closed');
  // No allowance trade in May 2025 (the month before June's deadline): the latest month with trades is March:
  // 500 t at 61.00 on the book and 500 t at 59.00 in the one-way sale of the reserve, VWAP 60.00 yuan.
  assert.equal(close['penaltyPriceFen'], 6_000);
  assert.equal(close['penaltyPriceSource'], 'vwap 2025-03');
  const emitter = close['outcomes'].find((o: any) => o.emitter === 'emitter');
  // 19,501 − 18,500 allowances − 975 offsets = 26 t short; 5 × 6,000 × 26 = 780,000 fen.
  assert.deepEqual([emitter.shortfallT, emitter.penaltyFen, emitter.deductionT, emitter.status], [26, 780_000, 26, 'penalised']);
  assert.equal(close['outcomes'].find((o: any) => o.emitter === 'bigsteel').status, 'excluded');
  assert.equal(close['outcomes'].find((o: any) => o.emitter === 'steel2').status, 'covered');
  const sale = payloadOf(records, 'auction.closed');
  assert.deepEqual([sale['priceFen'], sale['soldT']], [5_900, 500]);
  const next = payloadOf(records, 'allocation.granted', 1)['grants'].find((g: any) => g.participantId === 'emitter');
  assert.deepEqual([next.grossT, next.deductedT, next.quantityT], [18_000, 26, 17_974]);
  const report = periodReport(engine.state, 'JX', 'P2024')!;
  const row = report.emitters.find((r) => r.participantId === 'emitter')!;
  assert.deepEqual([row.status, row.offsetsT, row.offsetCapT, row.penaltyFen, row.penaltyPaidFen], ['penalised', 975, 975, 780_000, 780_000]);
  assert.deepEqual(report.cities.map((c) => [c.city, c.verifiedKgCO2e]), [['360100', 19_500_400], ['360400', 8_000_000]]);
});

test('offsets above the cap, an ineligible vintage, borrowed allowances: refused with their codes', () => {
  const j = capAndTradeUpToReports();
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', credits: { quantityT: 976 } }), 'offset_cap_exceeded');
  // The cooperative's credits are of vintage 2023; this period takes 2024 or later.
  const strict = capAndTradeUpToReports({ capBp: 500, vintageFrom: 2024 });
  const message = assertRefused(strict.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', credits: { quantityT: 100 } }), 'offset_ineligible');
  assert.match(message, /vintages 2024–…/);
  // Allowances of 2025 cannot be surrendered for 2024 (never borrowed).
  const borrowing = capAndTradeUpToReports();
  borrowing.add('prov', 'period.open', { jurisdiction: 'JX', periodId: 'P2025', year: 2025, deadline: '2026-06-30' });
  borrowing.add('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'P2025', vintage: 2025, method: 'list', grants: [{ participantId: 'emitter', quantityT: 2_000 }] });
  assertRefused(borrowing.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 19_000 }), 'allowance_ineligible');
  // After 18,000 + 975 t, 526 t are owed: 527 is more than owed; 526 more than held.
  j.commands.push(cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 18_000, credits: { quantityT: 975 } }, '2025-06-19', 'first-surrender'));
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 527 }), 'exceeds_obligation');
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 526 }), 'insufficient_units');
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', credits: { quantityT: 1 } }), 'offset_cap_exceeded');
});

test('surrender after the deadline or after close, and close before the deadline, are refused', () => {
  const j = capAndTradeUpToReports();
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 100 }, '2025-07-01'), 'deadline_passed');
  assertRefused(j.commands, cmd('prov', 'compliance.close', { jurisdiction: 'JX', periodId: 'P2024' }, '2025-06-30'), 'before_deadline');
  j.commands.push(cmd('prov', 'compliance.close', { jurisdiction: 'JX', periodId: 'P2024' }, '2025-07-01', 'close-p2024'));
  assertRefused(j.commands, cmd('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 100 }, '2025-07-02'), 'period_closed');
  assertRefused(j.commands, cmd('emitter', 'compliance.close', { jurisdiction: 'JX', periodId: 'P2024' }, '2025-07-02'), 'not_authority');
});

test('penalty price: the month before the deadline month, else the latest earlier month, else the reference', () => {
  assert.equal(monthBefore('2025-06-30'), '2025-05');
  assert.equal(monthBefore('2026-01-15'), '2025-12');
  const { engine } = run(capAndTradeUpToReports().commands);
  const state = engine.state;
  const j = state.compliance.jurisdictions.get('JX')!;
  assert.deepEqual(penaltyPrice(state, j, '2025-06-30', CEA), { priceFen: 6_000, source: `reference ${j.id}` });
  state.compliance.monthly.set(CEA, new Map([['2025-04', { notionalFen: 3 * 6_001, volumeT: 3 }], ['2025-05', { notionalFen: 6_100 + 6_200 * 2, volumeT: 3 }], ['2025-06', { notionalFen: 9_000, volumeT: 1 }]]));
  // May: (6,100 + 2 × 6,200) / 3 = 6,166.67 → 6,167 (half-up); June's trade comes after the month before the deadline.
  assert.deepEqual(penaltyPrice(state, j, '2025-06-30', CEA), { priceFen: 6_167, source: 'vwap 2025-05' });
  assert.deepEqual(penaltyPrice(state, j, '2025-05-31', CEA), { priceFen: 6_001, source: 'vwap 2025-04' });
});

test('neutrality: overdraft within limits, pro-rata collateral release, forfeiture, penalty and roll-over', () => {
  const { records, engine } = run(COMPLIANCE_EXAMPLES['compliance-neutrality']!());
  const opened = payloadOf(records, 'obligation.opened');
  assert.equal(opened['collateralFen'], 500 * 3_000);
  // 100 of 500 t delivered: floor(1,500,000 × 100 / 500) = 300,000 fen back.
  assert.equal(records.filter((r) => r.type === 'compliance.surrendered').map((r) => (r.payload as any).releasedFen).at(-1), 300_000);
  assert.equal(payloadOf(records, 'compliance.closed')['outcomes'][0].status, 'covered');
  const settled = payloadOf(records, 'obligation.settled');
  // 400 t undelivered: 1,200,000 fen forfeited; 5 × 5,000 (March's sink VWAP) × 400 = 10,000,000 fen.
  assert.deepEqual([settled['undeliveredT'], settled['forfeitedFen'], settled['penaltyFen'], settled['rolledTo']], [400, 1_200_000, 10_000_000, 'OB1-R1']);
  const rolled = engine.state.compliance.obligations.get('OB1-R1')!;
  assert.deepEqual([rolled.quantityT, rolled.dueDate, rolled.collateralFen, rolled.status], [400, '2026-06-30', 0, 'open']);
  assert.equal(engine.state.balances.balance('P:emitter:collateral:OB1', 'CNY'), 0);
  assert.equal(engine.state.compliance.penalties.get('PEN-1')!.amountFen, 10_000_000);
});

test('overdraft beyond the emitter limit or the city limit, and in a cap-and-trade jurisdiction, is refused', () => {
  const j = new MarketJournal();
  neutralityUpToReport(j);
  const open = (quantityT: number, limitT: number, regionCode = '360100') =>
    cmd('emitter', 'obligation.open', { obligationId: 'OB9', jurisdiction: 'NC', periodId: 'N2024', quantityT, dueDate: '2025-12-31', cityLimit: { regionCode, limitT, sourceHash: HASH } });
  assertRefused(j.commands, open(501, 10_000), 'overdraft_limit');
  assertRefused(j.commands, open(400, 300), 'city_limit');
  assertRefused(j.commands, open(100, 300, '360400'), 'invalid_payload');
  const cap = capAndTradeUpToReports();
  assertRefused(cap.commands, { ...open(10, 300), payload: { ...(open(10, 300).payload as object), jurisdiction: 'JX', periodId: 'P2024' } }, 'wrong_regime');
});

test('clearing: cash and credit routes, the pool pays out what it took in; bad results are refused whole', () => {
  const commands = COMPLIANCE_EXAMPLES['compliance-clearing']!();
  const { records, engine } = run(commands);
  const settled = payloadOf(records, 'compensation.settled');
  const lines = Object.fromEntries(settled['lines'].map((l: any) => [l.regionCode, l]));
  // Nanchang owes 3.2 × 10^4 yuan = 3,200,000 fen; 100 t bought at 50.00 yuan count 500,000 fen; 2,700,000 in cash.
  assert.deepEqual([lines['360100'].amountFen, lines['360100'].creditRouteFen, lines['360100'].cashFen], [3_200_000, 500_000, 2_700_000]);
  // The pool (4,500,000) goes 3 : 2 to Ganzhou and Ji'an.
  assert.deepEqual([lines['360700'].cashFen, lines['360800'].cashFen], [2_700_000, 1_800_000]);
  assert.equal(engine.state.balances.balance('R:compensation:2020', 'CNY'), 0);
  const base = settledPayload(commands);
  const before = commands.slice(0, -1);
  assertRefused(before, cmd('prov', 'compensation.settle', { ...base, regions: base.regions.map((r: any) => (r.regionCode === '360400' ? { ...r, amount10kYuan: 9 } : r)) }, '2025-03-03'), 'result_not_balanced');
  assertRefused(before, cmd('jj', 'compensation.settle', base, '2025-03-03'), 'wrong_role');
  // Jiujiang cannot pay 1.8 × 10^4 yuan from 200,000 fen: nothing is settled, not even Nanchang's part.
  const poor = before.map((c) => (c.type === 'cash.deposit' && c.actor === 'jj' ? { ...c, payload: { ...(c.payload as object), amountFen: 200_000 } } : c));
  assertRefused(poor, cmd('prov', 'compensation.settle', base, '2025-03-03'), 'insufficient_funds');
  assertRefused(commands, cmd('prov', 'compensation.settle', { ...base, year: 2021 }, '2025-03-03'), 'bad_certificate');
  assertRefused(commands, cmd('prov', 'compensation.settle', base, '2025-03-03'), 'already_cleared');
});

function settledPayload(commands: readonly CommandEnvelope[]): any {
  return commands.filter((c) => c.type === 'compensation.settle').at(-1)!.payload;
}

test('reports and verification: a verifier affiliated with the emitter, a report twice, a verification twice', () => {
  const j = capAndTradeUpToReports();
  assertRefused(j.commands, cmd('emitter', 'emissions.report', { jurisdiction: 'JX', periodId: 'P2024', lines: STEEL_FOOTPRINT }), 'report_exists');
  assertRefused(j.commands, cmd('verifier', 'emissions.verify', { jurisdiction: 'JX', periodId: 'P2024', emitter: 'emitter', decision: 'accept' }), 'already_verified');
  assertRefused(j.commands, cmd('emitter', 'emissions.verify', { jurisdiction: 'JX', periodId: 'P2024', emitter: 'emitter', decision: 'accept' }), 'wrong_role');
  assertRefused(j.commands, cmd('steel2', 'emissions.report', { jurisdiction: 'JX', periodId: 'P2024', lines: STEEL_FOOTPRINT }), 'not_covered');
  assertRefused(j.commands, cmd('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'P2024', vintage: 2024, method: 'list', grants: [{ participantId: 'emitter', quantityT: 1 }] }), 'allocation_exists');
  assertRefused(j.commands, cmd('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'NOPE', vintage: 2024, method: 'list', grants: [{ participantId: 'emitter', quantityT: 1 }] }), 'unknown_period');
});

test('a busted trade leaves the penalty price and the buyer\'s cost basis', () => {
  const { engine, records } = run(capAndTradeUpToReports().commands);
  const j = engine.state.compliance.jurisdictions.get('JX')!;
  assert.deepEqual(penaltyPrice(engine.state, j, '2025-06-30', null), { priceFen: 5_000, source: 'vwap 2025-03' });
  const trade = records.find((r) => r.type === 'trade')!;
  const s = engine.submit({ key: 'bust-1', actor: 'operator', type: 'trade.bust', at: '2025-03-03T11:00:00+08:00', payload: { tradeSeq: trade.seq, reason: 'erroneous' } });
  assert.ok(s.kind === 'new' && s.accepted, JSON.stringify(s.kind === 'new' && s.events[0]!.record.payload));
  assert.deepEqual(penaltyPrice(engine.state, j, '2025-06-30', null), { priceFen: 6_000, source: 'reference JX' });
  assert.deepEqual(engine.state.compliance.acquisitions.get('emitter'), []);
});

test('an emitter\'s own positions: its row of each period report of its jurisdiction, its obligations, nothing of others', () => {
  let checked = 0;
  for (const build of Object.values(COMPLIANCE_EXAMPLES)) {
    const { engine } = run(build());
    const state = engine.state;
    for (const emitter of state.compliance.emitters.values()) {
      const positions = emitterPositions(state, emitter.participantId);
      const periods = periodList(state).filter((p) => p.jurisdiction === emitter.jurisdiction);
      assert.deepEqual(positions.map((p) => `${p.jurisdiction}/${p.periodId}`), periods.map((p) => `${p.jurisdiction}/${p.periodId}`));
      for (const p of positions) {
        const report = periodReport(state, p.jurisdiction, p.periodId)!;
        assert.deepEqual(p.position, report.emitters.find((row) => row.participantId === emitter.participantId));
        assert.deepEqual(p.obligations, report.obligations.filter((o) => o.emitter === emitter.participantId));
        assert.ok(p.obligations.every((o) => o.emitter === emitter.participantId));
        checked++;
      }
    }
  }
  assert.ok(checked >= 3, `positions checked: ${checked}`);
  const { engine } = run(COMPLIANCE_EXAMPLES['compliance-neutrality']!());
  assert.ok(emitterPositions(engine.state, 'emitter').some((p) => p.obligations.length > 0), 'the neutrality example\u2019s overdraft obligations');
  assert.deepEqual(emitterPositions(engine.state, 'coop'), [], 'a participant in no enterprise database');
});
