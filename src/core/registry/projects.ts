/** Sink projects (market.md §3, §10): submit, validate, register, suspend; double-counting guards. */
import type { LandClass } from '../accounting/index.js';
import type { Outcome } from '../journal/types.js';
import { ownerOf } from '../ledger/accounts.js';
import { type Ctx, Refusal, accepted, eventOf, isRealDay, participantOr, projectOr, requireCapability } from './context.js';
import { countedParcels, exAnteEstimate } from './estimate.js';
import { can } from './roles.js';
import type { Document, Parcel, Project, ProjectStatus, Proponent, RegistryState } from './types.js';

export function decideSubmit(ctx: Ctx<'project.submit'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'propose');
  if (refused !== null) return refused;
  if (state.projects.has(p.projectId)) return new Refusal('project_exists', `project ${p.projectId} is already in the registry`);
  if (!(p.type in state.options.bufferShareBp)) return new Refusal('invalid_payload', `$.payload.type: unknown project type ${p.type}; known: ${Object.keys(state.options.bufferShareBp).join(', ')}`);
  if (!isRealDay(p.creditingPeriod.start) || !isRealDay(p.creditingPeriod.end) || p.creditingPeriod.end < p.creditingPeriod.start) {
    return new Refusal('invalid_payload', '$.payload.creditingPeriod: real dates with start ≤ end');
  }
  if (!p.notRegisteredElsewhere || p.otherProgrammes.length > 0) {
    return new Refusal('registered_elsewhere', `market.md §10: the proponent declares the project is not registered in another programme (CCER, VCS, …)${p.otherProgrammes.length > 0 ? `; declared: ${p.otherProgrammes.join(', ')}` : ''}`);
  }
  const proponents = checkProponents(state, actor.id, p.proponents ?? [{ participantId: actor.id, shareBp: 10000 }]);
  if (proponents instanceof Refusal) return proponents;
  if (p.aggregated) {
    const notAggregator = requireCapability(actor, 'aggregate');
    if (notAggregator !== null) return notAggregator;
    if (proponents.length !== 1) return new Refusal('bad_shares', 'market.md §3: an aggregated project has one proponent, the cooperative');
  }
  const parcels = checkParcels(state, p.parcels, p.aggregated);
  if (parcels instanceof Refusal) return parcels;
  for (const f of p.financiers) {
    const financier = participantOr(state, f, 'financier');
    if (financier instanceof Refusal) return financier;
  }
  const draft = { aggregator: p.aggregated ? actor.id : null, parcels, contracts: [], signatures: new Map() } as unknown as Project;
  const body: Record<string, unknown> = {
    projectId: p.projectId, name: p.name, type: p.type, regionCode: p.regionCode, methodology: p.methodology,
    creditingPeriod: p.creditingPeriod, proponents, aggregator: draft.aggregator, financiers: [...p.financiers].sort(),
    parcels: p.parcels.map((q, i) => ({ ...parcels[i]!, ...(q.polygon !== undefined ? { polygon: q.polygon } : {}) })),
    declaration: { notRegisteredElsewhere: true }, documents: p.documents,
    estimate: exAnteEstimate(countedParcels(draft), p.creditingPeriod),
  };
  if (p.subtype !== undefined) body['subtype'] = p.subtype;
  return accepted(eventOf(ctx.command, 'project.submitted', body));
}

function checkProponents(state: RegistryState, actorId: string, list: readonly Proponent[]): Proponent[] | Refusal {
  const sorted = [...list].sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
  if (!sorted.some((x) => x.participantId === actorId)) return new Refusal('wrong_role', `market.md §3: the submitter ${actorId} must be one of the proponents`);
  let total = 0;
  for (const [i, x] of sorted.entries()) {
    if (i > 0 && sorted[i - 1]!.participantId === x.participantId) return new Refusal('bad_shares', `proponent ${x.participantId} is listed twice`);
    const who = participantOr(state, x.participantId, 'proponent');
    if (who instanceof Refusal) return who;
    if (!can(who.kind, 'propose')) return new Refusal('wrong_role', `market.md §3: proponent ${who.id} is a ${who.kind}, which cannot propose projects`);
    total += x.shareBp;
  }
  if (total !== 10000) return new Refusal('bad_shares', `market.md §3: PPP ownership shares must sum to 10000 bp (100 %), found ${total}`);
  return sorted.map((x) => ({ participantId: x.participantId, shareBp: x.shareBp }));
}

