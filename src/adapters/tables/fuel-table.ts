/** Fuel tables (`--fuels`): region_code, year, fuel, quantity, unit → fuel uses per region-year. */
import { type FuelUnit, type FuelUse, findFuel, isElectricity } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type RawTable, cellLocation } from './read-records.js';
import { parseNumber } from './region-table.js';

const COLUMNS = ['region_code', 'year', 'fuel', 'quantity', 'unit'] as const;

/** @returns fuel uses keyed by `region_code|year` */
export function parseFuelTable(table: RawTable, gridFactorGiven: boolean): Result<Map<string, FuelUse[]>, Problem[]> {
  const problems: Problem[] = [];
  const at = (column: string): number => table.headers.indexOf(column);
  for (const column of COLUMNS) {
    if (at(column) < 0) problems.push({ code: 'missing_column', file: table.file, row: 1, column, message: `fuel tables need columns ${COLUMNS.join(', ')}` });
  }
  if (problems.length > 0) return err(problems);
  const uses = new Map<string, FuelUse[]>();
  table.rows.forEach((cells, index) => {
    const cell = (column: string): string => String(cells[at(column)] ?? '').trim();
    const fuel = cell('fuel');
    const unit = cell('unit');
    const quantity = parseNumber(cells[at('quantity')] ?? null);
    const code = cell('region_code');
    if (!/^\d{6}$/.test(code)) problems.push({ code: 'malformed_region_code', ...cellLocation(table, index, 'region_code'), message: `expected a 6-digit division code, found "${code}"` });
    const electricity = isElectricity(fuel);
    const factor = findFuel(fuel);
    if (!electricity && factor === undefined) {
      problems.push({ code: 'unknown_fuel', ...cellLocation(table, index, 'fuel'), message: `unknown fuel "${fuel}"; see docs/accounting.md for the fuel list (id or Chinese name) or electricity` });
      return;
    }
    const allowed = electricity ? ['MWh'] : [factor?.physicalUnit ?? 't', 'TJ', 'tce'];
    if (!allowed.includes(unit)) {
      problems.push({ code: 'bad_fuel_unit', ...cellLocation(table, index, 'unit'), message: `expected ${allowed.join(', ')} for ${fuel}, found "${unit}"` });
      return;
    }
    if (electricity && !gridFactorGiven) {
      problems.push({ code: 'missing_grid_factor', ...cellLocation(table, index, 'fuel'), message: 'electricity needs coefficients.gridTCO2PerMWh in the params file' });
      return;
    }
    if (quantity === null || quantity === undefined || quantity < 0) {
      problems.push({ code: quantity === undefined ? 'not_a_number' : quantity === null ? 'missing_value' : 'negative_quantity', ...cellLocation(table, index, 'quantity'), message: `expected a quantity ≥ 0, found ${String(cells[at('quantity')] ?? 'an empty cell')}` });
      return;
    }
    const key = `${code}|${cell('year')}`;
    const list = uses.get(key) ?? [];
    list.push({ fuel, quantity, unit: unit as FuelUnit });
    uses.set(key, list);
  });
  return problems.length > 0 ? err(problems) : ok(uses);
}
