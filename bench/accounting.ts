/**
 * `npm run bench -- accounting`: a synthetic 3,000 regions × 30 years region table as CSV
 * (about 10 MB), in process and warm, from parsing through accounting and compensation to JSON.
 * Goal: under 1 s. Last line: `accounting: <rows> rows in <s> s, goal 1 s, ratio <1 ÷ s>`.
 */
import { runAccounting } from '../src/core/accounting/index.js';
import { accountingJson } from '../src/adapters/report/document.js';
import { resolveParams } from '../src/adapters/tables/params.js';
import { parseRegionCsv } from '../src/adapters/tables/region-csv.js';
import { mergeRegionTables } from '../src/adapters/tables/region-merge.js';

const REGIONS = 3000;
const YEARS = 30;

/** Deterministic pseudo-random table (a fixed LCG, so every run parses the same bytes). */
export function syntheticTable(regions = REGIONS, years = YEARS): string {
  let seed = 42;
  const next = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['region_code,region_name,year,population,gdp_10k_yuan,gdp_const_10k_yuan,energy_tce,cultivated_hm2,forest_hm2,grassland_hm2,water_hm2,unused_hm2,construction_hm2'];
  for (let r = 1; r <= regions; r++) {
    const code = `36${String(r).padStart(4, '0')}`;
    const population = 2e5 + next() * 5e6;
    const gdp = 1e6 + next() * 5e7;
    const energy = 1e5 + next() * 2e7;
    const land = [0, 0, 0, 0, 0, 0].map(() => (next() * 1e5).toFixed(2));
    for (let y = 0; y < years; y++) {
      const growth = 1.03 ** y;
      lines.push(`${code},Region ${r},${1991 + y},${Math.round(population * 1.005 ** y)},${(gdp * growth * 1.02 ** y).toFixed(1)},${(gdp * growth).toFixed(1)},${(energy * growth).toFixed(1)},${land.join(',')}`);
    }
  }
  return lines.join('\n') + '\n';
}

function once(bytes: Buffer): number {
  const parsed = parseRegionCsv('bench.csv', bytes);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.slice(0, 3)));
  const merged = mergeRegionTables([parsed.value]);
  if (!merged.ok) throw new Error('merge failed');
  const { params, priceModeExplicit } = resolveParams({});
  const run = runAccounting({ rows: merged.value, params, priceModeExplicit });
  if (!run.ok) throw new Error('run failed');
  const json = accountingJson(run.value, { files: ['bench.csv'], conversions: parsed.value.conversions });
  return json.length;
}

export async function main(): Promise<void> {
  // The file's bytes, as a read gives them: decoding is the reader's business.
  const bytes = Buffer.from(syntheticTable(), 'utf8');
  console.log(`table: ${REGIONS} regions × ${YEARS} years, ${(bytes.length / 1e6).toFixed(1)} MB CSV; load average ${(await import('node:os')).loadavg()[0]!.toFixed(2)}`);
  once(bytes); // warm-up
  const seconds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const written = once(bytes);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const cpu = process.cpuUsage(cpuStart);
    // CPU time of every thread (GC helpers included) tells a busy machine from slow code.
    console.log(`run ${i + 1}: ${seconds.at(-1)!.toFixed(3)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(3)} s CPU, ${(written / 1e6).toFixed(1)} MB JSON`);
  }
  const median = [...seconds].sort((a, b) => a - b)[2]!;
  console.log(`accounting: ${REGIONS * YEARS} rows in ${median.toFixed(3)} s, goal 1 s, ratio ${(1 / median).toFixed(2)}`);
}
