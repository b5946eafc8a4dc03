/** Every table of the run, its warnings and the downloads. */
import { useState } from 'preact/hooks';
import { CompensationTable, ParamsTable, RegionsTable, TotalsTable } from '../components/tables.js';
import { Warnings } from '../components/warnings.js';
import { useI18n } from '../i18n/index.js';
import { type CurrentRun, downloadJson, downloadXlsx } from '../state.js';
import { ProvinceMap } from './map.js';

export function ResultsPage({ run }: { run: CurrentRun }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const doc = run.doc;
  return (
    <div class="page results">
      <div class="buttons">
        <button type="button" disabled={busy} onClick={async () => { setBusy(true); try { await downloadXlsx(run); } finally { setBusy(false); } }}>{t('downloadXlsx')}</button>
        <button type="button" onClick={() => downloadJson(run)}>{t('downloadJson')}</button>
      </div>
      <div class="two">
        <ProvinceMap doc={doc} metric="zone" year={doc.compensation.year} height={400} />
        <ProvinceMap doc={doc} metric="compensation" year={doc.compensation.year} height={400} />
      </div>
      <CompensationTable doc={doc} />
      <TotalsTable doc={doc} />
      <RegionsTable doc={doc} />
      <Warnings warnings={doc.warnings} />
      <ParamsTable doc={doc} />
    </div>
  );
}
