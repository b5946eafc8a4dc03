import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { RunningServer } from '../../http/server.js';
import { cli, tempDir } from '../test-support/run.js';
import { demo } from './demo.js';

test('replication: the province rows reproduce seed 001 as printed (Mt, 2 decimals)', async () => {
  const { code, stdout, stderr } = await cli('account', '--data', 'data/fixtures/seed001-replication.csv', '--preset', 'jiangxi-2024', '--format', 'json');
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  const mt = (t: number): string => (t / 1e6).toFixed(2);
  const [y2010, y2020] = doc.totals;
  assert.equal(mt(y2020.province_row.emissions_energy_t), '183.42');
  assert.equal(mt(y2020.province_row.emissions_respiration_t), '3.57');
  assert.equal(mt(y2020.province_row.emissions_t), '186.99');
  assert.equal(mt(y2010.province_row.emissions_t), '120.97');
  assert.deepEqual(doc.regions, []);
});

test('demo --print: prints both provinces, warns about every estimated column, writes the XLSX report', async () => {
  const out = join(tempDir(), 'demo.xlsx');
  const { code, stdout } = await cli('demo', '--print', '--out', out);
  assert.equal(code, 0);
  assert.match(stdout, /Jiangxi, 11 cities/);
  assert.match(stdout, /Henan, 18 units/);
  for (const column of ['energy_tce', 'forest_hm2', 'population']) assert.match(stdout, new RegExp(`column ${column} is an estimate`));
  assert.ok(existsSync(out));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  assert.ok(workbook.getWorksheet('jiangxi compensation') && workbook.getWorksheet('henan regions'));
});

test('demo 2020 zones differ from the zoning seed 001 prints exactly where docs/accounting.md says', async () => {
  const doc = JSON.parse((await cli('account', '--data', 'data/demo/jiangxi.csv', '--format', 'json')).stdout);
  const seed = readFileSync('data/fixtures/seed001-zoning-2020.csv', 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const differences = seed
    .map(([code, name, zone]) => ({ code, name, seedZone: zone, ours: doc.regions.find((r: any) => r.region_code === code && r.year === 2020).zone }))
    .filter((d) => d.seedZone !== d.ours)
    .map((d) => `- ${d.code} ${d.name}: seed ${d.seedZone}, ours ${d.ours}`);
  const docs = readFileSync('docs/accounting.md', 'utf8');
  const listed = /<!-- zoning-differences:start -->\n([\s\S]*?)<!-- zoning-differences:end -->/.exec(docs)?.[1]?.trim().split('\n') ?? [];
  assert.deepEqual(listed, differences);
});

/** Runs `neutral demo` on a database until the callback is done. */
async function withDemo(db: string, body: (server: RunningServer, printed: string) => Promise<void>): Promise<void> {
  let printed = '';
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let finished!: Promise<number>;
  const server = await new Promise<RunningServer>((resolve) => {
    finished = demo({ db, port: '0', host: '127.0.0.1', out: 'unused.xlsx', lang: 'en' }, { stdout: (t) => void (printed += t), stderr: (t) => void (printed += t) }, stopped, resolve, {});
  });
  try {
    await body(server, printed);
  } finally {
    stop();
    assert.equal(await finished, 0);
  }
}

test('demo: loads the demo registry into an empty database once, serves API and dashboard, prints the URL and the logins', async () => {
  const db = `sqlite:${join(tempDir(), 'demo.db')}`;
  await withDemo(db, async (server, printed) => {
    assert.match(printed, /Loaded the demo into sqlite:.*demo\.db/);
    assert.match(printed, /Logins \(password "neutral-demo"\): admin, planner, coop, farmer1/);
    assert.match(printed, new RegExp(`open ${server.url.replace(/[./]/g, '\\$&')}`));
    const projects = (await (await fetch(`${server.url}api/v1/registry/projects`)).json()) as { items: { projectId: string; status: string }[] };
    assert.deepEqual(projects.items.map((p) => [p.projectId, p.status]), [['XG01', 'registered']]);
    const tape = (await (await fetch(`${server.url}api/v1/market/tape`)).json()) as { items: { instrument: string; priceFen: number; quantityT: number }[] };
    assert.deepEqual(tape.items.map((t) => [t.instrument, t.quantityT, t.priceFen]), [
      ['SINK/forest/360732/2023', 120, 5050], ['SINK/forest/360732/2023', 80, 5050], ['SINK/forest/360732/2023', 20, 5100], ['SINK/forest/360732/2023', 30, 5100],
    ], 'the demo market has traded');
    const depth = (await (await fetch(`${server.url}api/v1/market/depth?instrument=SINK/forest/360732/2023`)).json()) as { bids: unknown[]; asks: unknown[] };
    assert.ok(depth.bids.length > 0 && depth.asks.length > 0, 'a bid and an offer rest on the open book');
    const login = await fetch(`${server.url}api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'farmer1', password: 'neutral-demo' }) });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const statement = (await (await fetch(`${server.url}api/v1/registry/projects/XG01/members/farmer1/statement`, { headers: { Cookie: cookie } })).json()) as { salesFen: number; payableFen: number; paidFen: number };
    // The registry journal alone leaves farmer1 1,260,081 fen of sales (its share of the OTC sale); the trades add the rest.
    assert.ok(statement.salesFen > 1_260_081 && statement.payableFen > statement.paidFen, `the trades' waterfalls reach farmer1's statement: ${JSON.stringify(statement)}`);
    assert.equal((await fetch(server.url)).status, 200);
  });
  await withDemo(db, async (_server, printed) => assert.match(printed, /already has data: the demo was not loaded again/));
});
