/** The shell: header with pages and the language switch, a hash router, and the current run. */
import { lazy, Suspense } from 'preact/compat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiFailure } from './api.js';
import { Problems } from './components/problems.js';
import { type Language, LanguageContext, type MessageKey, initialLanguage, rememberLanguage, translator } from './i18n/index.js';
import { MapPage } from './pages/map.js';
import { ResultsPage } from './pages/results.js';
import { COMPLIANCE_EMITTERS, COMPLIANCE_READERS } from './pages/compliance/types.js';
import { RunPage } from './pages/run.js';
import { ANONYMOUS, type Me, SessionContext, logout, whoAmI } from './session.js';
import { type CurrentRun, runLabel, runSource } from './state.js';

// Pages that bring charts of their own load when first opened.
const SeriesPage = lazy(() => import('./pages/series.js'));
const FlowsPage = lazy(() => import('./pages/flows.js'));
const ReportPage = lazy(() => import('./pages/report.js'));
const PathwayPage = lazy(() => import('./pages/pathway.js'));
const ScorePage = lazy(() => import('./pages/score.js'));
// The registry and the login are a chunk of their own: a visitor of the maps never loads them.
const RegistryPage = lazy(() => import('./pages/registry/index.js'));
const CertificatePage = lazy(() => import('./pages/registry/certificate.js'));
const StatementPage = lazy(() => import('./pages/registry/statement.js'));
const LoginPage = lazy(() => import('./pages/login.js'));
// The market brings the candlestick chart: a chunk of its own too.
const MarketPage = lazy(() => import('./pages/market/index.js'));
// Compliance reports name emitters: a chunk for the few roles that read them.
const CompliancePage = lazy(() => import('./pages/compliance/index.js'));

const PAGES: [string, MessageKey][] = [
  ['map', 'navMap'], ['series', 'navSeries'], ['flows', 'navFlows'], ['run', 'navRun'], ['results', 'navResults'],
  ['report', 'navReport'], ['pathway', 'navPathway'], ['score', 'navScore'], ['registry', 'navRegistry'], ['statement', 'navStatement'], ['market', 'navMarket'],
  ['compliance', 'navCompliance'],
];
/** Pages whose link only the roles that can read them see (the page itself says so to others). */
const LINK_ROLES: Partial<Record<string, readonly string[]>> = { compliance: [...COMPLIANCE_READERS, ...COMPLIANCE_EMITTERS] };
const linkVisible = (page: string, roles: readonly string[] | undefined): boolean => {
  const allowed = LINK_ROLES[page];
  return allowed === undefined || (roles ?? []).some((r) => allowed.includes(r));
};
/** Pages reached by link only: `#/certificate/<id>`, `#/login`. */
const HIDDEN: [string, MessageKey][] = [['certificate', 'certificateTitle'], ['login', 'login']];
const NEEDS_RUN = new Set(['map', 'series', 'flows', 'results', 'report']);

/** `#/page` or `#/page/argument`. */
const routeFromHash = (): { page: string; arg: string } => {
  const [page = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const known = [...PAGES, ...HIDDEN].some(([p]) => p === page);
  return { page: known ? page : 'map', arg: decodeURIComponent(rest.join('/')) };
};

export function App() {
  const [lang, setLang] = useState<Language>(initialLanguage);
  const [{ page, arg }, setRoute] = useState(routeFromHash);
  const [me, setMe] = useState<Me>(ANONYMOUS);
  const session = useMemo(() => ({ me, setMe }), [me]);
  const [run, setRun] = useState<CurrentRun | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const t = i18n.t;

  useEffect(() => {
    const onHash = () => setRoute(routeFromHash());
    addEventListener('hashchange', onHash);
    // A hash changed between the first render and now (a link followed while the app started) has no event left to come.
    onHash();
    // Who was logged in when the page opened; a login that came before this answer is newer, and stays.
    whoAmI().then((answer) => setMe((now) => (now === ANONYMOUS ? answer : now)), () => undefined);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')} · ${t([...PAGES, ...HIDDEN].find(([p]) => p === page)?.[1] ?? 'navMap')}`;
  }, [lang, page]);
  // The first visit shows the Jiangxi demo; a language switch re-runs the current run, so warnings follow it.
  useEffect(() => {
    const source = run?.source ?? (NEEDS_RUN.has(page) ? { kind: 'demo' as const, id: 'jiangxi' as const } : null);
    if (source === null || run?.lang === lang) return;
    let live = true;
    runSource(source, lang).then((r) => live && setRun(r), (cause) => live && setFailure(cause instanceof ApiFailure ? cause : null));
    return () => void (live = false);
  }, [lang, page, run]);

  const switchLanguage = () => {
    const next = lang === 'en' ? 'zh' : 'en';
    rememberLanguage(next);
    setLang(next);
  };
  const showRun = (r: CurrentRun) => {
    setRun(r);
    location.hash = '#/results';
  };

  const signOut = async () => {
    await logout().catch(() => undefined);
    setMe(ANONYMOUS);
  };

  let body;
  if (page === 'registry') body = <RegistryPage />;
  else if (page === 'certificate') body = <CertificatePage id={arg} />;
  else if (page === 'statement') body = <StatementPage />;
  else if (page === 'market') body = <MarketPage />;
  else if (page === 'compliance') body = <CompliancePage />;
  else if (page === 'login') body = <LoginPage />;
  else if (page === 'run') body = <RunPage onResult={showRun} />;
  else if (page === 'pathway') body = <PathwayPage />;
  else if (page === 'score') body = <ScorePage />;
  else if (run === null) body = failure ? <Problems failure={failure} /> : <p class="loading">{t('loading')}</p>;
  else if (page === 'series') body = <SeriesPage doc={run.doc} />;
  else if (page === 'flows') body = <FlowsPage doc={run.doc} />;
  else if (page === 'results') body = <ResultsPage run={run} />;
  else if (page === 'report') body = <ReportPage run={run} />;
  else body = <MapPage doc={run.doc} />;

  return (
    <LanguageContext.Provider value={i18n}>
    <SessionContext.Provider value={session}>
      <header class="top no-print">
        <div class="brand"><strong>{t('appTitle')}</strong><span>{t('appSubtitle')}</span></div>
        <nav aria-label="pages">
          {PAGES.filter(([p]) => linkVisible(p, me.user?.roles)).map(([p, label]) => <a key={p} href={`#/${p}`} class={p === page ? 'active' : ''} aria-current={p === page ? 'page' : undefined}>{t(label)}</a>)}
        </nav>
        {me.user === null
          ? <a class="account" href="#/login">{t('login')}</a>
          : <span class="account"><span class="user">{me.user.username}</span> <button type="button" onClick={signOut}>{t('logout')}</button></span>}
        <button type="button" class="lang" onClick={switchLanguage} aria-label={t('language')} data-lang={lang}>{t('switchTo')}</button>
      </header>
      {run !== null && NEEDS_RUN.has(page) ? <p class="current no-print">{t('currentRun')}: <strong>{runLabel(run)}</strong> · {run.doc.regionSet.length} {t('regions')} · {t('compensationYear')} {run.doc.compensation.year}</p> : null}
      <main>
        <Suspense fallback={<p class="loading">{t('loading')}</p>}>{body}</Suspense>
      </main>
    </SessionContext.Provider>
    </LanguageContext.Provider>
  );
}
