/** `--db` (contracts.md §0): `sqlite:FILE` or `postgres://…`; default `sqlite:./neutral.db`. */
import { type Result, err, ok } from '../../core/result.js';

export const DEFAULT_DB = 'sqlite:./neutral.db';

export type DbTarget = { readonly dialect: 'sqlite'; readonly file: string } | { readonly dialect: 'postgres'; readonly url: string };

export function parseDb(text: string): Result<DbTarget, string> {
  if (text.startsWith('sqlite:')) {
    const file = text.slice('sqlite:'.length);
    if (file === '') return err('sqlite: needs a file, as in sqlite:./neutral.db');
    if (file.startsWith('//')) return err(`write sqlite:FILE (a path), not a URL: found "${text}"`);
    return ok({ dialect: 'sqlite', file });
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    try {
      new URL(text);
    } catch {
      return err(`"${redact(text)}" is not a valid postgres:// URL`);
    }
    return ok({ dialect: 'postgres', url: text });
  }
  return err(`--db is sqlite:FILE or postgres://…, found "${redact(text)}"`);
}

/** The target for messages, without a password. */
export function describeDb(target: DbTarget): string {
  return target.dialect === 'sqlite' ? `sqlite:${target.file}` : redact(target.url);
}

function redact(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
