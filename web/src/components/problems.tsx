import type { ApiFailure } from '../api.js';
import { useI18n } from '../i18n/index.js';

export function Problems({ failure }: { failure: ApiFailure }) {
  const { t } = useI18n();
  return (
    <section class="problems" role="alert">
      <h3>{t('errorTitle')}{failure.status > 0 ? ` (HTTP ${failure.status})` : ''}</h3>
      <ul>{failure.problems.map((p, i) => <li key={i}><code>{p.code}</code>{p.field !== undefined ? <> · {t('field')} <code>{p.field}</code></> : null}: {p.message}</li>)}</ul>
    </section>
  );
}
