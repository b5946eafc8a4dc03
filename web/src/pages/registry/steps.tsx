/**
 * The next step of a project's lifecycle, for whoever takes it (market.md §3): a verifier validates
 * a submitted project (or rejects it, with a reason), the registry administrator registers a
 * validated one. Each with its documents, hashed here as in the project form.
 */
import { useState } from 'preact/hooks';
import { ApiFailure, send } from '../../api.js';
import { useAction } from '../../components/action.js';
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
  const action = useAction();
  const validates = project.status === 'submitted' && capable(kind, 'verify');
  const registers = project.status === 'validated' && capable(kind, 'administer');
  if (!validates && !registers) return null;
  const act = (type: 'project.validate' | 'project.register', body: Record<string, unknown>) => action.run(async () => {
    const hashed = await hashedDocuments(documents);
    if (hashed === null) throw new ApiFailure(0, [{ code: 'bad_format', field: 'documents', message: t('hashUnavailable') }]);
    await send('POST', `/commands/${type}`, { projectId: project.projectId, ...body, documents: hashed });
    setReason('');
    setDocuments([]);
    onDone();
  });
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
            <button type="button" class="primary accept" disabled={action.busy} onClick={() => void act('project.validate', { decision: 'accept' })}>{t('validateAccept')}</button>
            <button type="button" class="reject" disabled={action.busy} onClick={() => void act('project.validate', { decision: 'reject', ...(reason.trim() !== '' ? { reason: reason.trim() } : {}) })}>{t('validateReject')}</button>
          </>
        ) : <button type="button" class="primary register" disabled={action.busy} onClick={() => void act('project.register', {})}>{t('registerProject')}</button>}
      </p>
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
    </div>
  );
}
