/** A trader's own orders and trades on the market page (GET /market/my/orders, /market/my/trades), newest first. */
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../../api.js';
import { grouped } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { yuan } from '../registry/types.js';
import { type Read, readFor } from './read.js';
import type { OwnOrder, OwnTrade } from './types.js';

const time = (at: string) => at.replace('T', ' ').slice(0, 19);

/** `participantId` is the caller's; an owner column appears only when an intermediary sees its clients' records. */
export function OwnRecords({ instrument, participantId, version, onCancel }: { instrument: string; participantId: string; version: number; onCancel: (order: OwnOrder) => void }) {
  const { t, lang } = useI18n();
  // The records are kept with the participant and instrument they were read for and shown only while
  // those are chosen: another instrument's orders and trades never show under this one's name while its
  // answers come. A refresh of the same (`version`, after an order) keeps them until replaced: no flicker.
  const key = `${participantId} ${instrument}`;
  const [ordersRead, setOrders] = useState<Read<OwnOrder[]> | null>(null);
  const [tradesRead, setTrades] = useState<Read<OwnTrade[]> | null>(null);
  useEffect(() => {
    // The latest 500, newest first: a trader with a long history sees what it did last.
    const q = `instrument=${encodeURIComponent(instrument)}&limit=500&order=newest`;
    // Answers for an instrument or participant no longer shown (they came late) are dropped.
    let current = true;
    getJson<{ items: OwnOrder[] }>(`/market/my/orders?${q}`).then(({ items }) => { if (current) setOrders({ key, value: items }); }, () => { if (current) setOrders(null); });
    getJson<{ items: OwnTrade[] }>(`/market/my/trades?${q}`).then(({ items }) => { if (current) setTrades({ key, value: items }); }, () => { if (current) setTrades(null); });
    return () => { current = false; };
  }, [instrument, participantId, version]);
  const orders = readFor(ordersRead, key);
  const trades = readFor(tradesRead, key);
  if (orders === null || trades === null) return null;
  const forClients = [...orders, ...trades].some((r) => r.owner !== participantId);
  const owner = (o: string) => (forClients ? <td>{o}</td> : null);
  return (
    <div class="own">
      <table class="data my-orders">
        <caption>{t('myOrders')}</caption>
        <thead><tr><th>{t('time')}</th>{forClients ? <th>{t('forClient')}</th> : null}<th>{t('side')}</th><th>{t('priceYuan')}</th><th>{t('quantityT')}</th><th>{t('filledT')}</th><th>{t('leftT')}</th><th>{t('orderStatus')}</th><th /></tr></thead>
        <tbody>
          {orders.length === 0 ? <tr><td colSpan={9} class="note">{t('noOwnOrders')}</td></tr> : orders.map((o) => (
            <tr key={o.orderId} class={o.status}>
              <td>{time(o.at)}</td>{owner(o.owner)}<td>{t(o.side)}</td><td class="num">{yuan(o.limitFen, lang)}</td><td class="num">{grouped(o.quantityT, lang)}</td>
              <td class="num">{grouped(o.filledT, lang)}</td><td class="num">{grouped(o.remainingT, lang)}</td><td>{t(`status_${o.status}`)}</td>
              <td>{o.status === 'open' ? <button type="button" class="cancel" onClick={() => onCancel(o)}>{t('cancelOrder')}</button> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="data my-trades">
        <caption>{t('myTrades')}</caption>
        <thead><tr><th>{t('time')}</th>{forClients ? <th>{t('forClient')}</th> : null}<th>{t('side')}</th><th>{t('priceYuan')}</th><th>{t('quantityT')}</th><th>{t('feeYuan')}</th><th>{t('counterpartyRegion')}</th></tr></thead>
        <tbody>
          {trades.length === 0 ? <tr><td colSpan={7} class="note">{t('noOwnTrades')}</td></tr> : trades.map((tr) => (
            <tr key={`${tr.seq}${tr.side}`} class={tr.bustedSeq === null ? '' : 'busted'}>
              <td>{time(tr.at)}{tr.bustedSeq === null ? null : ` (${t('busted')})`}</td>{owner(tr.owner)}<td>{t(tr.side)}</td><td class="num">{yuan(tr.priceFen, lang)}</td>
              <td class="num">{grouped(tr.quantityT, lang)}</td><td class="num">{yuan(tr.feeFen, lang)}</td><td>{tr.counterpartyRegion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
