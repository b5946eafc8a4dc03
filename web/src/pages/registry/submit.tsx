/**
 * The project form (project.submit, market.md §3): for a participant whose kind proposes projects.
 * The parcels come as CSV text (typed, pasted or read from a file); each document is hashed here
 * (documents.ts) and only its name and hash are sent.
 */
import { useState } from 'preact/hooks';
import { CAPABILITIES, can } from '../../../../src/core/registry/roles.js';
import { type Capability, DEFAULT_OPTIONS, type ParticipantKind } from '../../../../src/core/registry/types.js';
import { ApiFailure, send } from '../../api.js';
import { useAction } from '../../components/action.js';
import { Problems } from '../../components/problems.js';
import { useSession } from '../../session.js';
import { hashedDocuments } from './documents.js';
import { parseParcels } from './parcels.js';
import { useSubmitI18n } from './submit-messages.js';

const PROJECT_TYPES = Object.keys(DEFAULT_OPTIONS.bufferShareBp);

/** Whether a participant kind (as the server names it) has the capability; false for a kind this page does not know. */
export const capable = (kind: string | undefined, capability: Capability): boolean =>
  kind !== undefined && Object.hasOwn(CAPABILITIES, kind) && can(kind as ParticipantKind, capability);

export function SubmitProject({ onSubmitted }: { onSubmitted: (projectId: string) => void }) {
  const { t } = useSubmitI18n();
  const { me } = useSession();
  const kind = me.participant?.kind;
  const [form, setForm] = useState({ projectId: '', name: '', type: PROJECT_TYPES[0] ?? 'forest', subtype: '', regionCode: '', methodology: '', start: '', end: '', aggregated: false, declared: false });
  const [parcelsText, setParcelsText] = useState('parcelId,areaHm2,landClass,memberId\n');
  const [documents, setDocuments] = useState<File[]>([]);
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);
  if (!capable(kind, 'propose')) return null;
  const field = (name: keyof typeof form) => (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    setForm((f) => ({ ...f, [name]: input.type === 'checkbox' ? input.checked : input.value }));
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const parcels = parseParcels(parcelsText, { header: t('parcelsHeader'), columns: t('parcelsColumns'), none: t('parcelsNone') });
    if (!parcels.ok) return action.fail(new ApiFailure(0, parcels.problems.map((p) => ({ code: 'bad_format', ...p }))));
    await action.run(async () => {
      const hashed = await hashedDocuments(documents);
      if (hashed === null) throw new ApiFailure(0, [{ code: 'bad_format', field: 'documents', message: t('hashUnavailable') }]);
      await send('POST', '/commands/project.submit', {
        projectId: form.projectId.trim(), name: form.name.trim(), type: form.type, ...(form.subtype.trim() !== '' ? { subtype: form.subtype.trim() } : {}),
        regionCode: form.regionCode.trim(), methodology: form.methodology.trim(), creditingPeriod: { start: form.start, end: form.end },
        aggregated: form.aggregated, parcels: parcels.parcels, notRegisteredElsewhere: form.declared, documents: hashed,
      });
      setDone(form.projectId.trim());
      onSubmitted(form.projectId.trim());
    });
  };
  return (
    <details class="card submit-project">
      <summary>{t('submitTitle')}</summary>
      <p class="note">{t('submitNote')}</p>
      <form class="project-form" onSubmit={(e) => void submit(e)}>
        <div class="controls">
          <label>{t('fieldProjectId')}<input name="projectId" value={form.projectId} onInput={field('projectId')} /></label>
          <label>{t('fieldName')}<input name="name" size={32} value={form.name} onInput={field('name')} /></label>
          <label>{t('fieldType')}<select name="type" value={form.type} onChange={field('type')}>{PROJECT_TYPES.map((type) => <option key={type}>{type}</option>)}</select></label>
          <label>{t('fieldSubtype')}<input name="subtype" value={form.subtype} onInput={field('subtype')} /></label>
        </div>
        <div class="controls">
          <label>{t('fieldRegion')}<input name="regionCode" inputMode="numeric" size={8} value={form.regionCode} onInput={field('regionCode')} /></label>
          <label>{t('fieldMethodology')}<input name="methodology" size={32} value={form.methodology} onInput={field('methodology')} /></label>
          <label>{t('fieldStart')}<input name="start" type="date" value={form.start} onInput={field('start')} /></label>
          <label>{t('fieldEnd')}<input name="end" type="date" value={form.end} onInput={field('end')} /></label>
        </div>
        {capable(kind, 'aggregate')
          ? <label class="check"><input name="aggregated" type="checkbox" checked={form.aggregated} onChange={field('aggregated')} />{t('fieldAggregated')}</label>
          : null}
        <label class="block">{t('fieldParcels')}
          <textarea name="parcels" rows={5} spellcheck={false} value={parcelsText} onInput={(e) => setParcelsText(e.currentTarget.value)} />
        </label>
        <label class="file">{t('fieldParcelsFile')}<input type="file" name="parcels-file" accept=".csv,.txt" onChange={async (e) => { const file = e.currentTarget.files?.[0]; if (file) setParcelsText(await file.text()); }} /></label>
        <label class="file">{t('fieldDocuments')}<input type="file" name="documents" multiple onChange={(e) => setDocuments([...(e.currentTarget.files ?? [])])} /></label>
        <label class="check"><input name="declared" type="checkbox" checked={form.declared} onChange={field('declared')} />{t('fieldDeclaration')}</label>
        <p class="buttons"><button type="submit" class="primary" disabled={action.busy}>{t('submitProject')}</button></p>
      </form>
      {action.failure !== null ? <Problems failure={action.failure} /> : null}
      {done !== null ? <p class="note submitted">{t('submitted')} <strong>{done}</strong></p> : null}
    </details>
  );
}