type ParcelInput = { parcelId: string; areaHm2: number; landClass: LandClass; memberId?: string | undefined };

function checkParcels(state: RegistryState, input: readonly ParcelInput[], aggregated: boolean): Parcel[] | Refusal {
  const seen = new Set<string>();
  const out: Parcel[] = [];
  for (const [i, q] of input.entries()) {
    if (seen.has(q.parcelId)) return new Refusal('invalid_payload', `$.payload.parcels[${i}].parcelId: ${q.parcelId} is listed twice`);
    seen.add(q.parcelId);
    const holder = state.activeParcels.get(q.parcelId);
    if (holder !== undefined) return new Refusal('parcel_in_use', `market.md §10: parcel ${q.parcelId} already belongs to active project ${holder}; a parcel may belong to one active project only`);
    const areaM2 = Math.round(q.areaHm2 * 10000);
    if (areaM2 < 1) return new Refusal('invalid_payload', `$.payload.parcels[${i}].areaHm2: at least 1 m2`);
    if (q.memberId !== undefined) {
      if (!aggregated) return new Refusal('invalid_payload', `$.payload.parcels[${i}].memberId: only an aggregated project has members`);
      const member = participantOr(state, q.memberId, 'member');
      if (member instanceof Refusal) return member;
      if (!can(member.kind, 'member')) return new Refusal('wrong_role', `market.md §3: member ${member.id} is a ${member.kind}; members are farmers, forest owners or individuals`);
    }
    out.push({ parcelId: q.parcelId, memberId: q.memberId ?? null, areaM2, landClass: q.landClass });
  }
  return out;
}

export function applySubmitted(state: RegistryState, e: Record<string, unknown>): void {
  const project: Project = {
    id: e['projectId'] as string, name: e['name'] as string, type: e['type'] as string, subtype: (e['subtype'] as string | undefined) ?? null,
    regionCode: e['regionCode'] as string, methodology: e['methodology'] as string,
    creditingPeriod: e['creditingPeriod'] as Project['creditingPeriod'], proponents: e['proponents'] as Proponent[],
    aggregator: e['aggregator'] as string | null,
    parcels: (e['parcels'] as Parcel[]).map((q) => ({ parcelId: q.parcelId, memberId: q.memberId, areaM2: q.areaM2, landClass: q.landClass })),
    financiers: e['financiers'] as string[], status: 'submitted', statusBeforeSuspension: null, steps: [], periods: new Map(),
    carryKg: 0, issuedT: 0, uncoveredReversalT: 0, contracts: [], signatures: new Map(), attributedT: new Map(), issuances: [],
  };
  state.projects.set(project.id, project);
  for (const parcel of project.parcels) state.activeParcels.set(parcel.parcelId, project.id);
  recordStep(state, e, 'submitted');
}

/** Records a lifecycle step with actor, time and documents (market.md §3). */
export function recordStep(state: RegistryState, e: Record<string, unknown>, step: string): Project {
  const project = state.projects.get(e['projectId'] as string)!;
  project.steps.push({ step, actor: e['actor'] as string, at: e['at'] as string, documents: (e['documents'] as Document[] | undefined) ?? [] });
  return project;
}

/**
 * market.md §10: a verifier is barred from a project whose proponent, member, pledgee,
 * holder or financier it is — itself or through a participant it is affiliated with.
 */
