/**
 * The benefit-sharing waterfall (market.md §7, §10), exact to the fen: deductions in
 * contract order, each floor(share × what the ones before it left) and booked to its
 * recipient; the remainder split among the signed members by the contract's formula,
 * largest remainder with ties to the smaller member id. Pure: the exchange calls it inside
 * a trade's settlement, the registry inside `benefit.distribute`.
 */
import { type Result, err, ok } from '../result.js';
import { floorBp, splitLargestRemainder } from '../ledger/split.js';
import { countedParcels } from './estimate.js';
import type { ContractTerms, Project } from './types.js';

export interface WaterfallDeduction {
  readonly name: string;
  readonly recipient: string;
  readonly shareBp: number;
  readonly amountFen: number;
}

export interface WaterfallMember {
  readonly memberId: string;
  readonly weight: number;
  /** The member's part of the proceeds before deductions: deductionsFen + amountFen. */
  readonly grossFen: number;
  /** The member's part of the deductions (split by the same weights). */
  readonly deductionsFen: number;
  /** Payable to the member. */
  readonly amountFen: number;
}

export interface Waterfall {
  readonly contractVersion: number;
  readonly formula: ContractTerms['formula'];
  readonly netProceedsFen: number;
  readonly deductions: readonly WaterfallDeduction[];
  readonly remainderFen: number;
  readonly members: readonly WaterfallMember[];
}

export type WaterfallProblem = { readonly code: 'no_member_weights'; readonly message: string };

/**
 * @param netProceedsFen what the seller received for the units (after its fee), fen
 * @param contract the contract version in force
 * @param weights member id → weight under the contract's formula (see `memberWeights`)
 * @example runWaterfall(100_000, terms, new Map([['m1', 3], ['m2', 1]]))
 */
export function runWaterfall(netProceedsFen: number, contract: ContractTerms, weights: ReadonlyMap<string, number>): Result<Waterfall, WaterfallProblem> {
  if (!Number.isSafeInteger(netProceedsFen) || netProceedsFen < 0) throw new Error(`runWaterfall: ${netProceedsFen} is not a non-negative integer of fen`);
  let left = netProceedsFen;
  const deductions: WaterfallDeduction[] = contract.deductions.map((d) => {
    const amountFen = floorBp(left, d.shareBp);
    left -= amountFen;
    return { name: d.name, recipient: d.recipient, shareBp: d.shareBp, amountFen };
  });
  const ids = [...weights.keys()].sort();
  const w = ids.map((id) => weights.get(id)!);
  const amounts = splitLargestRemainder(left, w, ids);
  const shares = splitLargestRemainder(netProceedsFen - left, w, ids);
  if (!amounts.ok || !shares.ok || ids.length === 0) {
    return err({ code: 'no_member_weights', message: `market.md §7: no signed member has a weight under the ${contract.formula} formula` });
  }
  const members = ids.map((memberId, i) => ({
    memberId, weight: w[i]!, grossFen: amounts.value[i]! + shares.value[i]!, deductionsFen: shares.value[i]!, amountFen: amounts.value[i]!,
  }));
  return ok({ contractVersion: contract.version, formula: contract.formula, netProceedsFen, deductions, remainderFen: left, members });
}

/** Weights of the members who signed the version in force, under its formula. */
export function memberWeights(project: Project, contract: ContractTerms): Map<string, number> {
  const weights = new Map<string, number>();
  const counted = countedParcels(project);
  for (const m of contract.members) {
    if (project.signatures.get(m.memberId) !== contract.version) continue;
    switch (contract.formula) {
      case 'tonnes':
        weights.set(m.memberId, project.attributedT.get(m.memberId) ?? 0);
        break;
      case 'area':
        weights.set(m.memberId, counted.filter((p) => p.memberId === m.memberId).reduce((sum, p) => sum + p.areaM2, 0));
        break;
      case 'per-capita':
        weights.set(m.memberId, m.persons ?? 1);
        break;
      case 'fixed':
        weights.set(m.memberId, m.fixedShare ?? 0);
        break;
    }
  }
  return weights;
}
