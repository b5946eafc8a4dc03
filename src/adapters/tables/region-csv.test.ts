import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCsv } from './read-records.js';
import { parseRegionCsv, readPlainCsv } from './region-csv.js';
import { mergeRegionTables } from './region-merge.js';
import { parseRegionTable } from './region-table.js';

/** The general path: papaparse, then cell-by-cell validation. */
function general(file: string, text: string) {
  const raw = parseCsv(file, text);
  return raw.ok ? parseRegionTable(raw.value) : { ok: false as const, error: [raw.error] };
}

/** What a parse gives, as plain data to compare (typed arrays as lists, NaN as null). */
function plain(result: ReturnType<typeof parseRegionCsv>): unknown {
  if (!result.ok) return result;
  const merged = mergeRegionTables([result.value]);
  if (!merged.ok) return merged;
  return JSON.parse(JSON.stringify({ ...result.value, rowNumbers: [...Array.from(result.value.rowNumbers)], columns: merged.value }, (_, v) => (v instanceof Float64Array ? [...v].map((x) => (Number.isNaN(x) ? null : x)) : v)));
}

test('a plain table is read by the fast reader, in canonical units, with spreadsheet row numbers', () => {
  const text = 'region_code,region_name,year,population_10k,gdp_100m_yuan,forest_hm2\r\n360100,南昌,2020,625.5,6650.53,12.5\r\n\r\n360200, 景德镇 ,2020,161.8,957.5,\r\n';
  const fast = readPlainCsv('t.csv', Buffer.from(text));
  assert.ok(fast !== null);
  assert.deepEqual([...fast.columns.regionCode], ['360100', '360200']);
  assert.deepEqual([...fast.columns.regionName], ['南昌', '景德镇']);
  assert.deepEqual(Array.from(fast.rowNumbers), [2, 4]);
  assert.deepEqual([...fast.columns.populationPersons], [625.5 * 1e4, 161.8 * 1e4]);
  assert.deepEqual([...fast.columns.landHm2.forest].map((v) => (Number.isNaN(v) ? null : v)), [12.5, null]);
  assert.deepEqual(fast.quantities, ['population', 'gdp_yuan', 'forest_hm2']);
  assert.deepEqual(plain(parseRegionCsv('t.csv', text)), plain(general('t.csv', text)));
});

test('quotes and problems leave the fast reader to the general path; unusual numbers are read by parseNumber', () => {
  const header = 'region_code,region_name,year,population\n';
  for (const body of ['"360100",A,2020,1\n', '360100,A,2020,-1\n', '360100,A,2020,x\n', '36010,A,2020,1\n', '360100,A,2020,1\n360100,B,2020,2\n', '360100,,2020,1\n', '360100,A,2020.5,1\n']) {
    assert.equal(readPlainCsv('t.csv', Buffer.from(header + body)), null, body);
    assert.deepEqual(plain(parseRegionCsv('t.csv', header + body)), plain(general('t.csv', header + body)), body);
  }
  for (const [cell, value] of [['1e3', 1000], ['12345678901234567', 12345678901234567], ['0.1000000000000001', 0.1000000000000001]] as const) {
    const fast = readPlainCsv('t.csv', Buffer.from(`${header}360100,A,2020,${cell}\n`));
    assert.equal(fast?.columns.populationPersons[0], value, cell);
  }
  // Lone carriage returns and a mix of line ends: papaparse guesses, so it decides.
  assert.equal(readPlainCsv('t.csv', Buffer.from(header.replace('\n', '\r') + '360100,A,2020,1\r')), null);
  assert.equal(readPlainCsv('t.csv', Buffer.from(header.replace('\n', '\r\n') + '360100,A,2020,1\n')), null);
});

test('bytes: a byte-order mark, names in any script, and broken UTF-8 read as the decoded file would', () => {
  const text = '\uFEFFregion_code,region_name,year,population\n360100,南昌,2020,1\n360200,南昌,2020,2\n360300,九江 ,2020,3\n';
  const bytes = Buffer.from(text);
  assert.ok(readPlainCsv('t.csv', bytes) !== null);
  assert.deepEqual(plain(parseRegionCsv('t.csv', bytes)), plain(general('t.csv', text.slice(1))));
  // A lone continuation byte and a cut-off sequence inside names.
  const broken = Buffer.concat([Buffer.from('region_code,region_name,year\n360100,A'), Buffer.from([0x80]), Buffer.from(',2020\n360200,'), Buffer.from([0xe5, 0x8d]), Buffer.from(',2020\n')]);
  assert.deepEqual(plain(parseRegionCsv('t.csv', broken)), plain(general('t.csv', broken.toString('utf8'))));
});

const number = fc.oneof(
  fc.double({ min: 0, max: 1e12, noNaN: true }).map((x) => String(x)),
  fc.integer({ min: 0, max: 1e9 }).map((x) => String(x)),
  fc.tuple(fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 9 })).map(([m, k]) => (m / 10 ** k).toFixed(k)),
  fc.constantFrom('', ' ', '0', '00012.50', '.5', '5.', '.', '1,234.5', '-3', '1e3', ' 7 ', 'x', '\u30007'),
);
const cell = fc.oneof({ weight: 5, arbitrary: number }, fc.constantFrom('A', ' B ', '南昌', '', '"q"', '"a,b"'));

test('the fast reader and the general path agree on every table (values, row numbers, problems)', () => {
  const headers = ['region_code', 'region_name', 'year', 'population', 'energy_10k_tce', 'forest_km2', 'note'];
  const row = fc.tuple(
    fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 360100, max: 360105 }).map(String) }, fc.constantFrom('', '36010', '370100', ' 360100 ')),
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom('南昌', 'Region 1') }, cell),
    fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 2010, max: 2014 }).map(String) }, fc.constantFrom('', '1800', '2020.0', 'x')),
    number, number, number, cell,
  ).map((cells) => cells.join(','));
  const table = fc.record({
    rows: fc.array(fc.oneof({ weight: 10, arbitrary: row }, fc.constantFrom('', ',,,,,,', ' ', '360100,A,2010')), { maxLength: 12 }),
    newline: fc.constantFrom('\n', '\r\n'),
    final: fc.boolean(),
  });
  fc.assert(
    fc.property(table, ({ rows, newline, final }) => {
      const text = [headers.join(','), ...rows].join(newline) + (final ? newline : '');
      const expected = plain(general('p.csv', text));
      assert.deepEqual(plain(parseRegionCsv('p.csv', text)), expected);
      assert.deepEqual(plain(parseRegionCsv('p.csv', Buffer.from(text))), expected);
    }),
    { numRuns: 400 },
  );
});
