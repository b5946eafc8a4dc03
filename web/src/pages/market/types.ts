/** What the market reads answer (docs/http.md, GET /api/v1/market/…). */
export interface Instrument { instrument: string; open: boolean; halted: boolean; referenceFen: number; lowerFen: number; upperFen: number; tickFen: number; lotT: number }
export interface Level { priceFen: number; quantityT: number; orders: number }
export interface Depth { bids: Level[]; asks: Level[] }
export interface Trade { seq: number; at: string; instrument: string; venue: string; priceFen: number; quantityT: number }
export interface Candle { start: string; openFen: number; highFen: number; lowFen: number; closeFen: number; volumeT: number }
