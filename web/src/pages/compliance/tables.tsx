/** The compliance page's tables: emitters with status badges, overdraft obligations, cities, city flows, a clearing. */
import { grouped } from '../../format.js';
import { type ComplianceKey, type PageKey, useComplianceI18n } from './messages.js';
import { yuan } from '../registry/types.js';
import type { CityFlow, Clearing, EmitterRow, ObligationRow, PeriodReport } from './types.js';

const Th = ({ k, num = false }: { k: PageKey; num?: boolean }) => {
  const { t } = useComplianceI18n();
  return <th class={num ? 'num' : undefined}>{t(k)}</th>;
};

/** Dictionary keys by prefix; an unknown value (a newer server) shows as it came. */
function useLabel(): (prefix: string, value: string) => string {
  const { t } = useComplianceI18n();
  return (prefix, value) => t(`${prefix}${value}` as ComplianceKey) ?? value;
}

export function EmittersTable({ rows, caption = 'emittersTable' }: { rows: EmitterRow[]; caption?: PageKey }) {
  const { t, lang } = useComplianceI18n();
  const label = useLabel();
  const n = (v: number) => <td class="num">{grouped(v, lang)}</td>;
  return (
    <table class="data compliance-emitters">
      <caption>{t(caption)}</caption>
      <thead><tr>
        <Th k="emitterColumn" /><Th k="cityColumn" /><Th k="sectorColumn" /><Th k="classColumn" /><Th k="reportColumn" /><Th k="verifiedKg" num /><Th k="obligationT" num />
        <Th k="allowancesT" num /><Th k="offsetsT" num /><Th k="offsetCapT" num /><Th k="overdraftT" num /><Th k="overdraftOutstandingT" num /><Th k="shortfallT" num />
        <Th k="penaltyYuan" num /><Th k="penaltyPaidYuan" num /><Th k="complianceStatus" />
      </tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><td colSpan={16} class="note">{t('noEmitters')}</td></tr> : rows.map((r) => (
          <tr key={r.participantId} data-emitter={r.participantId}>
            <td title={r.participantId}>{r.name}</td><td>{r.city}</td><td>{r.sector}</td><td>{label('class_', r.classification)}</td><td>{label('report_', r.reportStatus)}</td>
            {n(r.verifiedKgCO2e)}{n(r.obligationT)}{n(r.allowancesT)}{n(r.offsetsT)}{n(r.offsetCapT)}{n(r.overdraftT)}{n(r.overdraftOutstandingT)}{n(r.shortfallT)}
            <td class="num">{yuan(r.penaltyFen, lang)}</td><td class="num">{yuan(r.penaltyPaidFen, lang)}</td>
            <td><span class={`badge ${r.status}`}>{label('cs_', r.status)}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ObligationsTable({ rows }: { rows: ObligationRow[] }) {
  const { t, lang } = useComplianceI18n();
  const label = useLabel();
  return (
    <table class="data compliance-obligations">
      <caption>{t('obligationsTable')}</caption>
      <thead><tr>
        <Th k="obligationColumn" /><Th k="emitterColumn" /><Th k="quantityT" num /><Th k="deliveredT" num /><Th k="dueDate" /><Th k="collateralYuan" num /><Th k="releasedYuan" num />
        <Th k="complianceStatus" /><Th k="rolledFrom" />
      </tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><td colSpan={9} class="note">{t('noObligations')}</td></tr> : rows.map((o) => (
          <tr key={o.obligationId}>
            <td>{o.obligationId}</td><td>{o.emitter}</td><td class="num">{grouped(o.quantityT, lang)}</td><td class="num">{grouped(o.deliveredT, lang)}</td><td>{o.dueDate}</td>
            <td class="num">{yuan(o.collateralFen, lang)}</td><td class="num">{yuan(o.releasedFen, lang)}</td>
            <td><span class={`badge ob-${o.status}`}>{label('ob_', o.status)}</span></td><td>{o.rolledFrom ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CitiesTable({ rows }: { rows: PeriodReport['cities'] }) {
  const { t, lang } = useComplianceI18n();
  return (
    <table class="data compliance-cities">
      <caption>{t('citiesTable')}</caption>
      <thead><tr><Th k="cityColumn" /><Th k="verifiedEmissionsT" num /><Th k="emitterCount" num /></tr></thead>
      <tbody>{rows.map((c) => <tr key={c.city}><td>{c.city}</td><td class="num">{grouped(c.verifiedKgCO2e / 1000, lang, 3)}</td><td class="num">{c.emitters}</td></tr>)}</tbody>
    </table>
  );
}

export function CityFlowsTable({ rows }: { rows: CityFlow[] }) {
  const { t, lang } = useComplianceI18n();
  return (
    <table class="data city-flows">
      <caption>{t('cityFlowsTable')}</caption>
      <thead><tr><Th k="cityColumn" /><Th k="exportsT" num /><Th k="exportsYuan" num /><Th k="importsT" num /><Th k="importsYuan" num /></tr></thead>
      <tbody>
        {rows.length === 0 ? <tr><td colSpan={5} class="note">{t('noCityFlows')}</td></tr> : rows.map((f) => (
          <tr key={f.city}>
            <td>{f.city}</td><td class="num">{grouped(f.exportsT, lang)}</td><td class="num">{yuan(f.exportsFen, lang)}</td>
            <td class="num">{grouped(f.importsT, lang)}</td><td class="num">{yuan(f.importsFen, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ClearingTable({ year, clearing }: { year: number; clearing: Clearing | null }) {
  const { t, lang } = useComplianceI18n();
  const label = useLabel();
  if (clearing === null) return <p class="note clearing">{t('clearingTitle')} {year}: {t('noClearing')}</p>;
  return (
    <table class="data clearing">
      <caption>{t('clearingTitle')} {year} · {t('poolYuan')} {yuan(clearing.poolInFen, lang)} / {yuan(clearing.poolOutFen, lang)}</caption>
      <thead><tr><Th k="region" /><Th k="participantColumn" /><Th k="clearingRole" /><Th k="amountYuan" num /><Th k="creditRouteYuan" num /><Th k="cashYuan" num /><Th k="certificatesColumn" /></tr></thead>
      <tbody>
        {clearing.lines.map((l) => (
          <tr key={l.regionCode}>
            <td>{l.regionCode}</td><td>{l.participantId}</td><td>{label('cr_', l.role)}</td><td class="num">{yuan(l.amountFen, lang)}</td>
            <td class="num">{yuan(l.creditRouteFen, lang)}</td><td class="num">{yuan(l.cashFen, lang)}</td><td>{l.certificates}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
