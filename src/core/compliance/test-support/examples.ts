/**
 * The example journals of examples/market/compliance-*.jsonl, one per regime and one for
 * the clearing house, built here so keys, times and payloads stay consistent (`REGEN=1`
 * rewrites the files). Each figure in them is worked by hand in docs/compliance.md.
 */
import type { CommandEnvelope } from '../../journal/types.js';
import { DOC, FOREST, MarketJournal, tradingSetup } from '../../market/test-support/journal.js';

export const CEA = 'CEA/JX/2024';
export const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

const limit = (instrument: string, side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC') => ({ instrument, side, kind: 'limit', priceFen, quantityT, tif });

/** The emitter's 2024 footprint: 19,500,400 kg CO2e, so the obligation is 19,501 t and the offset cap 975 t. */
export const STEEL_FOOTPRINT = [
  { scope: 'direct', source: 'coal in the sinter plant', activity: 7_000, activityUnit: 't', factorKgCO2ePerUnit: 1_900, factorSource: 'GB/T 32151.5-2015 default' },
  { scope: 'inputs', source: 'purchased coke', activity: 244, activityUnit: 't', factorKgCO2ePerUnit: 1_600, factorSource: 'supplier declaration 2024' },
  { scope: 'electricity', source: 'grid electricity', activity: 10_000, activityUnit: 'MWh', factorKgCO2ePerUnit: 581, factorSource: 'MEE 2022 national grid factor 0.5810 t/MWh' },
] as const;

/** Parties of the compliance examples: a province, city governments and three emitters, trained. */
export function complianceSetup(j: MarketJournal): void {
  tradingSetup(j, { blockThresholdT: 100_000 });
  const register = (id: string, kind: string, name: string, regionCode: string) => j.add('admin', 'participant.register', { id, kind, name, regionCode });
  register('prov', 'provincial-government', 'Jiangxi provincial government', '360000');
  register('nc', 'city-government', 'Nanchang municipal government', '360100');
  register('jj', 'city-government', 'Jiujiang municipal government', '360400');
  register('gz', 'city-government', 'Ganzhou municipal government', '360700');
  register('ja', 'city-government', "Ji'an municipal government", '360800');
  register('steel2', 'emitter-enterprise', 'Jiujiang cement', '360400');
  register('bigsteel', 'emitter-enterprise', 'Xinyu iron and steel', '360100');
  for (const id of ['steel2', 'bigsteel', 'nc', 'jj', 'prov']) j.add('operator', 'training.record', { participantId: id, certificateId: `LCT-${id}`, trainedOn: '2025-02-10' });
}

/**
 * Nanchang's neutrality market for tests: the emitter (limit 500 t, collateral 30.00 yuan a
 * tonne) with a verified 1,600 t footprint for period N2024, nothing surrendered yet.
 */
export function neutralityUpToReport(j: MarketJournal): void {
  complianceSetup(j);
  j.add('admin', 'jurisdiction.configure', { jurisdiction: 'NC', name: 'Nanchang', regime: 'neutrality', authority: 'nc', regions: ['360100'], referencePriceFen: 5_000, overdraft: { perEmitterLimitT: 500, collateralFenPerT: 3_000 } });
  j.add('nc', 'period.open', { jurisdiction: 'NC', periodId: 'N2024', year: 2024, deadline: '2025-06-30' });
  j.add('nc', 'emitter.register', { jurisdiction: 'NC', participantId: 'emitter', sector: 'steel', annualEmissionsT: 1_500 });
  j.add('emitter', 'emissions.report', { jurisdiction: 'NC', periodId: 'N2024', lines: [{ scope: 'direct', source: 'gas', activity: 1_600, activityUnit: 't', factorKgCO2ePerUnit: 1_000, factorSource: 'test' }] });
  j.add('verifier', 'emissions.verify', { jurisdiction: 'NC', periodId: 'N2024', emitter: 'emitter', decision: 'accept' });
}

/** Cap-and-trade: allocation, an allowance trade, offsets within the cap, a shortfall penalised and deducted. */
function capAndTrade(): CommandEnvelope[] {
  const j = new MarketJournal();
  complianceSetup(j);
  j.add('admin', 'jurisdiction.configure', { jurisdiction: 'JX', name: 'Jiangxi provincial carbon market', regime: 'cap-and-trade', authority: 'prov', regions: ['360000'], referencePriceFen: 6_000 });
  j.add('prov', 'period.open', { jurisdiction: 'JX', periodId: 'P2024', year: 2024, deadline: '2025-06-30', offsets: { capBp: 500, types: ['forest'], vintageFrom: 2020 } });
  j.add('prov', 'emitter.register', { jurisdiction: 'JX', participantId: 'emitter', sector: 'iron and steel', annualEmissionsT: 20_000 });
  j.add('prov', 'emitter.register', { jurisdiction: 'JX', participantId: 'steel2', sector: 'cement', annualEmissionsT: 8_000 });
  j.add('prov', 'emitter.register', { jurisdiction: 'JX', participantId: 'bigsteel', sector: 'iron and steel', annualEmissionsT: 3_000_000 });
  // Refused: a key emitter takes no provincial allowances.
  j.add('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'P2024', vintage: 2024, method: 'list', grants: [{ participantId: 'bigsteel', quantityT: 1_000 }] });
  j.add('prov', 'allocation.grant', {
    jurisdiction: 'JX', periodId: 'P2024', vintage: 2024, method: 'benchmark', reserveT: 2_000,
    grants: [{ participantId: 'emitter', benchmarkKgCO2ePerUnit: 1_500, output: 12_000 }, { participantId: 'steel2', benchmarkKgCO2ePerUnit: 600, output: 15_000 }],
  });
  j.add('operator', 'instrument.list', { instrument: CEA, referencePriceFen: 6_000, buyerFeeBp: 10, sellerFeeBp: 10 });
  j.add('operator', 'session.open', { instrument: CEA });
  j.add('steel2', 'order.place', limit(CEA, 'sell', 6_100, 500), 'steel2-ask');
  j.add('emitter', 'order.place', limit(CEA, 'buy', 6_100, 500), 'emitter-bid');
  // Refused: the key emitter may not trade the provincial allowance.
  j.add('bigsteel', 'order.place', limit(CEA, 'buy', 6_100, 10), 'bigsteel-bid');
  // Auctioned allocation: the authority sells 1,000 t of its reserve by one-way bidding; the key emitter's bid is refused.
  j.add('prov', 'auction.open', { auctionId: 'JX-AUCTION-1', instrument: CEA, kind: 'one-way', quantityT: 1_000, reservePriceFen: 5_800, minimumTotalT: 100 });
  j.add('emitter', 'auction.bid', { auctionId: 'JX-AUCTION-1', priceFen: 6_000, quantityT: 300 });
  j.add('steel2', 'auction.bid', { auctionId: 'JX-AUCTION-1', priceFen: 5_900, quantityT: 200 });
  j.add('bigsteel', 'auction.bid', { auctionId: 'JX-AUCTION-1', priceFen: 6_500, quantityT: 500 });
  j.add('prov', 'auction.close', { auctionId: 'JX-AUCTION-1' });
  j.add('coop', 'order.place', limit(FOREST, 'sell', 5_000, 1_000), 'coop-ask');
  j.add('emitter', 'order.place', limit(FOREST, 'buy', 5_000, 1_000), 'emitter-forest');
  j.add('emitter', 'emissions.report', { jurisdiction: 'JX', periodId: 'P2024', lines: STEEL_FOOTPRINT, documents: [DOC('steel-2024-footprint.pdf')] });
  j.add('steel2', 'emissions.report', { jurisdiction: 'JX', periodId: 'P2024', lines: [{ scope: 'direct', source: 'clinker calcination', activity: 15_000, activityUnit: 't clinker', factorKgCO2ePerUnit: 520, factorSource: 'IPCC 2006 vol. 3 default 0.52 t/t' }, { scope: 'electricity', source: 'grid electricity', activity: 200, activityUnit: 'MWh', factorKgCO2ePerUnit: 1_000, factorSource: 'supplier-specific 2024' }] });
  j.add('verifier', 'emissions.verify', { jurisdiction: 'JX', periodId: 'P2024', emitter: 'emitter', decision: 'accept', documents: [DOC('steel-2024-verification.pdf')] });
  j.add('verifier', 'emissions.verify', { jurisdiction: 'JX', periodId: 'P2024', emitter: 'steel2', decision: 'accept' });
  j.setDay('2025-06-20');
  // Refused: 1,000 t of offsets is above the 5 % cap (975 t).
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 18_500, credits: { quantityT: 1_000 } });
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 18_500, credits: { quantityT: 975 } });
  j.add('steel2', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 8_000 });
  j.setDay('2025-07-01');
  // Refused: after the deadline.
  j.add('steel2', 'compliance.surrender', { jurisdiction: 'JX', periodId: 'P2024', allowancesT: 200 });
  j.add('prov', 'compliance.close', { jurisdiction: 'JX', periodId: 'P2024' });
  j.add('emitter', 'penalty.pay', { penaltyId: 'PEN-1', amountFen: 780_000 });
  j.add('prov', 'period.open', { jurisdiction: 'JX', periodId: 'P2025', year: 2025, deadline: '2026-06-30' });
  j.add('prov', 'allocation.grant', { jurisdiction: 'JX', periodId: 'P2025', vintage: 2025, method: 'list', grants: [{ participantId: 'emitter', quantityT: 18_000 }, { participantId: 'steel2', quantityT: 8_500 }] });
  return j.commands;
}

