/** A cooperative member's statement (market.md §7): tonnes attributed, sales, deductions, payable, paid, outstanding; then line by line. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { grouped } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { REGISTRY_STAFF } from '../../../../src/core/registry/roles.js';
import { allPages } from './paged.js';
import { SignContract } from './contract.js';
import { StatementLines } from './statement-lines.js';
import { StatementMembers } from './statement-members.js';
import { type Project, type Statement, yuan } from './types.js';

/** The proponents and registry staff read every member's statement (the route's rule); a member, only its own. */
const readsAll = (project: Project, user: { roles: string[]; participantId: string | null }): boolean =>
  user.roles.some((r) => (REGISTRY_STAFF as readonly string[]).includes(r)) || project.proponents.some((x) => x.participantId === user.participantId);

export default function StatementPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [projects, setProjects] = useState<Project[]>([]);
  const [projectId, setProjectId] = useState('');
  const [memberId, setMemberId] = useState(me.user?.participantId ?? '');
  const [statement, setStatement] = useState<Statement | null>(null);
  /** Bumped by a signature, so that the statement (its signed version) is read again. */
  const [signed, setSigned] = useState(0);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  /** The first statement shown picks the member (below); later, the member typed stands. */
  const memberPicked = useRef(false);
  useEffect(() => {
    // Asked once, every page (projects are few); an answer that comes after the page closed is dropped.
    let current = true;
    allPages<Project>('/registry/projects?limit=500').then((items) => {
      if (!current) return;
      const aggregated = items.filter((p) => p.aggregator !== null);
      setProjects(aggregated);
      setProjectId((id) => id || aggregated[0]?.projectId || '');
    }, (cause) => {
      // Shown, not ignored: without the projects the select stays empty and no statement can be asked for.
      if (current) setFailure(cause instanceof ApiFailure ? cause : null);
    });
    return () => { current = false; };
  }, []);
  useEffect(() => {
    if (projectId === '' || memberId === '' || me.user === null) return;
    setFailure(null);
    // An answer for a member or project no longer asked for (it came late) is dropped: it would
    // overwrite the statement now shown.
    let current = true;
    getJson<Statement>(`/registry/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(memberId)}/statement`).then(
      (answer) => {
        if (!current) return;
        // A proponent (or staff) opens the page on its own id, which is no member: the contract's first member is whom it came to read.
        const members = answer.contract?.members.map((m) => m.memberId) ?? [];
        const picked = memberPicked.current;
        memberPicked.current = true;
        const project = projects.find((p) => p.projectId === projectId);
        if (!picked && project !== undefined && me.user !== null && readsAll(project, me.user) && members.length > 0 && !members.includes(memberId)) return setMemberId(members[0]!);
        setStatement(answer);
      },
      (cause) => { if (!current) return; setStatement(null); setFailure(cause instanceof ApiFailure ? cause : null); },
    );
    return () => { current = false; };
  }, [projectId, memberId, me.user, signed]);
  if (me.user === null) return <p class="note">{t('needsLogin')} <a href="#/login">{t('login')}</a></p>;
  const project = projects.find((p) => p.projectId === projectId);
  const rows: [string, string][] = statement === null ? [] : [
    [t('attributedT'), `${grouped(statement.attributedT, lang)} t`],
    [t('sales'), yuan(statement.salesFen, lang)],
    [t('deductions'), yuan(statement.deductionsFen, lang)],
    [t('payable'), yuan(statement.payableFen, lang)],
    [t('paid'), yuan(statement.paidFen, lang)],
    [t('outstanding'), yuan(statement.outstandingFen, lang)],
  ];
  return (
    <div class="page statement">
      <form class="controls no-print" onSubmit={(e) => e.preventDefault()}>
        <label>{t('project')}<select name="project" value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)}>{projects.map((p) => <option key={p.projectId} value={p.projectId}>{p.projectId} · {p.name}</option>)}</select></label>
        <label>{t('member')}<input name="member" list="statement-members" value={memberId} onChange={(e) => setMemberId(e.currentTarget.value)} /></label>
        <datalist id="statement-members">{(statement?.contract?.members ?? []).map((m) => <option key={m.memberId} value={m.memberId} />)}</datalist>
      </form>
      {project !== undefined && readsAll(project, me.user) ? <StatementMembers key={project.projectId} projectId={project.projectId} chosen={memberId} onPick={setMemberId} /> : null}
      {failure !== null ? <Problems failure={failure} /> : null}
      {statement !== null ? (
        <table class="data statement-table">
          <caption>{t('statementTitle')}: {statement.memberName ?? statement.memberId} · {statement.projectName} ({statement.projectId})</caption>
          <tbody>{rows.map(([label, value]) => <tr key={label}><th>{label}</th><td class="num">{value}</td></tr>)}</tbody>
        </table>
      ) : null}
      {statement !== null ? <SignContract key={`${statement.projectId} ${statement.memberId}`} statement={statement} onSigned={() => setSigned((n) => n + 1)} /> : null}
      {statement !== null ? <p class="note">{t('statementNote')}{statement.signedVersion !== null ? ` ${t('signedVersion')} ${statement.signedVersion}.` : ''}</p> : null}
      {statement !== null ? <StatementLines key={`${statement.projectId}\n${statement.memberId}`} projectId={statement.projectId} memberId={statement.memberId} /> : null}
    </div>
  );
}
