import { useEffect, useState } from 'preact/hooks';
import type { Progress } from '../api.js';
import { useI18n } from '../i18n/index.js';

/** Upload percentage, then an indeterminate bar with the seconds spent computing. */
export function RunProgress({ progress }: { progress: Progress }) {
  const { t } = useI18n();
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  const seconds = ((now - started) / 1000).toFixed(1);
  return (
    <div class="progress" role="status" aria-live="polite">
      {progress.phase === 'upload'
        ? <progress max={1} value={progress.fraction} />
        : <progress />}
      <span>{progress.phase === 'upload' ? `${t('uploading')} ${Math.round(progress.fraction * 100)} %` : t('computing')} · {seconds} {t('seconds')}</span>
    </div>
  );
}
