/** Journals for the exchange's tests and examples: a session-time clock and a funded cooperative market. */
import type { CommandEnvelope } from '../../journal/types.js';
import { DOC, JournalBuilder, cooperativeProject, cooperativeSetup, sha256 } from '../../registry/test-support/journal.js';

export { DOC, sha256 };

/** Keys numbered in order; times step one second from 10:00 (inside the default calendar). */
export class MarketJournal extends JournalBuilder {
  #n = 0;
  #day: string;

  constructor(day = '2025-03-03') {
    super(day);
    this.#day = day;
  }

  /** Moves the clock to another day (a Monday to Friday keeps inside the calendar). */
  setDay(day: string): void {
    this.#day = day;
  }

  override add(actor: string, type: string, payload: unknown, key?: string): CommandEnvelope {
    this.#n += 1;
    const s = this.#n % 3600;
    const mm = String(Math.floor(s / 60)).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    const command = { key: key ?? `c${this.#n}`, actor, type, at: `${this.#day}T10:${mm}:${ss}+08:00`, payload };
    this.commands.push(command);
    return command;
  }
}

export const FOREST = 'SINK/forest/360732/2023';

/**
 * Registry set-up for trading: the cooperative's aggregated forest project issued (1,240 t to
 * the cooperative, vintage 2023), three trained buyers with cash, the instrument listed at
 * 50.00 yuan (5,000 fen) with 10 bp fees per side, and the session open.
 */
export function tradingSetup(j: MarketJournal, listing: Record<string, unknown> = {}): void {
  cooperativeSetup(j);
  cooperativeProject(j);
  issuePeriod(j, 'XG01', [800_000, 450_700, 300_000], { monitoring: 'monitoring-report-2021-2023.pdf', verification: 'verification-report.pdf' });
  for (const [id, region] of [['fund', '360100'], ['charity', '360400'], ['broker', '360100']] as const) {
    j.add('admin', 'participant.register', { id, kind: id === 'fund' ? 'green-fund' : id === 'charity' ? 'charity' : 'intermediary', name: id, regionCode: region });
    j.add('operator', 'training.record', { participantId: id, certificateId: `LCT-${id}`, trainedOn: '2025-02-10' });
  }
  j.add('fund', 'cash.deposit', { amountFen: 20_000_000, reference: 'bank-in-fund' });
  j.add('charity', 'cash.deposit', { amountFen: 1_000_000, reference: 'bank-in-charity' });
  j.add('operator', 'instrument.list', { instrument: FOREST, referencePriceFen: 5_000, tickFen: 1, lotT: 1, buyerFeeBp: 10, sellerFeeBp: 10, blockThresholdT: 1_000, ...listing });
  j.add('operator', 'session.open', { instrument: FOREST });
}

/**
 * The cooperative's monitoring period M2021-2023 of a project's parcels (`<project>-P1`, …, kg CO2e
 * each), accepted in full by the verifier, and its issuance.
 */
export function issuePeriod(j: JournalBuilder, projectId: string, parcelsKgCO2e: readonly number[], documents: { readonly monitoring: string; readonly verification: string }): void {
  const removalsKgCO2e = parcelsKgCO2e.reduce((sum, kg) => sum + kg, 0);
  j.add('coop', 'monitoring.submit', {
    projectId, periodId: 'M2021-2023', from: '2021-01-01', to: '2023-12-31', removalsKgCO2e,
    parcels: parcelsKgCO2e.map((kg, i) => ({ parcelId: `${projectId}-P${i + 1}`, removalsKgCO2e: kg })),
    documents: [DOC(documents.monitoring)],
  });
  j.add('verifier', 'monitoring.verify', { projectId, periodId: 'M2021-2023', decision: 'accept', verifiedKgCO2e: removalsKgCO2e, documents: [DOC(documents.verification)] });
  j.add('admin', 'credits.issue', { projectId, periodId: 'M2021-2023' });
}
