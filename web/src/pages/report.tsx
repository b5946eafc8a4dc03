/** A printable report of the run: maps, tables, parameters, warnings (print CSS turns it into pages; the browser saves a PDF). */
import { CompensationTable, ParamsTable, RegionsTable, TotalsTable } from '../components/tables.js';
import { Warnings } from '../components/warnings.js';
import { useI18n } from '../i18n/index.js';
import { type CurrentRun, runLabel } from '../state.js';
import { ProvinceMap } from './map.js';

export default function ReportPage({ run }: { run: CurrentRun }) {
  const { t, lang } = useI18n();
  const doc = run.doc;
  const year = doc.compensation.year;
  return (
    <article class="page report">
      <div class="buttons no-print"><button type="button" class="primary" onClick={() => window.print()}>{t('printReport')}</button></div>
      <header>
        <h1>{t('reportTitle')}: {runLabel(run)}</h1>
        <p>{t('generated')}: {new Date().toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')} · {t('preset')}: {doc.preset} · {t('basis')}: {doc.basis} · {t('inputFiles')}: {doc.inputs.files.join(', ')}</p>
      </header>
      <section class="maps">
        <ProvinceMap doc={doc} metric="budget" year={year} height={340} />
        <ProvinceMap doc={doc} metric="zone" year={year} height={340} />
        <ProvinceMap doc={doc} metric="ecc" year={year} height={340} />
        <ProvinceMap doc={doc} metric="compensation" year={year} height={340} />
      </section>
      <CompensationTable doc={doc} />
      <TotalsTable doc={doc} />
      <RegionsTable doc={doc} />
      <Warnings warnings={doc.warnings} />
      <ParamsTable doc={doc} />
    </article>
  );
}
