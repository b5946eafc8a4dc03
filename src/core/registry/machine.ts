/**
 * The registry as a `Machine` (journal/types.ts): `decide` validates a command against the
 * state and returns its events, or one `<type>.rejected` event; `apply` folds accepted
 * events into the state in place: postings into balances, block moves into the block book,
 * then the event's own bookkeeping.
 */
import type { CommandEnvelope, EventDraft, Machine, Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS } from '../ledger/accounts.js';
import { Balances } from '../ledger/balances.js';
import { BlockBook, type RangeMove } from '../ledger/blocks.js';
import { type Ctx, Refusal, rejection } from './context.js';
import { applyContract, applyPaid, applyWaterfall, decideContractSign, decideDistribute, decidePay } from './contracts.js';
import { applyIssued, decideIssue } from './issuance.js';
import { applyMonitoringSubmitted, applyMonitoringVerified, decideMonitoringSubmit, decideMonitoringVerify } from './monitoring.js';
import { applyPledgeEnd, applyPledged, applyRetired, decidePledge, decidePledgeEnd, decideRetire, decideTransfer } from './movements.js';
import { applyRegistered, applyTraining, decideBootstrap, decideCashTransfer, decideDeposit, decideRegister, decideTraining, decideWithdraw } from './participants.js';
import { applyProjectStep, applySubmitted, decideRegisterProject, decideSubmit, decideSuspend, decideValidate } from './projects.js';
import { applyReversed, decideCorrect, decideReverse } from './reversal.js';
import { type CommandType, SCHEMAS, describeIssue } from './schemas.js';
import { DEFAULT_OPTIONS, type RegistryOptions, type RegistryState } from './types.js';
import type { Waterfall } from './waterfall.js';

type Deciders = { readonly [T in CommandType]: (ctx: Ctx<T>) => Outcome | Refusal };

const DECIDERS: Deciders = {
  'participant.register': decideRegister,
  'training.record': decideTraining,
  'cash.deposit': decideDeposit,
  'cash.withdraw': decideWithdraw,
  'cash.transfer': decideCashTransfer,
  'project.submit': decideSubmit,
  'project.validate': decideValidate,
  'project.register': decideRegisterProject,
  'project.suspend': decideSuspend,
  'monitoring.submit': decideMonitoringSubmit,
  'monitoring.verify': decideMonitoringVerify,
  'credits.issue': decideIssue,
  'credits.transfer': decideTransfer,
  'credits.retire': decideRetire,
  'credits.reverse': decideReverse,
  'credits.pledge': decidePledge,
  'credits.release': (ctx) => decidePledgeEnd(ctx, false),
  'credits.seize': (ctx) => decidePledgeEnd(ctx, true),
  'contract.sign': decideContractSign,
  'benefit.distribute': decideDistribute,
  'benefit.pay': decidePay,
  'registry.correct': decideCorrect,
};

type Applier = (state: RegistryState, payload: Record<string, unknown>, type: string) => void;

const APPLIERS: Readonly<Record<string, Applier>> = {
  'participant.registered': applyRegistered,
  'training.recorded': applyTraining,
  'project.submitted': applySubmitted,
  'project.validated': applyProjectStep,
  'project.validation_failed': applyProjectStep,
  'project.registered': applyProjectStep,
  'project.suspended': applyProjectStep,
  'project.reinstated': applyProjectStep,
  'monitoring.submitted': applyMonitoringSubmitted,
  'monitoring.verified': (s, e) => applyMonitoringVerified(s, e, false),
  'monitoring.verification_failed': (s, e) => applyMonitoringVerified(s, e, true),
  'credits.issued': applyIssued,
  'credits.retired': applyRetired,
  'credits.reversed': applyReversed,
  'credits.pledged': applyPledged,
  'credits.released': (s, e) => applyPledgeEnd(s, e, false),
  'credits.seized': (s, e) => applyPledgeEnd(s, e, true),
  'contract.published': (s, e) => applyContract(s, e, true),
  'contract.signed': (s, e) => applyContract(s, e, false),
  'benefit.distributed': (s, e) => applyWaterfall(s, e['projectId'] as string, e['waterfall'] as Waterfall),
  'benefit.paid': applyPaid,
};

export function initialRegistryState(options: Partial<RegistryOptions> = {}): RegistryState {
  const merged: RegistryOptions = { ...DEFAULT_OPTIONS, ...options };
  if (!/^[A-Za-z0-9]+$/.test(merged.registryCode)) throw new Error(`registry code ${merged.registryCode}: letters and digits only`);
  return {
    options: merged, participants: new Map(), projects: new Map(), activeParcels: new Map(), balances: new Balances(),
    blocks: new BlockBook(), pledges: new Map(), certificates: new Map(), reservedUnits: new Map(), statements: new Map(), certificateCount: 0,
  };
}

/** Decides one command; never mutates `state`. */
export function decideRegistry(state: RegistryState, command: CommandEnvelope): Outcome {
  if (!Object.hasOwn(SCHEMAS, command.type)) return rejection(command, 'unknown_command', `${command.type} is not a registry command (contracts.md §7)`);
  const type = command.type as CommandType;
  const parsed = SCHEMAS[type].safeParse(command.payload);
  if (!parsed.success) return rejection(command, 'invalid_payload', describeIssue(parsed.error));
  const actor = state.participants.get(command.actor);
  let result: Outcome | Refusal;
  if (actor === undefined) {
    result = type === 'participant.register' && state.participants.size === 0
      ? decideBootstrap({ state, command, payload: parsed.data as Ctx<'participant.register'>['payload'] })
      : new Refusal('unknown_participant', `actor ${command.actor} is not a registered participant (market.md §2)`);
  } else {
    const decide = DECIDERS[type] as (ctx: Ctx<CommandType>) => Outcome | Refusal;
    result = decide({ state, command, payload: parsed.data, actor });
  }
  return result instanceof Refusal ? rejection(command, result.code, result.message) : result;
}

/** Folds one accepted event into the state; unknown event types move only postings and blocks. */
export function applyRegistryEvent(state: RegistryState, event: EventDraft): void {
  const payload = event.payload as Record<string, unknown>;
  const blocks = payload['blocks'] as RangeMove[] | undefined;
  if (blocks !== undefined) {
    for (const m of blocks) {
      const problem = m.from === ACCOUNTS.issuance ? state.blocks.issue(m.to, m.projectId, m.vintage, m.start, m.end) : state.blocks.move(m);
      if (problem !== null) throw new Error(`apply ${event.type}: ${problem}`);
    }
  }
  const postings = payload['postings'] as Posting[] | undefined;
  if (postings !== undefined) state.balances.post(postings);
  APPLIERS[event.type]?.(state, payload, event.type);
}

/** The registry machine; options fix the registry code and buffer shares per project type. */
export function createRegistryMachine(options: Partial<RegistryOptions> = {}): Machine<RegistryState> {
  return {
    initial: () => initialRegistryState(options),
    decide: decideRegistry,
    apply(state, _command, outcome) {
      if (outcome.accepted) for (const event of outcome.events) applyRegistryEvent(state, event);
      return state;
    },
  };
}
