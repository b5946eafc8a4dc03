import type { Warning } from '../api.js';
import { useI18n } from '../i18n/index.js';

/** Warnings travel with every result: shown, never hidden behind a toggle. */
export function Warnings({ warnings }: { warnings: readonly Warning[] }) {
  const { t } = useI18n();
  return (
    <section class="warnings" aria-label={t('warnings')}>
      <h3>{t('warnings')} ({warnings.length})</h3>
      {warnings.length === 0 ? <p>{t('noWarnings')}</p> : (
        <ul>
          {warnings.map((w, i) => (
            <li key={i}><code>{w.code}</code>{w.region_code !== undefined ? ` [${w.region_code}${w.year !== undefined ? ` ${w.year}` : ''}]` : ''}: {w.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
