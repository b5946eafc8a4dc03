/** Raster codes → the model's land classes (accounting spec §6): presets and user tables. */
import { LAND_CLASSES, type LandClass } from '../accounting/index.js';

export type ClassTarget = LandClass | 'nodata';

export interface ClassMapping {
  readonly name: string;
  /** The class of a raster code, 'nodata', or null when the code is not mapped. */
  classOf(code: number): ClassTarget | null;
}

function fromTable(name: string, table: Readonly<Record<number, ClassTarget>>): ClassMapping {
  return { name, classOf: (code) => table[code] ?? null };
}

/** CNLUCC codes are read by their first decimal digit (11, 12, 113 → 1 cultivated). */
const CNLUCC_FIRST_DIGIT: Readonly<Record<string, LandClass>> = {
  '1': 'cultivated', '2': 'forest', '3': 'grassland', '4': 'water', '5': 'construction', '6': 'unused',
};

export const CLASS_PRESETS = {
  clcd: fromTable('clcd', {
    0: 'nodata', 1: 'cultivated', 2: 'forest', 3: 'forest', 4: 'grassland', 5: 'water', 9: 'water', 6: 'unused', 7: 'unused', 8: 'construction',
  }),
  worldcover: fromTable('worldcover', {
    10: 'forest', 20: 'forest', 95: 'forest', 30: 'grassland', 40: 'cultivated', 50: 'construction', 60: 'unused', 70: 'unused', 100: 'unused', 80: 'water', 90: 'water',
  }),
  cnlucc: {
    name: 'cnlucc',
    classOf: (code: number) => (code > 0 && Number.isInteger(code) ? (CNLUCC_FIRST_DIGIT[String(code)[0]!] ?? null) : null),
  },
} as const satisfies Record<string, ClassMapping>;

export type ClassPreset = keyof typeof CLASS_PRESETS;

export function isClassPreset(name: string): name is ClassPreset {
  return Object.hasOwn(CLASS_PRESETS, name);
}

/** A user table: codes listed per class; `nodata` codes are excluded and reported. */
export function userMapping(name: string, codes: ReadonlyMap<number, ClassTarget>): ClassMapping {
  return { name, classOf: (code) => codes.get(code) ?? null };
}

export function isClassTarget(name: string): name is ClassTarget {
  return name === 'nodata' || (LAND_CLASSES as readonly string[]).includes(name);
}

/** Bin of a class in the per-zone class sums: land classes in LAND_CLASSES order, then nodata. */
export const NODATA_BIN = LAND_CLASSES.length;