export function conflictRefusal(state: RegistryState, project: Project, verifierId: string): Refusal | null {
  const verifier = state.participants.get(verifierId)!;
  const parties = new Set([verifierId, ...verifier.affiliations]);
  const roles: string[] = [];
  if (project.proponents.some((x) => parties.has(x.participantId))) roles.push('proponent');
  if (project.parcels.some((x) => x.memberId !== null && parties.has(x.memberId))) roles.push('member');
  if (project.financiers.some((x) => parties.has(x))) roles.push('financier');
  let holder = false;
  let pledgee = false;
  for (const block of state.blocks.byProject.get(project.id)?.values() ?? []) {
    const owner = ownerOf(block.account);
    if (owner !== null && parties.has(owner)) holder = true;
    const pledgeId = block.account.split(':')[3];
    if (block.account.includes(':pledged:') && pledgeId !== undefined && parties.has(state.pledges.get(pledgeId)?.bank ?? '')) pledgee = true;
  }
  if (holder) roles.push('holder');
  if (pledgee) roles.push('pledgee');
  if (roles.length === 0) return null;
  return new Refusal('conflict_of_interest', `market.md §10: verifier ${verifierId} is ${roles.join(', ')} of project ${project.id} and may not act on it`);
}

export function decideValidate(ctx: Ctx<'project.validate'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'verify');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (project.status !== 'submitted') return statusRefusal(project, 'submitted', 'validated');
  const conflict = conflictRefusal(state, project, actor.id);
  if (conflict !== null) return conflict;
  if (p.decision === 'reject') {
    if (p.reason === undefined) return new Refusal('invalid_payload', '$.payload.reason: a verifier rejects with a reason (market.md §10)');
    return accepted(eventOf(ctx.command, 'project.validation_failed', { projectId: project.id, reason: p.reason, documents: p.documents }));
  }
  return accepted(eventOf(ctx.command, 'project.validated', { projectId: project.id, documents: p.documents }));
}

export function decideRegisterProject(ctx: Ctx<'project.register'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'administer');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (project.status !== 'validated') return statusRefusal(project, 'validated', 'registered');
  const counted = countedParcels(project);
  if (counted.length === 0) return new Refusal('no_counted_parcels', `market.md §3: no parcel of ${project.id} counts yet; members' parcels count once they sign the benefit-sharing contract`);
  return accepted(eventOf(ctx.command, 'project.registered', { projectId: project.id, documents: p.documents, estimate: exAnteEstimate(counted, project.creditingPeriod) }));
}

export function decideSuspend(ctx: Ctx<'project.suspend'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'administer');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (p.lift) {
    if (project.status !== 'suspended') return statusRefusal(project, 'suspended', 'reinstated');
    return accepted(eventOf(ctx.command, 'project.reinstated', { projectId: project.id, reason: p.reason, documents: p.documents, status: project.statusBeforeSuspension }));
  }
  if (project.status === 'suspended' || project.status === 'not-validated') return statusRefusal(project, 'submitted, validated or registered', 'suspended');
  // The exchange cancels the open orders on these units when it sees this event (market.md §10).
  return accepted(eventOf(ctx.command, 'project.suspended', { projectId: project.id, reason: p.reason, documents: p.documents }));
}

export function statusRefusal(project: Project, needed: string, step: string): Refusal {
  if (project.status === 'suspended') return new Refusal('project_suspended', `market.md §10: project ${project.id} is suspended`);
  return new Refusal('wrong_status', `market.md §3: project ${project.id} is ${project.status}; it must be ${needed} to be ${step}`);
}

export function applyProjectStep(state: RegistryState, e: Record<string, unknown>, type: string): void {
  const step = type.slice('project.'.length);
  const project = recordStep(state, e, step);
  const next: Record<string, () => void> = {
    validated: () => void (project.status = 'validated'),
    validation_failed: () => {
      project.status = 'not-validated';
      for (const parcel of project.parcels) state.activeParcels.delete(parcel.parcelId);
    },
    registered: () => void (project.status = 'registered'),
    suspended: () => {
      project.statusBeforeSuspension = project.status;
      project.status = 'suspended';
    },
    reinstated: () => {
      project.status = (e['status'] as ProjectStatus | null) ?? 'registered';
      project.statusBeforeSuspension = null;
    },
  };
  next[step]?.();
}
