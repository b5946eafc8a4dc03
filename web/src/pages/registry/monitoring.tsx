/**
 * A registered project's monitoring in the dashboard (market.md §3–4): its proponent reports a
 * period's removals; on the period, a verifier certifies them (no more than reported) or rejects
 * them with a reason, and the registry administrator issues the credits of a verified period.
 */
import { useState } from 'preact/hooks';
import { ApiFailure, send } from '../../api.js';
import { useAction } from '../../components/action.js';
import { Problems } from '../../components/problems.js';
import { useSession } from '../../session.js';
import { hashedDocuments } from './documents.js';
import { kgOfTonnes } from './quantities.js';
import { capable } from './submit.js';
import { useSubmitI18n } from './submit-messages.js';
import type { Project } from './types.js';

type Period = Project['periods'][number];

const documentsUnavailable = (message: string) => new ApiFailure(0, [{ code: 'bad_format', field: 'documents', message }]);

/** The proponent's report of a new period. */
export function ReportMonitoring({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const action = useAction();
  const [form, setForm] = useState({ periodId: '', from: '', to: '', removalsT: '' });
  const [documents, setDocuments] = useState<File[]>([]);
  if (project.status !== 'registered' || !project.proponents.some((p) => p.participantId === me.participant?.id)) return null;
  const field = (name: keyof typeof form) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setForm((f) => ({ ...f, [name]: value }));
  };
  const report = async (e: Event) => {
    e.preventDefault();
    const removalsKgCO2e = kgOfTonnes(form.removalsT);
    if (removalsKgCO2e === null) return action.fail(new ApiFailure(0, [{ code: 'bad_format', field: 'removals', message: t('tonnesFormat') }]));
    await action.run(async () => {
      const hashed = await hashedDocuments(documents);
      if (hashed === null) throw documentsUnavailable(t('hashUnavailable'));
      await send('POST', '/commands/monitoring.submit', { projectId: project.projectId, periodId: form.periodId.trim(), from: form.from, to: form.to, removalsKgCO2e, documents: hashed });
      onDone();
    });
  };
  return (
    <details class="report-monitoring no-print">
      <summary>{t('monitoringReport')}</summary>
      <form class="monitoring-form controls" onSubmit={(e) => void report(e)}>
        <label>{t('monitoringPeriod')}<input name="periodId" size={12} value={form.periodId} onInput={field('periodId')} /></label>
        <label>{t('fieldStart')}<input name="from" type="date" value={form.from} onInput={field('from')} /></label>
        <label>{t('fieldEnd')}<input name="to" type="date" value={form.to} onInput={field('to')} /></label>
        <label>{t('removalsT')}<input name="removals" inputMode="decimal" size={12} value={form.removalsT} onInput={field('removalsT')} /></label>
        <label class="file">{t('fieldDocuments')}<input type="file" name="monitoring-documents" multiple onChange={(e) => setDocuments([...(e.currentTarget.files ?? [])])} /></label>
        <button type="submit" class="primary" disabled={action.busy}>{t('monitoringSubmit')}</button>
      </form>
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
    </details>
  );
}

/** A period's next step, in its row: the verifier's certification or rejection, the administrator's issuance. */
export function PeriodStep({ project, period, onDone }: { project: Project; period: Period; onDone: () => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const action = useAction();
  const [verifiedT, setVerifiedT] = useState('');
  const [reason, setReason] = useState('');
  const kind = me.participant?.kind;
  const verifies = project.status === 'registered' && period.status === 'submitted' && capable(kind, 'verify');
  const issues = project.status === 'registered' && period.status === 'verified' && capable(kind, 'administer');
  if (!verifies && !issues) return null;
  const command = (type: string, body: Record<string, unknown>) => action.run(async () => {
    await send('POST', `/commands/${type}`, { projectId: project.projectId, periodId: period.periodId, ...body });
    onDone();
  });
  const verify = (decision: 'accept' | 'reject') => {
    // Blank: the reported removals; otherwise what the verifier certifies, in tonnes.
    const verifiedKgCO2e = verifiedT.trim() === '' ? undefined : kgOfTonnes(verifiedT);
    if (verifiedKgCO2e === null) return action.fail(new ApiFailure(0, [{ code: 'bad_format', field: 'verified', message: t('tonnesFormat') }]));
    return command('monitoring.verify', { decision, ...(decision === 'accept' && verifiedKgCO2e !== undefined ? { verifiedKgCO2e } : {}), ...(reason.trim() !== '' ? { reason: reason.trim() } : {}), documents: [] });
  };
  return (
    <div class="period-step">
      {verifies ? (
        <>
          <input name="verified" inputMode="decimal" size={10} placeholder={t('verifiedPlaceholder')} value={verifiedT} onInput={(e) => setVerifiedT(e.currentTarget.value)} />
          <input name="period-reason" size={16} placeholder={t('fieldReason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" class="accept" disabled={action.busy} onClick={() => void verify('accept')}>{t('monitoringVerify')}</button>
          <button type="button" class="reject" disabled={action.busy} onClick={() => void verify('reject')}>{t('validateReject')}</button>
        </>
      ) : <button type="button" class="issue" disabled={action.busy} onClick={() => void command('credits.issue', {})}>{t('issueCredits')}</button>}
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
    </div>
  );
}
