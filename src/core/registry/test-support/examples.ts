/**
 * The example journals of examples/market/ (registry-*.jsonl), built here so that their
 * keys, times and payloads stay consistent; `REGEN=1` rewrites the files for review.
 */
import type { CommandEnvelope } from '../../journal/types.js';
import { DOC, JournalBuilder, cooperativeProject, cooperativeSetup } from './journal.js';

/** Aggregated forest project: issued, partly transferred, retired, proceeds shared and paid. */
function cooperativeForest(): CommandEnvelope[] {
  const j = new JournalBuilder('2025-03-03');
  cooperativeSetup(j);
  cooperativeProject(j);
  j.add('coop', 'monitoring.submit', {
    projectId: 'XG01', periodId: 'M2021-2023', from: '2021-01-01', to: '2023-12-31', removalsKgCO2e: 1_587_000,
    parcels: [{ parcelId: 'XG01-P1', removalsKgCO2e: 800_000 }, { parcelId: 'XG01-P2', removalsKgCO2e: 487_000 }, { parcelId: 'XG01-P3', removalsKgCO2e: 300_000 }],
    documents: [DOC('monitoring-report-2021-2023.pdf')],
  });
  // Refused: a verifier certifies less than reported, never more.
  j.add('verifier', 'monitoring.verify', { projectId: 'XG01', periodId: 'M2021-2023', decision: 'accept', verifiedKgCO2e: 1_600_000 });
  j.add('verifier', 'monitoring.verify', { projectId: 'XG01', periodId: 'M2021-2023', decision: 'accept', verifiedKgCO2e: 1_550_700, reason: 'sampling error deducted', documents: [DOC('verification-report-2021-2023.pdf')] });
  j.add('admin', 'credits.issue', { projectId: 'XG01', periodId: 'M2021-2023' });
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 500, reference: 'OTC agreement 2025-017' }, 'otc-2025-017');
  // A client retry: same key, same payload; the first outcome stands and nothing is written.
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 500, reference: 'OTC agreement 2025-017' }, 'otc-2025-017');
  j.add('emitter', 'cash.transfer', { to: 'coop', amountFen: 2_500_000, reference: 'OTC agreement 2025-017: 500 t at 50 yuan' });
  j.add('coop', 'benefit.distribute', { projectId: 'XG01', proceedsFen: 2_500_000, reference: 'OTC agreement 2025-017' });
  j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 1_000_000, bankReference: 'RCB 6222-0001 2025-03-20' });
  j.add('emitter', 'credits.retire', { quantityT: 300, beneficiary: 'Nanchang steel', purpose: 'voluntary', note: '2024 operations' }, 'retire-2024');
  // Refused: the first retired serial again; an untrained farmer; more than the holding.
  j.add('emitter', 'credits.retire', { serials: ['NTL-360732-XG01-2023-311-320'], beneficiary: 'Nanchang steel', purpose: 'voluntary' });
  j.add('farmer1', 'credits.transfer', { to: 'emitter', quantityT: 1 });
  j.add('emitter', 'credits.transfer', { to: 'coop', quantityT: 201 });
  // The same key with another payload: refused, no effect.
  j.add('emitter', 'credits.retire', { quantityT: 50, beneficiary: 'Nanchang steel', purpose: 'voluntary' }, 'retire-2024');
  return j.commands;
}

/** Two issuances with a carried fraction, a sale, then a forest fire reverses more than the buffer. */
function forestFire(): CommandEnvelope[] {
  const j = new JournalBuilder('2025-06-02');
  cooperativeSetup(j);
  cooperativeProject(j, 'XG02');
  j.add('coop', 'monitoring.submit', { projectId: 'XG02', periodId: 'M2021', from: '2021-01-01', to: '2021-12-31', removalsKgCO2e: 500_700, documents: [DOC('monitoring-2021.pdf')] });
  j.add('verifier', 'monitoring.verify', { projectId: 'XG02', periodId: 'M2021', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'XG02', periodId: 'M2021' });
  j.add('coop', 'monitoring.submit', { projectId: 'XG02', periodId: 'M2022', from: '2022-01-01', to: '2022-12-31', removalsKgCO2e: 510_400 });
  // Refused: monitoring periods never overlap.
  j.add('coop', 'monitoring.submit', { projectId: 'XG02', periodId: 'M2022b', from: '2022-06-01', to: '2023-05-31', removalsKgCO2e: 1 });
  j.add('verifier', 'monitoring.verify', { projectId: 'XG02', periodId: 'M2022', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'XG02', periodId: 'M2022' });
  j.add('coop', 'credits.transfer', { to: 'emitter', quantityT: 600 });
  j.add('admin', 'project.suspend', { projectId: 'XG02', reason: 'forest fire on parcels XG02-P1 and XG02-P2, 2025-05-28', documents: [DOC('fire-report.pdf')] });
  // Refused: units of a suspended project are frozen.
  j.add('emitter', 'credits.retire', { quantityT: 10, beneficiary: 'Nanchang steel', purpose: 'voluntary' });
  j.add('admin', 'credits.reverse', { projectId: 'XG02', lostT: 350, reason: 'forest fire 2025-05-28: 14 hm2 burnt', documents: [DOC('loss-assessment.pdf')] });
  j.add('admin', 'project.suspend', { projectId: 'XG02', reason: 'loss assessed and reversed', lift: true });
  j.add('emitter', 'credits.retire', { quantityT: 600, beneficiary: 'Nanchang steel', purpose: 'compliance' });
  return j.commands;
}

