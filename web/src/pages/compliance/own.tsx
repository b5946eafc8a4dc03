/** An emitter's own compliance (GET /compliance/my/positions): each period of its jurisdiction, its row and its overdraft obligations. */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { yuan } from '../registry/types.js';
import { useComplianceI18n } from './messages.js';
import { EmittersTable, ObligationsTable } from './tables.js';
import type { Position } from './types.js';

export function OwnPositions({ participantId }: { participantId: string }) {
  const { t, lang } = useComplianceI18n();
  const [positions, setPositions] = useState<Position[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  useEffect(() => {
    setPositions(null);
    setFailure(null);
    // Another login's answer, come late, is dropped.
    let current = true;
    getJson<{ items: Position[] }>('/compliance/my/positions').then(
      ({ items }) => { if (current) setPositions(items); },
      (cause) => { if (current) setFailure(cause instanceof ApiFailure ? cause : new ApiFailure(0, [{ code: 'network', message: String(cause) }])); },
    );
    return () => { current = false; };
  }, [participantId]);
  return (
    <section class="own-positions">
      <h2>{t('myCompliance')}</h2>
      {failure !== null ? <Problems failure={failure} /> : null}
      {positions !== null && positions.length === 0 ? <p class="note">{t('noPositions')}</p> : null}
      {(positions ?? []).map((p) => (
        <div key={`${p.jurisdiction}/${p.periodId}`} class="own-period" data-period={`${p.jurisdiction}/${p.periodId}`}>
          <dl class="facts period-facts">
            <dt>{t('compliancePeriod')}</dt><dd>{p.jurisdiction} · {p.name} · {p.periodId} ({p.year})</dd>
            <dt>{t('deadline')}</dt><dd>{p.deadline}</dd>
            <dt>{t('status')}</dt><dd>{p.closed ? t('periodClosed') : t('periodOpen')}</dd>
            {p.penaltyPriceFen !== null ? <><dt>{t('penaltyPrice')}</dt><dd>{yuan(p.penaltyPriceFen, lang)}</dd></> : null}
          </dl>
          <EmittersTable rows={[p.position]} caption="myPosition" />
          {p.obligations.length > 0 ? <ObligationsTable rows={p.obligations} /> : null}
        </div>
      ))}
    </section>
  );
}