/** Neutrality: sink credits cover emissions, the overdraft covers the rest, delivered in part, defaulted and rolled over. */
function neutrality(): CommandEnvelope[] {
  const j = new MarketJournal();
  complianceSetup(j);
  j.add('admin', 'jurisdiction.configure', {
    jurisdiction: 'NC', name: 'Nanchang carbon-neutral city market', regime: 'neutrality', authority: 'nc', regions: ['360100'], referencePriceFen: 5_000,
    overdraft: { perEmitterLimitT: 500, collateralFenPerT: 3_000 },
  });
  j.add('nc', 'period.open', { jurisdiction: 'NC', periodId: 'N2024', year: 2024, deadline: '2025-06-30' });
  j.add('nc', 'emitter.register', { jurisdiction: 'NC', participantId: 'emitter', sector: 'iron and steel', annualEmissionsT: 1_500 });
  // Refused: Jiujiang's cement plant is outside Nanchang.
  j.add('nc', 'emitter.register', { jurisdiction: 'NC', participantId: 'steel2', sector: 'cement', annualEmissionsT: 8_000 });
  j.add('emitter', 'emissions.report', { jurisdiction: 'NC', periodId: 'N2024', lines: [{ scope: 'direct', source: 'natural gas', activity: 700_000, activityUnit: 'm3', factorKgCO2ePerUnit: 2.162, factorSource: 'GB/T 32151 default 21.62 t/10^4 m3' }, { scope: 'electricity', source: 'grid electricity', activity: 150, activityUnit: 'MWh', factorKgCO2ePerUnit: 581, factorSource: 'MEE 2022 national grid factor' }] });
  j.add('verifier', 'emissions.verify', { jurisdiction: 'NC', periodId: 'N2024', emitter: 'emitter', decision: 'accept', verifiedKgCO2e: 1_600_000, reason: 'meter calibration adjusted' });
  j.add('coop', 'order.place', limit(FOREST, 'sell', 5_000, 1_200), 'coop-ask');
  j.add('emitter', 'order.place', limit(FOREST, 'buy', 5_000, 1_000), 'emitter-forest');
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'NC', periodId: 'N2024', credits: { quantityT: 1_000 } });
  // Refused: allowances do not exist in the neutrality regime.
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'NC', periodId: 'N2024', allowancesT: 10 });
  const cityLimit = { regionCode: '360100', limitT: 800, sourceHash: HASH };
  j.add('emitter', 'obligation.open', { obligationId: 'OB1', jurisdiction: 'NC', periodId: 'N2024', quantityT: 500, dueDate: '2025-12-31', cityLimit });
  // Refused: beyond the 500 t per-emitter limit.
  j.add('emitter', 'obligation.open', { obligationId: 'OB2', jurisdiction: 'NC', periodId: 'N2024', quantityT: 100, dueDate: '2025-12-31', cityLimit });
  j.add('emitter', 'order.place', limit(FOREST, 'buy', 5_000, 200), 'emitter-forest-2');
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'NC', periodId: 'N2024', credits: { quantityT: 100 } });
  j.add('emitter', 'compliance.surrender', { jurisdiction: 'NC', periodId: 'N2024', obligationId: 'OB1', credits: { quantityT: 100 } });
  j.setDay('2025-07-01');
  j.add('nc', 'compliance.close', { jurisdiction: 'NC', periodId: 'N2024' });
  // Refused: not due yet.
  j.add('nc', 'obligation.settle', { obligationId: 'OB1', rollOverDueDate: '2026-06-30' });
  j.setDay('2025-12-31');
  j.add('nc', 'obligation.settle', { obligationId: 'OB1', rollOverDueDate: '2026-06-30' });
  return j.commands;
}

