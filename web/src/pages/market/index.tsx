/** The market (docs/market.md): order entry (logged-in traders), depth, the tape and candles of one instrument. */
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson, send } from '../../api.js';
import { Problems } from '../../components/problems.js';
import { grouped } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import { yuan } from '../registry/types.js';
import { Candles } from './candles.js';
import { OwnRecords } from './own.js';
import { type Read, readFor } from './read.js';
import type { Candle, Depth, Instrument, OwnOrder, Trade } from './types.js';

const q = encodeURIComponent;
/** Kinds that hold no accounts, so have no orders or trades (docs/http.md, roles of order.place). */
const NON_TRADERS = ['verifier', 'market-operator', 'registry-administrator'];

export default function MarketPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [instruments, setInstruments] = useState<Instrument[]>([]);
  const [instrument, setInstrument] = useState('');
  // The book and tape are kept with the instrument they were read for, the candles with the instrument
  // and interval: when another is chosen, none of the one left shows under its name while its answers
  // come. A refresh of the same one (`version`, after an order) keeps them until replaced: no flicker.
  const [depthRead, setDepth] = useState<Read<Depth> | null>(null);
  const [tapeRead, setTape] = useState<Read<Trade[]> | null>(null);
  const [candlesRead, setCandles] = useState<Read<Candle[]> | null>(null);
  const [interval, setInterval] = useState<'minute' | 'hour' | 'day'>('minute');
  const candlesKey = `${interval} ${instrument}`;
  const [version, setVersion] = useState(0);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('');

  useEffect(() => {
    // An answer that came after a newer one was asked for (or after the page closed) is dropped.
    let current = true;
    getJson<{ items: Instrument[] }>('/market/instruments').then(({ items }) => {
      if (!current) return;
      setInstruments(items);
      setInstrument((i) => i || items[0]?.instrument || '');
    }, (cause) => {
      // Shown, as an order's refusal is: without the list the page would stay empty, saying nothing.
      if (current) setFailure(cause instanceof ApiFailure ? cause : null);
    });
    return () => { current = false; };
  }, [version]);
  useEffect(() => {
    if (instrument === '') return;
    // Answers for an instrument or interval no longer shown (they came late) are dropped: they would
    // overwrite the book, tape and candles of the one now chosen.
    let current = true;
    getJson<Depth & { instrument: string }>(`/market/depth?instrument=${q(instrument)}&levels=10`).then(
      (answer) => { if (current) setDepth({ key: instrument, value: answer }); },
      () => { if (current) setDepth(null); },
    );
    // A failure empties the tape and candles, as it empties the book: a refresh that fails does not
    // leave the answer before it on screen as if it were current.
    getJson<{ items: Trade[] }>(`/market/tape?instrument=${q(instrument)}&limit=500&order=newest`).then(({ items }) => { if (current) setTape({ key: instrument, value: items }); }, () => { if (current) setTape(null); });
    getJson<{ items: Candle[] }>(`/market/candles?instrument=${q(instrument)}&interval=${interval}`).then(({ items }) => { if (current) setCandles({ key: candlesKey, value: items }); }, () => { if (current) setCandles(null); });
    return () => { current = false; };
  }, [instrument, interval, version]);

  const place = async (e: Event) => {
    e.preventDefault();
    setFailure(null);
    try {
      await send('POST', '/commands/order.place', { instrument, side, kind: 'limit', priceFen: Math.round(Number(price) * 100), quantityT: Number(quantity), tif: 'GTC' });
      setVersion((v) => v + 1);
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : null);
    }
  };
  // The key names the order: a second click (or a retry after a lost answer) is the same cancel, not a refused second one.
  const cancel = async (order: OwnOrder) => {
    setFailure(null);
    try {
      await send('POST', '/commands/order.cancel', { orderKey: order.orderKey, ...(order.placedBy !== me.participant?.id ? { placedBy: order.placedBy } : {}) }, `cancel-${order.orderId}`);
      setVersion((v) => v + 1);
    } catch (cause) {
      setFailure(cause instanceof ApiFailure ? cause : null);
    }
  };
  const current = instruments.find((i) => i.instrument === instrument);
  const depth = readFor(depthRead, instrument);
  const tape = readFor(tapeRead, instrument) ?? [];
  const candles = readFor(candlesRead, candlesKey) ?? [];
  // Offers above bids, each row naming its side: a price alone does not tell a reader which it is.
  const levels = (rows: Depth['bids'], cls: 'ask' | 'bid') => rows.map((l) => <tr key={`${cls}${l.priceFen}`} class={cls}><td class="side">{t(cls === 'ask' ? 'sell' : 'buy')}</td><td class="num">{yuan(l.priceFen, lang)}</td><td class="num">{grouped(l.quantityT, lang)}</td><td class="num">{l.orders}</td></tr>);

  return (
    <div class="page market">
      <form class="controls no-print" onSubmit={(e) => e.preventDefault()}>
        <label>{t('instrument')}<select name="instrument" value={instrument} onChange={(e) => setInstrument(e.currentTarget.value)}>{instruments.map((i) => <option key={i.instrument} value={i.instrument}>{i.instrument}</option>)}</select></label>
        <label>{t('interval')}<select name="interval" value={interval} onChange={(e) => setInterval(e.currentTarget.value as 'minute')}>{(['minute', 'hour', 'day'] as const).map((v) => <option key={v} value={v}>{t(v)}</option>)}</select></label>
      </form>
      {instruments.length === 0 ? <p class="note">{t('noInstruments')}</p> : null}
      {current !== undefined ? <p class="note">{current.open ? t('sessionOpen') : t('sessionClosed')} · {t('priceBand')} {yuan(current.lowerFen, lang)}–{yuan(current.upperFen, lang)}</p> : null}
      {me.user === null
        ? <p class="note">{t('loginToTrade')} <a href="#/login">{t('login')}</a></p>
        : (
          <form class="order-entry controls" onSubmit={place}>
            <label>{t('side')}<select name="side" value={side} onChange={(e) => setSide(e.currentTarget.value as 'buy')}><option value="buy">{t('buy')}</option><option value="sell">{t('sell')}</option></select></label>
            <label>{t('priceYuan')}<input name="price" inputMode="decimal" value={price} onInput={(e) => setPrice(e.currentTarget.value)} /></label>
            <label>{t('quantityT')}<input name="quantity" inputMode="numeric" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} /></label>
            <button type="submit">{t('placeOrder')}</button>
          </form>
        )}
      {failure !== null ? <Problems failure={failure} /> : null}
      {me.participant !== null && !NON_TRADERS.includes(me.participant.kind) && instrument !== ''
        ? <OwnRecords instrument={instrument} participantId={me.participant.id} version={version} onCancel={(order) => void cancel(order)} />
        : null}
      <table class="data depth">
        <caption>{t('depth')}</caption>
        <thead><tr><th>{t('side')}</th><th>{t('priceYuan')}</th><th>{t('quantityT')}</th><th>{t('orders')}</th></tr></thead>
        <tbody>{depth === null ? null : [...levels([...depth.asks].reverse(), 'ask'), ...levels(depth.bids, 'bid')]}</tbody>
      </table>
      <Candles items={candles} label={t('candles')} />
      <table class="data tape">
        <caption>{t('tape')}</caption>
        <thead><tr><th>{t('time')}</th><th>{t('priceYuan')}</th><th>{t('quantityT')}</th><th>{t('venue')}</th></tr></thead>
        <tbody>{tape.map((tr) => <tr key={tr.seq}><td>{tr.at.replace('T', ' ').slice(0, 19)}</td><td class="num">{yuan(tr.priceFen, lang)}</td><td class="num">{grouped(tr.quantityT, lang)}</td><td>{tr.venue}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
