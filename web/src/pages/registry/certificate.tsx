/** A retirement certificate, printable (the browser's Print → Save as PDF), with where its serials are now. */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { grouped } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { type Certificate, type Part, shortTime } from './types.js';

export default function CertificatePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [certificate, setCertificate] = useState<(Certificate & { checks: { serial: string; parts: Part[] }[] }) | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  useEffect(() => {
    setFailure(null);
    // An answer for a certificate no longer asked for (it came late) is dropped: it would show
    // another certificate than the one in the address.
    let current = true;
    getJson<Certificate & { checks: { serial: string; parts: Part[] }[] }>(`/registry/certificates/${encodeURIComponent(id)}`).then(
      (answer) => { if (current) setCertificate(answer); },
      (cause) => { if (current) setFailure(cause instanceof ApiFailure ? cause : null); },
    );
    return () => { current = false; };
  }, [id]);
  if (failure !== null) return <Problems failure={failure} />;
  if (certificate === null) return <p class="loading">{t('loading')}</p>;
  const valid = certificate.checks.every((c) => c.parts.every((p) => p.status === 'retired' && p.certificateId === certificate.certificateId));
  return (
    <div class="page certificate">
      <div class="buttons no-print"><button type="button" onClick={() => print()}>{t('printReport')}</button><a href="#/registry">{t('backToRegistry')}</a></div>
      <article class="card certificate-sheet">
        <h1>{t('certificateTitle')}</h1>
        <p class="certificate-id">{certificate.certificateId}</p>
        <dl>
          <dt>{t('beneficiary')}</dt><dd>{certificate.beneficiary}</dd>
          <dt>{t('quantityT')}</dt><dd>{grouped(certificate.quantityT, lang)} tCO₂e</dd>
          <dt>{t('purpose')}</dt><dd>{certificate.purpose}</dd>
          <dt>{t('holder')}</dt><dd>{certificate.holder}</dd>
          <dt>{t('time')}</dt><dd>{shortTime(certificate.at)} (UTC+8)</dd>
          <dt>{t('serials')}</dt><dd>{certificate.serials.map((s) => <code key={s}>{s}</code>)}</dd>
        </dl>
        <p class={valid ? 'valid' : 'invalid'}>{valid ? t('certificateValid') : t('certificateInvalid')}</p>
        <p class="note">{t('certificateNote')}</p>
      </article>
    </div>
  );
}
