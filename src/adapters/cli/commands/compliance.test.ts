/**
 * `neutral compliance report` over the example journals (text, JSON, CSV, XLSX) and
 * `neutral compliance settle-command`: an accounting result becomes a clearing command that
 * the journal accepts, its hash the result file's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli, tempDir } from '../test-support/run.js';

const CAP = 'examples/market/compliance-cap-and-trade.jsonl';
const CLEARING = 'examples/market/compliance-clearing.jsonl';

test('report: a period as JSON, the emitters as CSV, every table as an XLSX sheet', async () => {
  const json = await cli('compliance', 'report', '--journal', CAP, '--jurisdiction', 'JX', '--period', 'P2024', '--format', 'json');
  assert.equal(json.code, 0, json.stderr);
  const doc = JSON.parse(json.stdout) as { period: { emitters: { participantId: string; status: string; penaltyFen: number }[]; penaltyPriceFen: number } };
  assert.deepEqual(doc.period.emitters.map((e) => [e.participantId, e.status, e.penaltyFen]), [['bigsteel', 'excluded', 0], ['emitter', 'penalised', 780_000], ['steel2', 'covered', 0]]);
  const csv = await cli('compliance', 'report', '--journal', CAP, '--jurisdiction', 'JX', '--period', 'P2024', '--format', 'csv');
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.match(lines[0]!, /^participantId,name,city,sector,classification,/);
  assert.equal(lines.length, 4);
  const out = join(tempDir(), 'report.xlsx');
  const xlsx = await cli('compliance', 'report', '--journal', CLEARING, '--year', '2020', '--format', 'xlsx', '--out', out);
  assert.equal(xlsx.code, 0, xlsx.stderr);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  assert.deepEqual(book.worksheets.map((s) => s.name), ['city-flows', 'clearing']);
  assert.deepEqual((book.getWorksheet('clearing')!.getRow(2).values as unknown[]).slice(1), ['360100', 'nc', 'pay', 3_200_000, 500_000, 2_700_000, 'NTL-RC-1']);
});

test('report: bad flags exit 2 with the flag named', async () => {
  const lone = await cli('compliance', 'report', '--journal', CAP, '--jurisdiction', 'JX');
  assert.equal(lone.code, 2);
  assert.match(lone.stderr, /bad_flag: --jurisdiction and --period go together/);
  const missing = await cli('compliance', 'report', '--journal', CAP, '--jurisdiction', 'JX', '--period', 'P1999');
  assert.match(missing.stderr, /--period P1999: no such period of JX/);
  assert.match((await cli('compliance', 'report', '--journal', CAP, '--format', 'xlsx')).stderr, /output_required/);
});

test('settle-command: an accounting result becomes compensation.settle with the file\u2019s hash, and the journal clears it', async () => {
  const dir = tempDir();
  const result = {
    params: { compensation: { balanced: true } },
    compensation: { year: 2021, regions: [
      { region_code: '360400', role: 'pay', amount_10k_yuan: 0.15 },
      { region_code: '360700', role: 'receive', amount_10k_yuan: -0.09 },
      { region_code: '360800', role: 'receive', amount_10k_yuan: -0.06 },
      { region_code: '360100', role: 'balance', amount_10k_yuan: 0 },
    ] },
  };
  const file = join(dir, 'result.json');
  writeFileSync(file, JSON.stringify(result));
  const made = await cli('compliance', 'settle-command', '--result', file, '--actor', 'prov', '--at', '2025-03-04T10:00:00+08:00');
  assert.equal(made.code, 0, made.stderr);
  const command = JSON.parse(made.stdout) as { key: string; payload: { resultHash: string; regions: unknown[] } };
  assert.equal(command.key, 'clearing-2021');
  assert.equal(command.payload.resultHash, createHash('sha256').update(readFileSync(file)).digest('hex'));
  const journal = join(dir, 'journal.jsonl');
  writeFileSync(journal, readFileSync(CLEARING, 'utf8') + made.stdout);
  const report = await cli('compliance', 'report', '--journal', journal, '--year', '2021', '--format', 'csv', '--table', 'clearing');
  assert.equal(report.code, 0, report.stderr);
  assert.deepEqual(report.stdout.trim().split('\n').slice(1), ['360400,jj,pay,150000,0,150000,', '360700,gz,receive,90000,0,90000,', '360800,ja,receive,60000,0,60000,']);
  writeFileSync(file, JSON.stringify({ params: { compensation: { balanced: true } }, compensation: null }));
  const none = await cli('compliance', 'settle-command', '--result', file, '--actor', 'prov');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /result\.json:\$\.compensation: bad_format: the result has no compensation/);
});

test('the cities table feeds the score: verified enterprise emissions fill S12 (neutral score --enterprises)', async () => {
  const dir = tempDir();
  const cities = join(dir, 'cities.csv');
  const made = await cli('compliance', 'report', '--journal', CAP, '--jurisdiction', 'JX', '--period', 'P2024', '--format', 'csv', '--table', 'cities', '--out', cities);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(readFileSync(cities, 'utf8'), 'region_code,year,enterprise_emissions_t,emitters\n360100,2024,19500.4,1\n360400,2024,8000,1\n');
  const data = join(dir, 'score.csv');
  writeFileSync(data, 'region_code,region_name,year,S11,S13\n360100,Nanchang,2024,120,0.8\n360400,Jiujiang,2024,300,1.1\n');
  const scored = await cli('score', '--data', data, '--enterprises', cities, '--format', 'json');
  assert.equal(scored.code, 0, scored.stderr);
  const doc = JSON.parse(scored.stdout) as { weights: Record<string, number>; sources: Record<string, string>; warnings: unknown[] };
  assert.ok('S12' in doc.weights, JSON.stringify(doc.weights));
  assert.equal(doc.sources['S12'], cities);
  assert.deepEqual(doc.warnings, []);
  writeFileSync(data, 'region_code,region_name,year,S11,S12\n360100,Nanchang,2024,120,5\n360400,Jiujiang,2024,300,6\n');
  const both = await cli('score', '--data', data, '--enterprises', cities);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /duplicate_indicator: S12 is both a column here and in the enterprise emissions/);
});
