/** Plain-text tables for `table` output: columns padded, numbers right-aligned. */

/** East Asian wide characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

/** A grid with a header rule; `right[i]` right-aligns column i (default: every column but the first). */
export function grid(header: readonly string[], rows: readonly (readonly string[])[], right?: readonly boolean[]): string {
  const align = right ?? header.map((_, i) => i > 0);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        return align[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export const DASH = '—';

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(digits);
}

/** Tonnes shown as Mt with two decimals. */
export function mt(valueT: number | null | undefined): string {
  return value(valueT, (v) => (v / 1e6).toFixed(2));
}

export function percent(fraction: number | null | undefined, digits = 1): string {
  return value(fraction, (v) => `${(v * 100).toFixed(digits)} %`);
}

function value(v: number | null | undefined, format: (v: number) => string): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : format(v);
}
