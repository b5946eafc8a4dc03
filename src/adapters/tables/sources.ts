/**
 * Provenance sidecars: `X.sources.csv` beside a data file `X.csv` marks columns as
 * `statistic`, `estimate`, `computed` or `not_found`. Estimates become warnings on every
 * result computed from them, so an estimate is never presented as a statistic.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { AccountingWarning } from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { readTable } from './read-records.js';

const STATUSES = ['statistic', 'estimate', 'computed', 'not_found'] as const;

export function sidecarPathOf(dataFile: string): string {
  return dataFile.replace(/\.(csv|xlsx|json|txt)$/i, '') + '.sources.csv';
}

/** Warnings for the estimated columns a data file's sidecar declares (none without a sidecar). */
export async function estimateWarnings(dataFile: string): Promise<Result<AccountingWarning[], Problem[]>> {
  const sidecar = sidecarPathOf(dataFile);
  if (!existsSync(sidecar)) return ok([]);
  const read = await readTable(sidecar);
  if (!read.ok) return err([read.error]);
  const table = read.value;
  const index = (name: string): number => table.headers.indexOf(name);
  const missing = ['column', 'status', 'source'].filter((h) => index(h) < 0);
  if (missing.length > 0) return err(missing.map((h) => ({ code: 'missing_column', file: sidecar, row: 1, column: h, message: `sidecar needs columns column, region_code, year, status, source` })));
  const byColumn = new Map<string, { rows: string[]; sources: Set<string> }>();
  for (const [rowIndex, cells] of table.rows.entries()) {
    const status = String(cells[index('status')] ?? '');
    if (!(STATUSES as readonly string[]).includes(status)) {
      return err([{ code: 'bad_format', file: sidecar, row: table.rowNumbers[rowIndex] ?? rowIndex, column: 'status', message: `expected one of ${STATUSES.join(', ')}, found "${status}"` }]);
    }
    if (status !== 'estimate') continue;
    const column = String(cells[index('column')] ?? '');
    const region = index('region_code') >= 0 ? cells[index('region_code')] : null;
    const year = index('year') >= 0 ? cells[index('year')] : null;
    const entry = byColumn.get(column) ?? { rows: [], sources: new Set<string>() };
    entry.rows.push(region === null && year === null ? 'all rows' : [region, year].filter((v) => v !== null).join(' '));
    entry.sources.add(String(cells[index('source')] ?? ''));
    byColumn.set(column, entry);
  }
  return ok(
    [...byColumn].map(([column, entry]) => ({
      code: 'estimated_input' as const,
      detail: { file: basename(dataFile), column, rows: describeRows(entry.rows), source: describeSources([...entry.sources], sidecar) },
    })),
  );
}

/** A short account of which rows: all, a few by name, or a count by year. */
function describeRows(rows: readonly string[]): string {
  if (rows.includes('all rows')) return 'all rows';
  if (rows.length <= 4) return rows.join(', ');
  const years = [...new Set(rows.map((r) => r.split(' ')[1]).filter((y) => y !== undefined))].sort();
  return `${rows.length} rows${years.length > 0 ? ` in ${years.join(', ')}` : ''}`;
}

function describeSources(sources: readonly string[], sidecar: string): string {
  if (sources.length <= 2) return sources.join('; ');
  return `${sources.length} estimation steps, each given in ${basename(sidecar)}`;
}
