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
