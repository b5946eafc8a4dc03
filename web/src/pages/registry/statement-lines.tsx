/** A statement line by line (`…/statement/lines`, newest first, a page at a time): where each figure came from, and each payment. */
import { grouped } from '../../format.js';
import { type MessageKey, useI18n } from '../../i18n/index.js';
import { MoreButton, usePagedList } from './paged.js';
import { type StatementLine, shortTime, yuan } from './types.js';

/** A figure of a line, blank where the line added nothing to it. */
const figure = (value: number, show: (v: number) => string): string => (value === 0 ? '' : show(value));

export function StatementLines({ projectId, memberId }: { projectId: string; memberId: string }) {
  const { t, lang } = useI18n();
  const list = usePagedList<StatementLine>(`/registry/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(memberId)}/statement/lines?order=newest`);
  if (list.items === null) return <MoreButton list={list} name="statement-lines" />;
  const money = (fen: number) => yuan(fen, lang);
  return (
    <>
      <table class="data statement-lines">
        <caption>{t('statementLines')}</caption>
        <thead><tr>
          <th>{t('lineTime')}</th><th>{t('lineKind')}</th><th>{t('lineReference')}</th><th class="num">{t('tonnesT')}</th>
          <th class="num">{t('sales')}</th><th class="num">{t('deductions')}</th><th class="num">{t('payable')}</th><th class="num">{t('paid')}</th>
        </tr></thead>
        <tbody>
          {list.items.length === 0 ? <tr><td colSpan={8} class="note">{t('noLines')}</td></tr> : null}
          {list.items.map((line) => (
            <tr key={line.seq} class={line.kind}>
              <td>{shortTime(line.at)}</td>
              <td>{t(`line_${line.kind}` as MessageKey)}</td>
              <td>{line.reference}{line.tradeSeq !== undefined ? ` · ${t('tradeNumber')} ${line.tradeSeq}` : ''}</td>
              <td class="num">{figure(line.attributedT, (v) => grouped(v, lang))}</td>
              <td class="num">{figure(line.salesFen, money)}</td>
              <td class="num">{figure(line.deductionsFen, money)}</td>
              <td class="num">{figure(line.payableFen, money)}</td>
              <td class="num">{figure(line.paidFen, money)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreButton list={list} name="statement-lines" />
    </>
  );
}
