/** For a project's proponent (and registry staff): every member's statement, a page at a time; picking one shows it below. */
import { grouped } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { MoreButton, usePagedList } from './paged.js';
import { type MemberStatementRow, yuan } from './types.js';

export function StatementMembers({ projectId, chosen, onPick }: { projectId: string; chosen: string; onPick: (memberId: string) => void }) {
  const { t, lang } = useI18n();
  const list = usePagedList<MemberStatementRow>(`/registry/projects/${encodeURIComponent(projectId)}/statements`);
  if (list.items === null) return <MoreButton list={list} name="statement-members" />;
  return (
    <>
      <table class="data statement-members">
        <caption>{t('membersTitle')}</caption>
        <thead><tr>
          <th>{t('member')}</th><th>{t('signedVersionColumn')}</th><th class="num">{t('attributedT')}</th>
          <th class="num">{t('payable')}</th><th class="num">{t('paid')}</th><th class="num">{t('outstanding')}</th>
        </tr></thead>
        <tbody>
          {list.items.map((row) => (
            <tr key={row.memberId} class={row.memberId === chosen ? 'chosen' : undefined} data-member={row.memberId}>
              <td><button type="button" class="link" onClick={() => onPick(row.memberId)}>{row.memberName ?? row.memberId}</button> <span class="note">{row.memberId}</span></td>
              <td>{row.signedVersion ?? '—'}</td>
              <td class="num">{grouped(row.attributedT, lang)}</td>
              <td class="num">{yuan(row.payableFen, lang)}</td><td class="num">{yuan(row.paidFen, lang)}</td><td class="num">{yuan(row.outstandingFen, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreButton list={list} name="statement-members" />
    </>
  );
}
