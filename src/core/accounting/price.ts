/** Unit carbon price α (accounting spec §5 eq. 13), in yuan per result tonne. */
import { toResultBasis } from './budget.js';
import type { PriceMode, PriceParams, ResultBasis } from './types.js';
import type { WarningSink } from './warnings.js';

export interface PriceOutcome {
  readonly alphaYuanPerT: number | null;
  /** The mode actually used (a preset default may fall back to `international`). */
  readonly modeUsed: PriceMode;
}

function mid(min: number | null, max: number | null): number | null {
  return min === null || max === null ? null : (min + max) / 2;
}

function missingFields(price: PriceParams, mode: PriceMode): string[] {
  const domestic = ['domesticMinYuan', 'domesticMaxYuan'] as const;
  const international = ['internationalMinUsd', 'internationalMaxUsd', 'usdCny'] as const;
  const needed = mode === 'domestic' ? domestic : mode === 'international' ? international : [...domestic, ...international];
  return needed.filter((field) => price[field] === null);
}

/**
 * @param scaling province per-capita GDP ÷ national per-capita GDP (null when unknown)
 * @param modeExplicit whether the user chose the mode; a preset default may fall back
 * @returns yuan per tonne of the result basis, or null when an input is missing
 */
export function unitPrice(price: PriceParams, scaling: number | null, basis: ResultBasis, modeExplicit: boolean, warnings: WarningSink): PriceOutcome {
  let mode = price.mode;
  if (!modeExplicit && mode !== 'international' && missingFields(price, mode).length > 0 && missingFields(price, 'international').length === 0) {
    warnings.add({ code: 'price_fallback_international', detail: { from: mode, missing: missingFields(price, mode).join(', ') } });
    mode = 'international';
  }
  const missing = missingFields(price, mode);
  if (missing.length > 0 || scaling === null) {
    warnings.add({ code: 'price_inputs_missing', detail: { mode, missing: [...missing, ...(scaling === null ? ['gdpPerCapita'] : [])].join(', ') } });
    return { alphaYuanPerT: null, modeUsed: mode };
  }
  const domesticMid = mid(price.domesticMinYuan, price.domesticMaxYuan);
  const usdCny = price.usdCny ?? 0;
  const internationalMid = (mid(price.internationalMinUsd, price.internationalMaxUsd) ?? 0) * usdCny;
  let perTonne: number;
  switch (mode) {
    case 'mean-domestic-international':
      perTonne = ((domesticMid ?? 0) + internationalMid) / 2;
      break;
    case 'pooled': {
      const all = [price.domesticMinYuan ?? 0, price.domesticMaxYuan ?? 0, (price.internationalMinUsd ?? 0) * usdCny, (price.internationalMaxUsd ?? 0) * usdCny];
      perTonne = (Math.min(...all) + Math.max(...all)) / 2;
      break;
    }
    case 'domestic':
      perTonne = domesticMid ?? 0;
      break;
    case 'international':
      perTonne = internationalMid;
      break;
  }
  if (basis === 'as-printed') {
    warnings.add({ code: 'price_per_as_printed', detail: { per: price.per } });
  } else {
    // A price per t CO2 becomes a price per t C by multiplying by 44/12, and the reverse.
    const fromBasis = price.per === 'tCO2' ? 'tCO2e' : 'tC';
    perTonne = perTonne / toResultBasis(1, fromBasis, basis);
  }
  return { alphaYuanPerT: perTonne * scaling, modeUsed: mode };
}
