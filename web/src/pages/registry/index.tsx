/** The registry: projects with their lifecycle, retirements and the check of a serial (public, no login); a serial's full history, and the project form for a proponent, when logged in. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { grouped } from '../../format.js';
import { type MessageKey, useI18n } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { MoreButton, usePagedList } from './paged.js';
import { PublishContract } from './contract.js';
import { PeriodStep, ReportMonitoring } from './monitoring.js';
import { NextStep } from './steps.js';
import { SubmitProject } from './submit.js';
import { type Certificate, type HistoryEntry, type Part, type Project, shortTime } from './types.js';

const STATUS: Record<string, MessageKey> = {
  submitted: 'statusSubmitted', validated: 'statusValidated', registered: 'statusRegistered', 'not-validated': 'statusNotValidated', suspended: 'statusSuspended',
};

export default function RegistryPage() {
  const { t, lang } = useI18n();
  // Each list read once, 500 rows at a time, more on request; the latest retirements first.
  // Bumped by a project submitted here, so that the list shows it.
  const [version, setVersion] = useState(0);
  const projectList = usePagedList<Project>('/registry/projects?limit=500', version);
  const retirementList = usePagedList<Certificate>('/registry/retirements?limit=500&order=newest');
  const [selected, setSelected] = useState<string | null>(null);
  const projects = projectList.items;
  const retirements = retirementList.items;
  // A failed first page leaves nothing to show; a failed "more" is shown under its table.
  const failure = (projects === null ? projectList.failure : null) ?? (retirements === null ? retirementList.failure : null);
  if (failure !== null) return <Problems failure={failure} />;
  if (projects === null || retirements === null) return <p class="loading">{t('loading')}</p>;
  const shown = selected ?? projects[0]?.projectId ?? null;
  const project = projects.find((p) => p.projectId === shown);
  return (
    <div class="page registry">
      <p class="note">{t('registryPublicNote')}</p>
      <table class="data projects">
        <caption>{t('projects')}</caption>
        <thead><tr><th>{t('projectId')}</th><th>{t('name')}</th><th>{t('projectType')}</th><th>{t('region')}</th><th>{t('status')}</th><th class="num">{t('areaHm2')}</th><th class="num">{t('issuedT')}</th></tr></thead>
        <tbody>{projects.map((p) => (
          <tr key={p.projectId} class={p.projectId === shown ? 'selected' : ''} onClick={() => setSelected(p.projectId)}>
            <td><a href="#/registry" onClick={(e) => { e.preventDefault(); setSelected(p.projectId); }}>{p.projectId}</a></td><td>{p.name}</td><td>{p.type}{p.subtype ? ` / ${p.subtype}` : ''}</td><td>{p.regionCode}</td>
            <td><span class={`status ${p.status}`}>{t(STATUS[p.status] ?? 'status')}</span></td><td class="num">{grouped(p.areaM2 / 10_000, lang, 1)}</td><td class="num">{grouped(p.issuedT, lang)}</td>
          </tr>
        ))}</tbody>
      </table>
      <MoreButton list={projectList} name="projects" />
      {projects.length === 0 ? <p class="note">{t('noProjects')}</p> : null}
      <SubmitProject onSubmitted={(projectId) => { setVersion((v) => v + 1); setSelected(projectId); }} />
      {project !== undefined ? <ProjectDetail project={project} onChanged={() => setVersion((v) => v + 1)} /> : null}
      <table class="data retirements">
        <caption>{t('retirements')}</caption>
        <thead><tr><th>{t('certificate')}</th><th>{t('beneficiary')}</th><th>{t('purpose')}</th><th class="num">{t('quantityT')}</th><th>{t('time')}</th></tr></thead>
        <tbody>{retirements.map((c) => (
          <tr key={c.certificateId}><td><a href={`#/certificate/${encodeURIComponent(c.certificateId)}`}>{c.certificateId}</a></td><td>{c.beneficiary}</td><td>{c.purpose}</td><td class="num">{grouped(c.quantityT, lang)}</td><td>{shortTime(c.at)}</td></tr>
        ))}</tbody>
      </table>
      <MoreButton list={retirementList} name="retirements" />
      <SerialSearch />
    </div>
  );
}

function ProjectDetail({ project, onChanged }: { project: Project; onChanged: () => void }) {
  const { t, lang } = useI18n();
  return (
    <section class="card lifecycle">
      <h2>{project.projectId} · {project.name}</h2>
      <p class="note">{project.methodology} · {t('creditingPeriod')} {project.creditingPeriod.start} – {project.creditingPeriod.end} · {t('proponents')} {project.proponents.map((p) => p.participantId).join(', ')}{project.aggregator ? ` · ${t('aggregated')}` : ''}</p>
      <ol class="steps">{project.steps.map((s, i) => <li key={i}><strong>{s.step}</strong> · {s.actor} · {shortTime(s.at)}{s.documents.length > 0 ? ` · ${s.documents.map((d) => d.name).join(', ')}` : ''}</li>)}</ol>
      <NextStep key={`${project.projectId} ${project.status}`} project={project} onDone={onChanged} />
      <PublishContract key={`${project.projectId} ${project.contractVersion ?? 0}`} project={project} onDone={onChanged} />
      <table class="data">
        <caption>{t('periods')}</caption>
        <thead><tr><th>{t('period')}</th><th>{t('from')}</th><th>{t('to')}</th><th>{t('status')}</th><th class="num">{t('reportedT')}</th><th class="num">{t('verifiedT')}</th><th class="no-print" /></tr></thead>
        <tbody>{project.periods.map((p) => <tr key={p.periodId} data-period={p.periodId}><td>{p.periodId}</td><td>{p.from}</td><td>{p.to}</td><td>{p.status}</td><td class="num">{grouped(p.reportedKgCO2e / 1000, lang, 3)}</td><td class="num">{grouped(p.verifiedKgCO2e / 1000, lang, 3)}</td>
          <td class="no-print"><PeriodStep key={`${p.periodId} ${p.status}`} project={project} period={p} onDone={onChanged} /></td></tr>)}</tbody>
      </table>
      <ReportMonitoring key={`${project.projectId} ${project.periods.length}`} project={project} onDone={onChanged} />
      <table class="data">
        <caption>{t('issuances')}</caption>
        <thead><tr><th>{t('period')}</th><th>{t('vintage')}</th><th class="num">{t('issuedT')}</th><th class="num">{t('bufferT')}</th><th>{t('serials')}</th></tr></thead>
        <tbody>{project.issuances.map((i) => <tr key={i.periodId}><td>{i.periodId}</td><td>{i.vintage}</td><td class="num">{grouped(i.issuedT, lang)}</td><td class="num">{grouped(i.bufferT, lang)}</td><td><code>{i.serials.join(' ')}</code></td></tr>)}</tbody>
      </table>
    </section>
  );
}

function SerialSearch() {
  const { t } = useI18n();
  const { me } = useSession();
  const [serial, setSerial] = useState('');
  const [parts, setParts] = useState<Part[] | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  // The number of the latest search: the answers of an earlier one (they came late) are dropped, as
  // they would show another serial than the one searched for last; 0 once the section is gone.
  const latest = useRef(0);
  useEffect(() => () => { latest.current = 0; }, []);
  const search = async (event: Event) => {
    event.preventDefault();
    const asked = ++latest.current;
    setFailure(null);
    setHistory(null);
    try {
      const path = `/registry/serials/${encodeURIComponent(serial.trim())}`;
      const { parts: found } = await getJson<{ parts: Part[] }>(path);
      if (asked !== latest.current) return;
      setParts(found);
      if (me.user === null || me.user.participantId === null) return;
      const { history: entries } = await getJson<{ history: HistoryEntry[] }>(`${path}/history`);
      if (asked === latest.current) setHistory(entries);
    } catch (cause) {
      if (asked !== latest.current) return;
      setParts(null);
      setFailure(cause instanceof ApiFailure ? cause : null);
    }
  };
  return (
    <section class="card serial-search">
      <h2>{t('serialSearch')}</h2>
      <form class="controls" onSubmit={search}>
        <label>{t('serial')}<input name="serial" size={40} placeholder="NTL-360732-XG01-2023-311-320" value={serial} onInput={(e) => setSerial(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">{t('search')}</button>
      </form>
      {failure !== null ? <Problems failure={failure} /> : null}
      {parts !== null ? (
        <table class="data"><caption>{t('whereNow')}</caption>
          <thead><tr><th>{t('serials')}</th><th>{t('status')}</th><th>{t('holder')}</th><th>{t('certificate')}</th></tr></thead>
          <tbody>{parts.map((p) => <tr key={p.start}><td>{p.start}–{p.end}</td><td>{p.status}</td><td>{p.holder ?? '—'}</td><td>{p.certificateId !== null ? <a href={`#/certificate/${p.certificateId}`}>{p.certificateId}</a> : '—'}</td></tr>)}</tbody>
        </table>
      ) : null}
      {history !== null ? (
        <table class="data history"><caption>{t('history')}</caption>
          <thead><tr><th>seq</th><th>{t('event')}</th><th>{t('time')}</th><th>{t('serials')}</th><th>{t('from')}</th><th>{t('to')}</th></tr></thead>
          <tbody>{history.map((h, i) => <tr key={i}><td>{h.seq}</td><td>{h.type}</td><td>{shortTime(h.at)}</td><td>{h.start}–{h.end}</td><td>{h.from}</td><td>{h.to}</td></tr>)}</tbody>
        </table>
      ) : parts !== null && me.user === null ? <p class="note">{t('historyNeedsLogin')}</p> : null}
    </section>
  );
}
