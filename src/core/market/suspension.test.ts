/** `project.suspend` cancels the resting sell orders its frozen units no longer cover (suspension.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cooperativeProject } from '../registry/test-support/journal.js';
import { DOC, FOREST, MarketJournal, issuePeriod, tradingSetup } from './test-support/journal.js';
import { ledgerOk, run } from './test-support/run.js';

const limit = (side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC') => ({ instrument: FOREST, side, kind: 'limit', priceFen, quantityT, tif });

/** The cooperative holds 1,240 t of XG01 and 800 t of XG02, one instrument; four sells rest (1,200 t). */
function market(): MarketJournal {
  const j = new MarketJournal();
  tradingSetup(j);
  cooperativeProject(j, 'XG02');
  issuePeriod(j, 'XG02', [500_000, 300_000, 200_000], { monitoring: 'monitoring-report-xg02.pdf', verification: 'verification-xg02.pdf' });
  j.add('coop', 'order.place', limit('sell', 5200, 600), 'A');
  j.add('coop', 'order.place', limit('sell', 5100, 300), 'B');
  j.add('coop', 'order.place', limit('sell', 5300, 200), 'C');
  j.add('coop', 'order.place', limit('sell', 5000, 100), 'D');
  j.add('emitter', 'order.place', limit('buy', 4800, 50), 'bid');
  return j;
}

test('suspending XG01 leaves 800 t unfrozen: sells are cancelled newest first (D, C, B) until the 600 t of A are covered', () => {
  const j = market();
  const before = run(j.commands).engine.state;
  assert.equal(before.balances.balance('P:coop:units', 'UNIT/XG01/2023'), 1240);
  assert.equal(before.balances.balance('P:coop:units', 'UNIT/XG02/2023'), 800);
  const suspend = j.add('admin', 'project.suspend', { projectId: 'XG01', reason: 'double counting under investigation', documents: [DOC('notice.pdf')] });
  j.add('fund', 'order.place', limit('buy', 5200, 600, 'IOC'));
  const { engine, records } = run(j.commands);
  const outcome = records.filter((r) => r.key === suspend.key);
  assert.deepEqual(outcome.map((r) => [r.type, r.payload['orderKey'], r.payload['reason'], r.payload['releasedT']]), [
    ['project.suspended', undefined, 'double counting under investigation', undefined],
    ['order.done', 'D', 'project_suspended', 100],
    ['order.done', 'C', 'project_suspended', 200],
    ['order.done', 'B', 'project_suspended', 300],
  ]);
  // A survives and trades out of XG02's units only; the emitter's bid is untouched.
  const trade = records.find((r) => r.type === 'trade')!.payload as Record<string, any>;
  assert.equal(trade.sellOrderKey, 'A');
  assert.deepEqual([...new Set(trade.blocks.map((b: { projectId: string }) => b.projectId))], ['XG02']);
  assert.equal(engine.state.market.orders.size, 1);
  assert.equal(engine.state.reservedUnits.size, 0);
  assert.ok(ledgerOk(records).ok);
});

test('suspending XG02 leaves 1,240 t unfrozen, enough for the 1,200 t reserved: nothing is cancelled', () => {
  const j = market();
  const suspend = j.add('admin', 'project.suspend', { projectId: 'XG02', reason: 'audit', documents: [] });
  const { engine, records } = run(j.commands);
  assert.deepEqual(records.filter((r) => r.key === suspend.key).map((r) => r.type), ['project.suspended']);
  assert.equal(engine.state.market.orders.size, 5);
});

test('a refused suspension cancels nothing; reinstating does not bring orders back', () => {
  const j = market();
  j.add('coop', 'project.suspend', { projectId: 'XG01', reason: 'not the administrator', documents: [] });
  j.add('admin', 'project.suspend', { projectId: 'XG01', reason: 'audit', documents: [] });
  j.add('admin', 'project.suspend', { projectId: 'XG01', lift: true, reason: 'cleared', documents: [] });
  const { engine, records } = run(j.commands);
  const last = records.slice(-6).map((r) => [r.type, r.payload['code'] ?? r.payload['orderKey']]);
  assert.deepEqual(last, [
    ['project.suspend.rejected', 'wrong_role'], ['project.suspended', undefined],
    ['order.done', 'D'], ['order.done', 'C'], ['order.done', 'B'], ['project.reinstated', undefined],
  ]);
  assert.equal(engine.state.market.orders.size, 2);
});
