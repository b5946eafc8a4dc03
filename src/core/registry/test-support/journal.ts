/** Builds command journals for tests and examples: keys and times numbered in order. */
import { hash } from 'node:crypto';
import type { CommandEnvelope, Hasher } from '../../journal/types.js';

export const sha256: Hasher = (text) => hash('sha256', text, 'hex');

export const DOC = (name: string): { name: string; sha256: string } => ({ name, sha256: sha256(name) });

export class JournalBuilder {
  readonly commands: CommandEnvelope[] = [];
  #n = 0;

  constructor(readonly day = '2025-03-01') {}

  add(actor: string, type: string, payload: unknown, key?: string): CommandEnvelope {
    this.#n += 1;
    const minutes = String(this.#n % 60).padStart(2, '0');
    const hours = String(8 + Math.floor(this.#n / 60) % 12).padStart(2, '0');
    const command = { key: key ?? `c${this.#n}`, actor, type, at: `${this.day}T${hours}:${minutes}:00+08:00`, payload };
    this.commands.push(command);
    return command;
  }
}

/** A cooperative with three members, a verifier, an emitter, a bank; trained and funded. */
export function cooperativeSetup(j: JournalBuilder): void {
  j.add('admin', 'participant.register', { id: 'admin', kind: 'registry-administrator', name: 'Provincial sink registry', regionCode: '360000' });
  const register = (id: string, kind: string, name: string, regionCode = '360700', extra: object = {}): void => {
    j.add('admin', 'participant.register', { id, kind, name, regionCode, ...extra });
  };
  register('coop', 'cooperative', 'Xingguo forestry cooperative');
  register('farmer1', 'farmer', 'Li Wei');
  register('farmer2', 'farmer', 'Wang Fang');
  register('farmer3', 'farmer', 'Zhang Min');
  register('verifier', 'verifier', 'Ganzhou verification centre', '360700');
  register('emitter', 'emitter-enterprise', 'Nanchang steel', '360100');
  register('bank', 'bank', 'Rural commercial bank', '360700');
  register('operator', 'market-operator', 'Provincial exchange', '360100');
  for (const id of ['coop', 'emitter', 'bank']) j.add('operator', 'training.record', { participantId: id, certificateId: `LCT-${id}`, trainedOn: '2025-02-10' });
  j.add('emitter', 'cash.deposit', { amountFen: 50_000_000, reference: 'bank-in-1' });
}

/** The cooperative's aggregated forest project, through registration (members signed). */
export function cooperativeProject(j: JournalBuilder, projectId = 'XG01'): void {
  j.add('coop', 'project.submit', {
    projectId, name: 'Xingguo hillside afforestation', type: 'forest', subtype: 'afforestation', regionCode: '360732',
    methodology: 'CCER-14-001-V01 afforestation', creditingPeriod: { start: '2021-01-01', end: '2040-12-31' }, aggregated: true,
    parcels: [
      { parcelId: `${projectId}-P1`, areaHm2: 12.5, landClass: 'forest', memberId: 'farmer1' },
      { parcelId: `${projectId}-P2`, areaHm2: 7.5, landClass: 'forest', memberId: 'farmer2' },
      { parcelId: `${projectId}-P3`, areaHm2: 5, landClass: 'forest', memberId: 'farmer3' },
    ],
    notRegisteredElsewhere: true, documents: [DOC('project-design.pdf')],
  });
  j.add('coop', 'contract.sign', {
    projectId, version: 1,
    terms: {
      formula: 'tonnes',
      deductions: [{ name: 'verification cost', shareBp: 500, recipient: 'verifier' }, { name: 'cooperative fee', shareBp: 1000, recipient: 'coop' }],
      members: [{ memberId: 'farmer1' }, { memberId: 'farmer2' }, { memberId: 'farmer3' }],
      schedule: 'within 30 days of each sale',
    },
    documents: [DOC('benefit-contract-v1.pdf')],
  });
  for (const m of ['farmer1', 'farmer2', 'farmer3']) j.add(m, 'contract.sign', { projectId, version: 1 });
  j.add('verifier', 'project.validate', { projectId, decision: 'accept', documents: [DOC('validation-report.pdf')] });
  j.add('admin', 'project.register', { projectId });
}
