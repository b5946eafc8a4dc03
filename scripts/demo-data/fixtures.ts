/**
 * Seed-001 fixtures: the replication table (only the Jiangxi province row, 2010 and 2020) and
 * the zoning and compensation groups the seed prints for 2020.
 */
import { toCsv } from './csv.js';
import type { DemoInputs } from './inputs.js';
import type { OutRow } from './provenance.js';

/** The replication table: the province rows of the Jiangxi demo for 2010 and 2020, population and energy only. */
export function replicationCsv(jiangxi: readonly OutRow[]): string {
  const rows = jiangxi.filter((r) => r.code === '360000' && (r.year === 2010 || r.year === 2020));
  if (rows.length !== 2) throw new Error('the Jiangxi table lacks its 2010 or 2020 province row');
  return toCsv(
    ['region_code', 'region_name', 'year', 'population', 'energy_tce'],
    rows.map((r) => [r.code, r.cells.region_name.value, String(r.year), r.cells.population.value, r.cells.energy_tce.value]),
  );
}

export const ZONES = ['carbon-sink-functional', 'low-carbon-optimisation', 'total-carbon-control', 'carbon-intensity-control'] as const;
export type Zone = (typeof ZONES)[number];
export type CompensationGroup = 'high' | 'low' | 'receive';

/** Seed 001 §4.4.1 (zones) and §4.4.2 (compensation groups), by city code. */
export const SEED001_ZONING_2020: Readonly<Record<string, { readonly zone: Zone; readonly group: CompensationGroup }>> = {
  '360100': { zone: 'total-carbon-control', group: 'low' },
  '360200': { zone: 'low-carbon-optimisation', group: 'receive' },
  '360300': { zone: 'carbon-intensity-control', group: 'low' },
  '360400': { zone: 'carbon-intensity-control', group: 'high' },
  '360500': { zone: 'carbon-intensity-control', group: 'high' },
  '360600': { zone: 'low-carbon-optimisation', group: 'receive' },
  '360700': { zone: 'carbon-sink-functional', group: 'high' },
  '360800': { zone: 'carbon-sink-functional', group: 'receive' },
  '360900': { zone: 'carbon-intensity-control', group: 'high' },
  '361000': { zone: 'carbon-sink-functional', group: 'receive' },
  '361100': { zone: 'carbon-intensity-control', group: 'low' },
};

/** The 2020 zoning fixture with the compensation amounts seed 001 prints (million yuan). */
export function zoningCsv(inputs: DemoInputs): string {
  const names = new Map(inputs.census.map((c) => [c.code, c.name]));
  const printed = new Map(inputs.seed.filter((f) => f.figure === 'compensation' && f.year === '2020').map((f) => [f.code, f.value.toFixed(2)]));
  const rows = Object.entries(SEED001_ZONING_2020)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, z]) => [code, names.get(code) ?? '', z.zone, z.group, printed.get(code) ?? '']);
  return toCsv(['region_code', 'region_name', 'zone', 'compensation_group', 'printed_million_yuan'], rows);
}