/** A PPP project (city 60 %, silviculture enterprise 40 %); units pledged, released, pledged, seized. */
function pledge(): CommandEnvelope[] {
  const j = new JournalBuilder('2025-09-01');
  j.add('admin', 'participant.register', { id: 'admin', kind: 'registry-administrator', name: 'Provincial sink registry', regionCode: '360000' });
  j.add('admin', 'participant.register', { id: 'city', kind: 'city-government', name: 'Ganzhou forestry bureau', regionCode: '360700' });
  j.add('admin', 'participant.register', { id: 'silva', kind: 'silviculture-enterprise', name: 'Gannan silviculture', regionCode: '360700' });
  j.add('admin', 'participant.register', { id: 'verifier', kind: 'verifier', name: 'Jiangxi verification', regionCode: '360100', affiliations: [] });
  j.add('admin', 'participant.register', { id: 'bank', kind: 'bank', name: 'Ganzhou bank', regionCode: '360700' });
  j.add('admin', 'participant.register', { id: 'emitter', kind: 'emitter-enterprise', name: 'Ganzhou cement', regionCode: '360700' });
  for (const id of ['silva', 'bank', 'emitter']) j.add('admin', 'training.record', { participantId: id, certificateId: `LCT-${id}`, trainedOn: '2025-08-15' });
  j.add('silva', 'project.submit', {
    projectId: 'GZ01', name: 'Ganzhou PPP forest management', type: 'forest', subtype: 'forest-management', regionCode: '360702',
    methodology: 'CCER-14-002-V01 forest management', creditingPeriod: { start: '2022-01-01', end: '2051-12-31' },
    proponents: [{ participantId: 'city', shareBp: 6000 }, { participantId: 'silva', shareBp: 4000 }],
    parcels: [{ parcelId: 'GZ-F-001', areaHm2: 80, landClass: 'forest' }, { parcelId: 'GZ-F-002', areaHm2: 45.25, landClass: 'forest' }],
    financiers: ['bank'], notRegisteredElsewhere: true, documents: [DOC('ppp-agreement.pdf'), DOC('project-design.pdf')],
  });
  j.add('verifier', 'project.validate', { projectId: 'GZ01', decision: 'accept', documents: [DOC('validation.pdf')] });
  j.add('admin', 'project.register', { projectId: 'GZ01' });
  j.add('silva', 'monitoring.submit', { projectId: 'GZ01', periodId: 'M2022-2024', from: '2022-01-01', to: '2024-12-31', removalsKgCO2e: 2_101_999 });
  j.add('verifier', 'monitoring.verify', { projectId: 'GZ01', periodId: 'M2022-2024', decision: 'accept' });
  j.add('admin', 'credits.issue', { projectId: 'GZ01', periodId: 'M2022-2024' });
  j.add('silva', 'credits.pledge', { pledgeId: 'LOAN-2025-88', bank: 'bank', quantityT: 500, loanReference: 'Ganzhou bank loan 2025-88' });
  // Refused: pledged units cannot move, by quantity or by serial.
  j.add('silva', 'credits.transfer', { to: 'emitter', quantityT: 300 });
  j.add('silva', 'credits.transfer', { to: 'emitter', serials: ['NTL-360702-GZ01-2024-1430-1439'] });
  j.add('bank', 'credits.release', { pledgeId: 'LOAN-2025-88' });
  j.add('silva', 'credits.transfer', { to: 'emitter', quantityT: 100 });
  j.add('silva', 'credits.pledge', { pledgeId: 'LOAN-2025-95', bank: 'bank', quantityT: 400, loanReference: 'Ganzhou bank loan 2025-95' });
  j.add('bank', 'credits.seize', { pledgeId: 'LOAN-2025-95', reason: 'loan 2025-95 in default since 2025-11-30' });
  // Refused: a seized pledge is closed.
  j.add('bank', 'credits.release', { pledgeId: 'LOAN-2025-95' });
  j.add('bank', 'credits.transfer', { to: 'emitter', quantityT: 400, reference: 'collateral sale' });
  j.add('emitter', 'credits.retire', { quantityT: 500, beneficiary: 'Ganzhou cement', purpose: 'cross-city' });
  // Refused: a verifier affiliated with the project's financier and pledgee may not verify it.
  j.add('admin', 'participant.register', { id: 'verifier2', kind: 'verifier', name: 'Bank-owned verification office', regionCode: '360700', affiliations: ['bank'] });
  j.add('silva', 'monitoring.submit', { projectId: 'GZ01', periodId: 'M2025', from: '2025-01-01', to: '2025-12-31', removalsKgCO2e: 700_000 });
  j.add('verifier2', 'monitoring.verify', { projectId: 'GZ01', periodId: 'M2025', decision: 'accept' });
  return j.commands;
}

export const EXAMPLES: Readonly<Record<string, () => CommandEnvelope[]>> = {
  'registry-cooperative-forest': cooperativeForest,
  'registry-forest-fire-reversal': forestFire,
  'registry-pledge': pledge,
};

export function journalText(commands: readonly CommandEnvelope[]): string {
  return commands.map((c) => JSON.stringify(c)).join('\n') + '\n';
}
