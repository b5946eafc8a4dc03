/** Renders results as a readable text table, CSV (one table) or XLSX (one sheet per table). */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { AccountingResult } from '../../core/accounting/index.js';
import { type RenderedWarning, renderWarnings } from './document.js';
import type { Language } from './messages.js';
import { type CellValue, type FlatTable, type TableName, flatTables, regionNames } from './tables.js';

export function renderCsv(result: AccountingResult, table: TableName): string {
  const flat = flatTables(result).find((t) => t.name === table) as FlatTable;
  return stringify([flat.columns as string[], ...flat.rows.map((row) => row.map((cell) => (cell === null ? '' : cell)))]);
}

/** East Asian wide characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function formatGrid(header: readonly string[], rows: readonly (readonly string[])[], rightAlign: readonly boolean[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - displayWidth(cell));
        return rightAlign[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const fixed = (digits: number) => (value: CellValue): string => (value === null || typeof value !== 'number' ? '—' : value.toFixed(digits));
const millions = (value: CellValue): string => (typeof value === 'number' ? (value / 1e6).toFixed(2) : '—');

export function renderText(result: AccountingResult, language: Language, only?: TableName): string {
  const zoneName = (zone: keyof AccountingResult['params']['zoneNames']): string => result.params.zoneNames[zone][language];
  const zh = language === 'zh';
  const unit = `Mt ${result.basis}`;
  const parts: string[] = [];
  if (only === undefined || only === 'regions') {
    parts.push(zh ? `地区（排放、吸收、收支：${unit}）` : `Regions (emissions, absorption, budget: ${unit})`);
    parts.push(formatGrid(
      zh ? ['代码', '地区', '年份', '排放', '吸收', '碳收支', 'ECC', 'ESC', '功能区'] : ['code', 'region', 'year', 'emissions', 'absorption', 'budget', 'ECC', 'ESC', 'zone'],
      result.regions.map((r) => [r.region_code, r.region_name, String(r.year), millions(r.emissions_t), millions(r.absorption_t), millions(r.budget_t), fixed(3)(r.ecc), fixed(3)(r.esc), r.zone === null ? '—' : zoneName(r.zone)]),
      [false, false, false, true, true, true, true, true, false],
    ));
  }
  if (only === undefined || only === 'totals') {
    parts.push(zh ? `地区合计（${unit}）` : `Set totals (${unit})`);
    parts.push(formatGrid(
      zh ? ['年份', '地区数', '能源', '呼吸', '排放', '吸收', '碳收支', '全省行排放', '差值'] : ['year', 'regions', 'energy', 'respiration', 'emissions', 'absorption', 'budget', 'province row', 'difference'],
      result.totals.map((t) => [String(t.year), String(t.regions), millions(t.emissions_energy_t), millions(t.emissions_respiration_t), millions(t.emissions_t), millions(t.absorption_t), millions(t.budget_t), millions(t.province_row?.emissions_t ?? null), millions(t.province_row?.difference_t ?? null)]),
      [false, true, true, true, true, true, true, true, true],
    ));
  }
  if (only === undefined || only === 'compensation') {
    const c = result.compensation;
    const roleName = (role: string | null): string => (role === null ? '—' : zh ? ({ pay: '支付', receive: '受偿', balance: '平衡' } as Record<string, string>)[role] ?? role : role);
    parts.push(zh
      ? `${c.year} 年横向碳补偿（α = ${fixed(2)(c.alpha_yuan_per_t)} 元/t；支付合计 ${fixed(2)(c.payers_total_10k_yuan)} 万元；受偿合计 ${fixed(2)(c.receivers_total_10k_yuan)} 万元）`
      : `Compensation ${c.year} (α = ${fixed(2)(c.alpha_yuan_per_t)} yuan/t; payers ${fixed(2)(c.payers_total_10k_yuan)}, receivers ${fixed(2)(c.receivers_total_10k_yuan)} 10^4 yuan)`);
    const names = regionNames(result);
    parts.push(formatGrid(
      zh ? ['代码', '地区', '修正基数 Mt', 'γ', '角色', '金额 万元', '金额 百万元'] : ['code', 'region', `revised base Mt`, 'gamma', 'role', 'amount 10^4 yuan', 'amount M yuan'],
      c.regions.map((r) => [r.region_code, names.get(r.region_code) ?? '', millions(r.revised_base_t), fixed(4)(r.gamma), roleName(r.role), fixed(2)(r.amount_10k_yuan), fixed(2)(r.amount_million_yuan)]),
      [false, false, true, true, false, true, true],
    ));
  }
  const warnings = renderWarnings(result.warnings, language);
  if (warnings.length > 0) parts.push((zh ? '提示\n' : 'Warnings\n') + warnings.map(warningLine).join('\n') + '\n');
  return parts.join('\n');
}

function warningLine(w: RenderedWarning): string {
  const where = [w.region_code, w.year].filter((v) => v !== undefined).join(' ');
  return `- ${w.code}${where ? ` [${where}]` : ''}: ${w.message}`;
}

/** One sheet per table with units in the headers, then parameters, coefficients and warnings. */
export async function renderXlsx(result: AccountingResult, language: Language): Promise<Uint8Array> {
  return renderXlsxBook([{ prefix: '', result }], language);
}

/** Several results in one workbook, their sheet names prefixed (e.g. `henan regions`). */
export async function renderXlsxBook(parts: readonly { prefix: string; result: AccountingResult }[], language: Language): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Neutral';
  for (const { prefix, result } of parts) addResultSheets(workbook, prefix ? `${prefix} ` : '', result, language);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addResultSheets(workbook: ExcelJS.Workbook, prefix: string, result: AccountingResult, language: Language): void {
  for (const table of flatTables(result)) {
    const sheet = workbook.addWorksheet(prefix + table.name);
    sheet.addRow(table.columns.map((c, i) => (table.units[i] ? `${c} [${table.units[i]}]` : c)));
    for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((column) => (column.width = 16));
  }
  const params = workbook.addWorksheet(prefix + 'params');
  params.addRow(['field', 'value']);
  for (const [path, value] of flatten(result.params as unknown as Record<string, unknown>)) params.addRow([path, value]);
  const coefficients = workbook.addWorksheet(prefix + 'coefficients');
  coefficients.addRow(['name', 'value', 'unit', 'basis', 'status', 'citation']);
  for (const c of result.coefficients) coefficients.addRow([c.name, c.value, c.unit, c.basis, c.status, c.citation]);
  const warnings = workbook.addWorksheet(prefix + 'warnings');
  warnings.addRow(['code', 'region_code', 'year', 'message']);
  for (const w of renderWarnings(result.warnings, language)) warnings.addRow([w.code, w.region_code ?? null, w.year ?? null, w.message]);
  for (const sheet of [params, coefficients, warnings]) sheet.getRow(1).font = { bold: true };
}

function flatten(value: Record<string, unknown>, prefix = ''): [string, string | number | boolean | null][] {
  return Object.entries(value).flatMap(([key, v]): [string, string | number | boolean | null][] => {
    const path = Array.isArray(value) ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object') return flatten(v as Record<string, unknown>, path);
    return [[path, (v ?? null) as string | number | boolean | null]];
  });
}
