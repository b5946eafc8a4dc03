/**
 * Writes data/boundaries/ from the echarts@4.9.0 dev dependency (installed as echarts-maps-4):
 *   node --import tsx scripts/boundaries/build.ts
 * English names come from the demo tables' region_name_en column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { ATTRIBUTION, CRS_NOTE, type EncodedMap, SCHEMATIC, decodeProvince } from './decode.js';

export const PROVINCES = [
  { code: '36', key: 'jiangxi', name: { en: 'Jiangxi', zh: '江西省' } },
  { code: '41', key: 'henan', name: { en: 'Henan', zh: '河南省' } },
] as const;

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

export function englishNames(key: string): Map<string, string> {
  const text = readFileSync(`${root}data/demo/${key}.csv`, 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return new Map(rows.filter((r) => r.region_name_en).map((r) => [r.region_code as string, r.region_name_en as string]));
}

export function sourceMap(key: string): EncodedMap {
  return require(`echarts-maps-4/map/json/province/${key}.json`) as EncodedMap;
}

export const fileName = (p: (typeof PROVINCES)[number]): string => `${p.code}-${p.key}.geojson`;

export function buildAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const province of PROVINCES) {
    const collection = decodeProvince(sourceMap(province.key), province.code, englishNames(province.key));
    files.set(fileName(province), JSON.stringify(collection) + '\n');
  }
  const index = {
    attribution: ATTRIBUTION, schematic: SCHEMATIC, crs_note: CRS_NOTE,
    provinces: PROVINCES.map((p) => ({ province_code: p.code, name: p.name, file: fileName(p) })),
  };
  files.set('index.json', JSON.stringify(index, null, 2) + '\n');
  return files;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, text] of buildAll()) {
    writeFileSync(`${root}data/boundaries/${name}`, text);
    console.log(`data/boundaries/${name}: ${(text.length / 1024).toFixed(0)} KB`);
  }
}
