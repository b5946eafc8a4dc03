/**
 * Benefit-sharing contracts in the dashboard (market.md §7, contract.sign): the proponent of a
 * project publishes the next version of its terms; a member reads the version in force on its
 * statement page and signs it. Until its members sign, an aggregated project counts none of their
 * parcels, so it cannot be registered.
 */
import { useState } from 'preact/hooks';
import { SHARE_FORMULAS } from '../../../../src/core/registry/types.js';
import { ApiFailure, send } from '../../api.js';
import { useAction } from '../../components/action.js';
import { Problems } from '../../components/problems.js';
import { useSession } from '../../session.js';
import { type Formula, parseTerms } from './contract-terms.js';
import { useSubmitI18n } from './submit-messages.js';
import type { Project, Statement } from './types.js';

export function PublishContract({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const [formula, setFormula] = useState<Formula>('tonnes');
  const [members, setMembers] = useState('');
  const [deductions, setDeductions] = useState('');
  const [schedule, setSchedule] = useState('');
  const action = useAction();
  if (!project.proponents.some((p) => p.participantId === me.participant?.id)) return null;
  const version = (project.contractVersion ?? 0) + 1;
  const publish = async (e: Event) => {
    e.preventDefault();
    const terms = parseTerms(formula, members, deductions);
    if (!terms.ok) return action.fail(new ApiFailure(0, terms.problems.map((p) => ({ code: 'bad_format', ...p }))));
    await action.run(async () => {
      await send('POST', '/commands/contract.sign', { projectId: project.projectId, version, terms: { formula, deductions: terms.deductions, members: terms.members, schedule: schedule.trim() } });
      onDone();
    });
  };
  return (
    <details class="publish-contract no-print">
      <summary>{t('contractPublish')} {version}</summary>
      <form class="contract-form" onSubmit={(e) => void publish(e)}>
        <label>{t('contractFormula')}<select name="formula" value={formula} onChange={(e) => setFormula(e.currentTarget.value as Formula)}>{SHARE_FORMULAS.map((f) => <option key={f}>{f}</option>)}</select></label>
        <label class="block">{t('contractMembers')}<textarea name="members" rows={4} spellcheck={false} value={members} onInput={(e) => setMembers(e.currentTarget.value)} /></label>
        <label class="block">{t('contractDeductions')}<textarea name="deductions" rows={3} spellcheck={false} value={deductions} onInput={(e) => setDeductions(e.currentTarget.value)} /></label>
        <label>{t('contractSchedule')}<input name="schedule" size={40} value={schedule} onInput={(e) => setSchedule(e.currentTarget.value)} /></label>
        <p class="buttons"><button type="submit" class="primary" disabled={action.busy}>{t('contractPublishButton')}</button></p>
      </form>
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
    </details>
  );
}

/** On a member's statement: the version in force, its terms, and the signature, given once. */
export function SignContract({ statement, onSigned }: { statement: Statement; onSigned: () => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const action = useAction();
  const contract = statement.contract;
  if (contract === null || me.user?.participantId !== statement.memberId || statement.signedVersion === contract.version) return null;
  // The key names the signature: a second click is the same one, not a refused second.
  const sign = () => action.run(async () => {
    await send('POST', '/commands/contract.sign', { projectId: statement.projectId, version: contract.version }, `sign-${statement.projectId}-${contract.version}`);
    onSigned();
  });
  return (
    <section class="card sign-contract">
      <h3>{t('contractToSign')} {contract.version}</h3>
      <dl class="facts">
        <dt>{t('contractFormula')}</dt><dd>{contract.formula}</dd>
        <dt>{t('contractDeductionsShort')}</dt><dd>{contract.deductions.map((d) => `${d.name} ${d.shareBp / 100} % → ${d.recipient}`).join('; ') || '—'}</dd>
        <dt>{t('contractSchedule')}</dt><dd>{contract.schedule}</dd>
      </dl>
      <p class="buttons"><button type="button" class="primary sign" disabled={action.busy} onClick={() => void sign()}>{t('contractSign')}</button></p>
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
    </section>
  );
}
