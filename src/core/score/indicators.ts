/** Seed 004 table 1: the indicators, their default polarity and group (planning.md §2). */
import type { Polarity } from './types.js';

export interface IndicatorDefinition {
  readonly name: string;
  readonly polarity: Polarity;
}

/** S21–S26 and S28 have no polarity in the seed: `+`, editable in the params. */
export const INDICATORS: Readonly<Record<string, IndicatorDefinition>> = {
  S11: { name: 'local carbon sink', polarity: '+' },
  S12: { name: 'local carbon emissions', polarity: '-' },
  S13: { name: 'carbon intensity', polarity: '-' },
  S14: { name: 'carbon accumulation', polarity: '-' },
  S15: { name: 'carbon offset', polarity: '+' },
  S16: { name: 'net emission growth rate', polarity: '-' },
  S21: { name: 'local carbon price', polarity: '+' },
  S22: { name: 'sell (export) carbon price', polarity: '+' },
  S23: { name: 'import carbon price', polarity: '+' },
  S24: { name: 'local carbon demand', polarity: '+' },
  S25: { name: 'export carbon demand', polarity: '+' },
  S26: { name: 'government support', polarity: '+' },
  S27: { name: 'carbon sink cost', polarity: '-' },
  S28: { name: 'trading platform sophistication', polarity: '+' },
  S31: { name: 'treeable wasteland', polarity: '+' },
  S32: { name: 'reducible emission credits', polarity: '+' },
  S33: { name: 'business and individual participation', polarity: '-' },
};

export const GROUP_NAMES: Readonly<Record<string, string>> = {
  S1: 'instant',
  S2: 'investment',
  S3: 'potential',
};

/** Indicator codes: S, the group digit, then the indicator's number. */
export const INDICATOR_CODE = /^S[1-9][0-9]+$/;

/** The default group of an indicator: its first two characters (S12 → S1). */
export function defaultGroup(code: string): string {
  return code.slice(0, 2);
}
