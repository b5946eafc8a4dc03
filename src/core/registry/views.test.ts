import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES } from './test-support/examples.js';
import { engineFor } from './test-support/run.js';
import { certificateById, checkSerial, memberStatement, projectStatements, publicRegistryView, serialHistory } from './views.js';

test('search by serial shows the whole history: issue, pledge, release, transfer, retirement', () => {
  const { engine, events } = engineFor(EXAMPLES['registry-pledge']!());
  const history = serialHistory(events.map((e) => e.record), 'NTL-360702-GZ01-2024-1430-1430')!;
  assert.deepEqual(history.map((h) => [h.type, h.from, h.to]), [
    ['credits.issued', 'R:issuance', 'P:silva:units'],
    ['credits.pledged', 'P:silva:units', 'P:silva:pledged:LOAN-2025-88'],
    ['credits.released', 'P:silva:pledged:LOAN-2025-88', 'P:silva:units'],
    ['credits.transferred', 'P:silva:units', 'P:emitter:units'],
    ['credits.retired', 'P:emitter:units', 'R:retired:cross-city'],
  ]);
  assert.equal(history[1]!.details['bank'], 'bank');
  assert.equal(history[4]!.details['beneficiary'], 'Ganzhou cement');
  // The certificate check by serial needs no login: where each part of a range is now.
  const check = checkSerial(engine.state, 'NTL-360702-GZ01-2024-1-2101')!;
  assert.deepEqual(check.slice(0, 2).map((c) => [c.start, c.end, c.status, c.holder]), [[1, 421, 'buffer', null], [422, 1429, 'held', 'city']]);
  const retired = check.filter((c) => c.status === 'retired');
  assert.equal(retired.reduce((s, c) => s + c.end - c.start + 1, 0), 500);
  assert.ok(retired.every((c) => c.certificateId === 'NTL-RC-1'));
  assert.equal(certificateById(engine.state, 'NTL-RC-1')!.beneficiary, 'Ganzhou cement');
});

test('the public view lists projects with lifecycle steps, issuances and retirements', () => {
  const { engine } = engineFor(EXAMPLES['registry-cooperative-forest']!());
  const view = publicRegistryView(engine.state);
  const project = view.projects[0]!;
  assert.equal(project.projectId, 'XG01');
  assert.equal(project.status, 'registered');
  assert.equal(project.issuedT, 1550);
  assert.equal(project.carryKg, 700);
  assert.deepEqual(project.issuances.map((i) => [i.issuedT, i.bufferT]), [[1550, 310]]);
  assert.ok(project.estimate.isEstimate);
  assert.deepEqual(project.steps.slice(0, 3).map((s) => s.step), ['submitted', 'validated', 'registered']);
  assert.ok(project.steps.every((s) => s.actor !== '' && s.at !== ''));
  assert.deepEqual(view.retirements.map((r) => [r.certificateId, r.quantityT, r.serials]), [['NTL-RC-1', 300, ['NTL-360732-XG01-2023-311-610']]]);
  assert.equal(serialHistory([], 'not a serial'), null);
});

test('a project\'s statements: every member of the contract in force, by id, as each member\'s own statement shows it', () => {
  const { engine } = engineFor(EXAMPLES['registry-cooperative-forest']!());
  const state = engine.state;
  const rows = projectStatements(state, 'XG01');
  assert.deepEqual(rows.map((r) => r.memberId), ['farmer1', 'farmer2', 'farmer3']);
  for (const row of rows) assert.deepEqual(row, memberStatement(state, 'XG01', row.memberId));
  assert.ok(rows.some((r) => r.paidFen > 0) && rows.every((r) => r.attributedT > 0), JSON.stringify(rows));
  assert.deepEqual(projectStatements(state, 'NOPE'), []);
});
