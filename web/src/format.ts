/** Numbers as the tables show them; full precision stays in the JSON and XLSX downloads. */
import type { Language } from './i18n/index.js';

export const DASH = '—';

export function mt(tonnes: number | null | undefined): string {
  return tonnes === null || tonnes === undefined ? DASH : (tonnes / 1e6).toFixed(2);
}

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(digits);
}

export function grouped(value: number | null | undefined, lang: Language, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
