/**
 * Tonnes typed in a form, as the registry's integer kilograms: read from the text's digits, not
 * through a float (0.1 + 0.2 t must be 300 kg, not 300.00000000000006). Up to three decimals.
 */
export function kgOfTonnes(text: string): number | null {
  const m = /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (m === null) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
