/** CSV reading and byte-stable writing for the demo-data script. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CsvRecord = Readonly<Record<string, string>>;

/** Parses a CSV with a header row into records keyed by header. */
export function parseRecords(text: string): CsvRecord[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as CsvRecord[];
}

/** Writes a header and rows as CSV: LF line ends, quotes only where needed, no BOM. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

/** Fixed-point text, '' for null; never "-0.00". */
export function fixed(value: number | null, digits: number): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) throw new Error(`cannot format ${value}`);
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Whole persons, '' for null. */
export function persons(value: number | null): string {
  return value === null ? '' : String(Math.round(value));
}

/** Reads a required column of a record; throws naming the file and column (inputs are ours). */
export function field(record: CsvRecord, column: string, file: string): string {
  const value = record[column];
  if (value === undefined) throw new Error(`${file}: missing column ${column}`);
  return value;
}

/** Reads a required numeric column. */
export function numberField(record: CsvRecord, column: string, file: string): number {
  const text = field(record, column, file);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${file}: ${column} is not a number: "${text}"`);
  return value;
}
