/**
 * Compliance (docs/compliance.md): for an emitter, its own positions (own.tsx); for the readers of
 * reports, a jurisdiction's period picked from GET /compliance/periods,
 * each emitter's status with a chart of obligation against cover, the overdraft obligations,
 * verified emissions per city, the year's clearing; for everyone, the cities' sink-credit flows.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { type ComplianceKey, useComplianceI18n } from './messages.js';
import { useSession } from '../../session.js';
import { yuan } from '../registry/types.js';
import { CoverChart } from './cover-chart.js';
import { CitiesTable, CityFlowsTable, ClearingTable, EmittersTable, ObligationsTable } from './tables.js';
import { OwnPositions } from './own.js';
import { type CityFlow, type Clearing, type PeriodReport, type PeriodSummary, canRead, isEmitter } from './types.js';

const q = encodeURIComponent;
const keyOf = (p: { jurisdiction: string; periodId: string }) => `${p.jurisdiction}/${p.periodId}`;

export default function CompliancePage() {
  const { t, lang } = useComplianceI18n();
  const { me } = useSession();
  const reader = canRead(me.user?.roles);
  const ownParticipant = isEmitter(me.user?.roles) ? me.user?.participantId ?? null : null;
  const [periods, setPeriods] = useState<PeriodSummary[] | null>(null);
  const [selected, setSelected] = useState('');
  const [report, setReport] = useState<PeriodReport | null>(null);
  const [clearing, setClearing] = useState<Clearing | null>(null);
  const [flows, setFlows] = useState<CityFlow[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const fail = (cause: unknown) => setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'network', message: String(cause) }]));

  // Each effect drops an answer that comes after the page closed or after what it was asked for
  // changed (the reader's role, the period chosen): late, it would overwrite what is now shown.
  useEffect(() => {
    let current = true;
    getJson<{ items: CityFlow[] }>('/compliance/city-flows').then(({ items }) => { if (current) setFlows(items); }, () => { if (current) setFlows([]); });
    return () => { current = false; };
  }, []);
  useEffect(() => {
    if (!reader) {
      // Logged out, or a role that reads no reports: what the login read goes with it.
      setPeriods(null);
      setSelected('');
      setReport(null);
      setClearing(null);
      setFailure(null);
      return;
    }
    let current = true;
    getJson<{ items: PeriodSummary[] }>('/compliance/periods').then(({ items }) => {
      if (!current) return;
      setPeriods(items);
      // Open periods first: that is where emitters still have something to do.
      const first = items.find((p) => !p.closed) ?? items[0];
      setSelected((s) => s || (first === undefined ? '' : keyOf(first)));
    }, (cause) => { if (current) fail(cause); });
    return () => { current = false; };
  }, [reader]);
  useEffect(() => {
    const period = periods?.find((p) => keyOf(p) === selected);
    if (period === undefined) return;
    setFailure(null);
    let current = true;
    getJson<PeriodReport>(`/compliance/periods/${q(period.jurisdiction)}/${q(period.periodId)}`).then(
      (answer) => { if (current) setReport(answer); },
      (cause) => { if (!current) return; setReport(null); fail(cause); },
    );
    // A year without a clearing answers 404: shown as "none", not as a problem.
    getJson<Clearing>(`/compliance/clearings/${period.year}`).then((answer) => { if (current) setClearing(answer); }, () => { if (current) setClearing(null); });
    return () => { current = false; };
  }, [periods, selected]);

  const period = periods?.find((p) => keyOf(p) === selected);
  return (
    <div class="page compliance">
      {ownParticipant !== null ? <OwnPositions participantId={ownParticipant} /> : null}
      {!reader && ownParticipant === null ? <p class="note">{t('complianceNeedsRole')} {me.user === null ? <a href="#/login">{t('login')}</a> : null}</p> : null}
      {reader && periods !== null ? (
        <form class="controls no-print" onSubmit={(e) => e.preventDefault()}>
          <label>{t('compliancePeriod')}
            <select name="period" value={selected} onChange={(e) => setSelected(e.currentTarget.value)}>
              {periods.map((p) => <option key={keyOf(p)} value={keyOf(p)}>{p.jurisdiction} · {p.name} · {p.periodId} ({p.year}{p.closed ? `, ${t('periodClosed')}` : ''})</option>)}
            </select>
          </label>
        </form>
      ) : null}
      {reader && periods !== null && periods.length === 0 ? <p class="note">{t('noPeriods')}</p> : null}
      {failure !== null ? <Problems failure={failure} /> : null}
      {report !== null && period !== undefined ? (
        <>
          <dl class="facts period-facts">
            <dt>{t('regime')}</dt><dd>{t(`regime_${report.regime}` as ComplianceKey) ?? report.regime}</dd>
            <dt>{t('yearColumn')}</dt><dd>{report.year}</dd>
            <dt>{t('deadline')}</dt><dd>{report.deadline}</dd>
            <dt>{t('status')}</dt><dd>{report.closed ? t('periodClosed') : t('periodOpen')}</dd>
            {report.penaltyPriceFen !== null ? <><dt>{t('penaltyPrice')}</dt><dd>{yuan(report.penaltyPriceFen, lang)}{report.penaltyPriceSource ? ` (${report.penaltyPriceSource})` : ''}</dd></> : null}
          </dl>
          <EmittersTable rows={report.emitters} />
          <p class="note">{t('complianceNote')}</p>
          <CoverChart rows={report.emitters.filter((r) => r.status !== 'excluded')} />
          <ObligationsTable rows={report.obligations} />
          <CitiesTable rows={report.cities} />
          <ClearingTable year={report.year} clearing={clearing} />
        </>
      ) : null}
      <CityFlowsTable rows={flows} />
    </div>
  );
}
