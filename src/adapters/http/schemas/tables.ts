/** A table sent inside a JSON body: text (CSV, JSON), base64 (XLSX) or rows inline. */
import { z } from 'zod';
import type { InMemoryTable } from '../../tables/read-records.js';

/** Longest text or base64 a JSON body may carry for one table; the body limit caps the sum. */
const MAX_CONTENT_CHARS = 64 * 1024 * 1024;

export const tableUploadSchema = z.strictObject({
  name: z.string().min(1).max(255).regex(/\.(csv|txt|xlsx|json)$/i, 'expected a file name ending in .csv, .xlsx or .json')
    .describe('file name; its extension tells the format and it names the table in problems'),
  content: z.string().max(MAX_CONTENT_CHARS).optional().describe('the file: text for CSV and JSON, base64 for XLSX'),
  encoding: z.enum(['utf8', 'base64']).default('utf8').describe('how content is encoded; XLSX needs base64'),
  rows: z.array(z.record(z.string(), z.unknown())).max(1_000_000).optional().describe('instead of content: the rows as objects (a JSON table)'),
}).superRefine((table, context) => {
  if ((table.content === undefined) === (table.rows === undefined)) {
    context.addIssue({ code: 'custom', path: ['content'], message: 'give exactly one of content and rows' });
  }
  if (table.rows !== undefined && !/\.json$/i.test(table.name)) {
    context.addIssue({ code: 'custom', path: ['name'], message: 'rows are a JSON table: name it *.json' });
  }
  if (/\.xlsx$/i.test(table.name) && table.content !== undefined && table.encoding !== 'base64') {
    context.addIssue({ code: 'custom', path: ['encoding'], message: 'an XLSX file is binary: send it base64-encoded with "encoding": "base64"' });
  }
});
export type TableUpload = z.output<typeof tableUploadSchema>;

export function uploadedTable(table: TableUpload): InMemoryTable {
  if (table.rows !== undefined) return { name: table.name, bytes: Buffer.from(JSON.stringify(table.rows), 'utf8') };
  return { name: table.name, bytes: Buffer.from(table.content ?? '', table.encoding === 'base64' ? 'base64' : 'utf8') };
}

/** A file part of a multipart form, read into memory. */
export async function formTable(file: File): Promise<InMemoryTable> {
  return { name: file.name || 'upload.csv', bytes: new Uint8Array(await file.arrayBuffer()) };
}
