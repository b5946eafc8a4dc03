/**
 * Compliance reports as tables (docs/compliance.md): one flat table per part — emitters,
 * obligations, verified emissions per city, city flows, and the clearing statement — written
 * as text, CSV (one table) or an XLSX workbook (one sheet each). Units are in the column names.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { PeriodReport } from '../../core/compliance/index.js';
import { grid } from '../pathway/grid.js';

export type Cell = string | number | boolean | null;
export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly Cell[][];
}

export interface ComplianceTables {
  readonly period: PeriodReport | null;
  readonly flows: readonly { city: string; exportsT: number; exportsFen: number; importsT: number; importsFen: number }[];
  readonly clearing: { year: number; resultHash: string; poolInFen: number; poolOutFen: number; lines: readonly Record<string, Cell>[] } | null;
}

const rowsOf = (items: readonly object[], columns: readonly string[]): Cell[][] => items.map((item) => columns.map((c) => ((item as Record<string, Cell>)[c] ?? null)));

export function tablesOf(t: ComplianceTables): Table[] {
  const out: Table[] = [];
  if (t.period !== null) {
    const emitterColumns = ['participantId', 'name', 'city', 'sector', 'classification', 'reportStatus', 'reportedKgCO2e', 'verifiedKgCO2e', 'obligationT', 'allocatedT', 'deductedT', 'allowancesT', 'offsetsT', 'offsetCapT', 'overdraftT', 'overdraftOutstandingT', 'shortfallT', 'penaltyFen', 'penaltyPaidFen', 'status'];
    out.push({ name: 'emitters', columns: emitterColumns, rows: rowsOf(t.period.emitters, emitterColumns) });
    const obligationColumns = ['obligationId', 'emitter', 'quantityT', 'deliveredT', 'dueDate', 'collateralFen', 'releasedFen', 'status', 'rolledFrom'];
    out.push({ name: 'obligations', columns: obligationColumns, rows: rowsOf(t.period.obligations, obligationColumns) });
    // The columns `neutral score --enterprises` reads (S12 local emissions, docs/score.md).
    const year = t.period.year;
    out.push({ name: 'cities', columns: ['region_code', 'year', 'enterprise_emissions_t', 'emitters'], rows: t.period.cities.map((c) => [c.city, year, c.verifiedKgCO2e / 1000, c.emitters]) });
  }
  const flowColumns = ['city', 'exportsT', 'exportsFen', 'importsT', 'importsFen'];
  out.push({ name: 'city-flows', columns: flowColumns, rows: rowsOf(t.flows, flowColumns) });
  if (t.clearing !== null) {
    const clearingColumns = ['regionCode', 'participantId', 'role', 'amountFen', 'creditRouteFen', 'cashFen', 'certificates'];
    out.push({ name: 'clearing', columns: clearingColumns, rows: rowsOf(t.clearing.lines, clearingColumns) });
  }
  return out;
}

export function renderText(t: ComplianceTables): string {
  const head: string[] = [];
  if (t.period !== null) {
    const p = t.period;
    const price = p.penaltyPriceFen === null ? 'not yet (period open)' : `${p.penaltyPriceFen} fen/t (${p.penaltyPriceSource ?? ''})`;
    head.push(`${p.jurisdiction} ${p.periodId} (${p.regime}, year ${p.year}, deadline ${p.deadline}, ${p.closed ? 'closed' : 'open'}); penalty price ${price}`);
  }
  if (t.clearing !== null) head.push(`Clearing ${t.clearing.year}: pool in ${t.clearing.poolInFen} fen, out ${t.clearing.poolOutFen} fen; result ${t.clearing.resultHash}`);
  const body = tablesOf(t).map((table) => `${table.name}\n${table.rows.length === 0 ? '(none)\n' : grid([...table.columns], table.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))))}`);
  return [...head, ...body].join('\n') + '\n';
}

export function renderCsv(t: ComplianceTables, name: string): string | null {
  const table = tablesOf(t).find((x) => x.name === name);
  return table === undefined ? null : stringify([table.columns, ...table.rows.map((r) => r.map((c) => c ?? ''))]);
}

export async function renderXlsx(t: ComplianceTables): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Neutral';
  for (const table of tablesOf(t)) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow([...table.columns]);
    for (const row of table.rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 16));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