/** The clearing house: two payers (one partly by retired credits from a receiving city), two receivers. */
function clearing(): CommandEnvelope[] {
  const j = new MarketJournal();
  complianceSetup(j);
  j.add('nc', 'cash.deposit', { amountFen: 5_000_000, reference: 'Nanchang treasury 2025-03' });
  j.add('jj', 'cash.deposit', { amountFen: 2_000_000, reference: 'Jiujiang treasury 2025-03' });
  j.add('coop', 'order.place', limit(FOREST, 'sell', 5_000, 100), 'coop-ask');
  j.add('nc', 'order.place', limit(FOREST, 'buy', 5_000, 100), 'nc-forest');
  j.add('nc', 'credits.retire', { quantityT: 100, beneficiary: 'Nanchang municipal government', purpose: 'cross-city', note: '2020 horizontal compensation to Ganzhou' });
  const regions = [
    { regionCode: '360100', role: 'pay', amount10kYuan: 3.2 },
    { regionCode: '360400', role: 'pay', amount10kYuan: 1.8 },
    { regionCode: '360700', role: 'receive', amount10kYuan: -3 },
    { regionCode: '360800', role: 'receive', amount10kYuan: -2 },
  ];
  const settle = { year: 2020, resultHash: HASH, balanced: true, regions, creditRoutes: [{ regionCode: '360100', certificateIds: ['NTL-RC-1'] }] };
  // Refused: an unbalanced result; then a receiver with no city government registered.
  j.add('prov', 'compensation.settle', { ...settle, balanced: false });
  j.add('prov', 'compensation.settle', { ...settle, regions: [...regions.slice(0, 3), { regionCode: '360900', role: 'receive', amount10kYuan: -2 }] });
  j.add('prov', 'compensation.settle', settle);
  return j.commands;
}

export const COMPLIANCE_EXAMPLES: Readonly<Record<string, () => CommandEnvelope[]>> = {
  'compliance-cap-and-trade': capAndTrade,
  'compliance-neutrality': neutrality,
  'compliance-clearing': clearing,
};
