/**
 * `neutral market indicators`: the market's S21–S25 per city (market.md §6, planning.md §2)
 * from a command journal, as the table `neutral score --market` reads (docs/score.md):
 * region_code (the city), year, local/export/import prices in yuan per t, local and export
 * demand in t. With --year, only that year's trades (Asia/Shanghai); busted trades never count.
 */
import { stringify } from 'csv-stringify/sync';
import { cityIndicators, shanghaiClock, tradeTape } from '../../../core/market/index.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import { replayFile } from './market.js';

const yuan = (fen: number | null): string => (fen === null ? '' : (fen / 100).toFixed(2));

export async function marketIndicators(options: { journal: string; year?: string; out?: string }, io: CliIo): Promise<number> {
  const year = options.year === undefined ? null : Number(options.year);
  if (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= 9999)) return reportProblems(io, [{ code: 'bad_flag', message: `--year ${options.year}: a year, e.g. 2025` }]);
  const replayed = await replayFile(options.journal);
  if (!replayed.ok) return reportProblems(io, [replayed.error]);
  const tape = tradeTape(replayed.value.records).filter((t) => year === null || shanghaiClock(t.at).day.startsWith(`${year}-`));
  const rows = cityIndicators(tape).map((c) => [c.city, year ?? '', yuan(c.localPriceFen), yuan(c.exportPriceFen), yuan(c.importPriceFen), c.localDemandT, c.exportDemandT]);
  const header = ['region_code', 'year', 'local_price_yuan_per_t', 'export_price_yuan_per_t', 'import_price_yuan_per_t', 'local_demand_t', 'export_demand_t'];
  await emit(io, options.out, stringify([header, ...rows]));
  return 0;
}
