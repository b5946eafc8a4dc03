/** What the market reads answer (docs/http.md, GET /api/v1/market/…). */
export interface Instrument { instrument: string; open: boolean; halted: boolean; referenceFen: number; lowerFen: number; upperFen: number; tickFen: number; lotT: number }
export interface Level { priceFen: number; quantityT: number; orders: number }
export interface Depth { bids: Level[]; asks: Level[] }
export interface Trade { seq: number; at: string; instrument: string; venue: string; priceFen: number; quantityT: number }
export interface Candle { start: string; openFen: number; highFen: number; lowFen: number; closeFen: number; volumeT: number }
export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'killed' | 'expired' | 'self_trade' | 'amended' | 'outside_band';
/** GET /market/my/orders: the caller's book orders. */
export interface OwnOrder { seq: number; at: string; orderId: string; orderKey: string; placedBy: string; owner: string; side: 'buy' | 'sell'; limitFen: number; quantityT: number; filledT: number; remainingT: number; status: OrderStatus }
/** GET /market/my/trades: the caller's side of each trade. */
export interface OwnTrade { seq: number; at: string; side: 'buy' | 'sell'; owner: string; priceFen: number; quantityT: number; feeFen: number; counterpartyRegion: string; bustedSeq: number | null }
