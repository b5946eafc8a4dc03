/**
 * The next step of a project's lifecycle, for whoever takes it (market.md §3): a verifier validates
 * a submitted project (or rejects it, with a reason), the registry administrator registers a
 * validated one. Each with its documents, hashed here as in the project form.
 */
import { useState } from 'preact/hooks';
import { ApiFailure, send } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { useSession } from '../../session.js';
import { hashedDocuments } from './documents.js';
import { capable } from './submit.js';
import { useSubmitI18n } from './submit-messages.js';
import type { Project } from './types.js';

export function NextStep({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const kind = me.participant?.kind;
  const [reason, setReason] = useState('');
  const [documents, setDocuments] = useState<File[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const validates = project.status === 'submitted' && capable(kind, 'verify');
  const registers = project.status === 'validated' && capable(kind, 'administer');
  if (!validates && !registers) return null;
  const act = async (type: 'project.validate' | 'project.register', body: Record<string, unknown>) => {
    setFailure(null);
    setBusy(true);
    try {
      const hashed = await hashedDocuments(documents);
      if (hashed === null) return setFailure(new ApiFailure(0, [{ code: 'bad_format', field: 'documents', message: t('hashUnavailable') }]));
      await send('POST', `/commands/${type}`, { projectId: project.projectId, ...body, documents: hashed });
      setReason('');
      setDocuments([]);
      onDone();
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'internal', message: String(cause) }]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="next-step no-print">
      <h3>{t(validates ? 'stepValidate' : 'stepRegister')}</h3>
      <div class="controls">
        <label class="file">{t('fieldDocuments')}<input type="file" name="step-documents" multiple onChange={(e) => setDocuments([...(e.currentTarget.files ?? [])])} /></label>
        {validates ? <label>{t('fieldReason')}<input name="reason" size={40} value={reason} onInput={(e) => setReason(e.currentTarget.value)} /></label> : null}
      </div>
      <p class="buttons">
        {validates ? (
          <>
            <button type="button" class="primary accept" disabled={busy} onClick={() => void act('project.validate', { decision: 'accept' })}>{t('validateAccept')}</button>
            <button type="button" class="reject" disabled={busy} onClick={() => void act('project.validate', { decision: 'reject', ...(reason.trim() !== '' ? { reason: reason.trim() } : {}) })}>{t('validateReject')}</button>
          </>
        ) : <button type="button" class="primary register" disabled={busy} onClick={() => void act('project.register', {})}>{t('registerProject')}</button>}
      </p>
      {failure !== null ? <Problems failure={failure} /> : null}
    </div>
  );
}
