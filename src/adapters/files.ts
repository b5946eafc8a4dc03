/** Reading input files, with a missing or unreadable file reported as a problem naming it. */
import { readFile } from 'node:fs/promises';
import { type Result, ok, err } from '../core/result.js';
import type { Problem } from './problems.js';

export async function readBytes(file: string): Promise<Result<Buffer, Problem>> {
  try {
    return ok(await readFile(file));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    return err({ code: missing ? 'missing_file' : 'unreadable_file', file, message: missing ? 'no such file' : String(cause) });
  }
}

export async function readText(file: string): Promise<Result<string, Problem>> {
  const bytes = await readBytes(file);
  return bytes.ok ? ok(bytes.value.toString('utf8')) : bytes;
}

/** JSON text → a value, or a `bad_format` problem at `$` saying what was expected. */
export function parseJsonText(file: string, text: string, expected?: string): Result<unknown, Problem> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (cause) {
    const what = expected === undefined ? '' : ` (expected ${expected})`;
    return err({ code: 'bad_format', file, path: '$', message: `not valid JSON${what}: ${(cause as Error).message}` });
  }
}

/** A JSON file → a value; a missing, unreadable or malformed file is a problem naming it. */
export async function readJson(file: string, expected?: string): Promise<Result<unknown, Problem>> {
  const text = await readText(file);
  return text.ok ? parseJsonText(file, text.value, expected) : text;
}
