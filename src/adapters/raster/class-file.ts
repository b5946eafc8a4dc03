/**
 * `--classes`: a preset name or a JSON mapping file
 * `{ "classes": { "forest": [2, 3, "20-29"], … }, "nodata": [0, 255] }`.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CLASS_PRESETS, type ClassMapping, type ClassTarget, isClassPreset, isClassTarget, userMapping } from '../../core/zonal/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';

const MAX_RANGE = 65536;

/** Codes from a list of integers and "a-b" ranges. */
function codesOf(raw: unknown, file: string, path: string): Result<number[], Problem> {
  if (!Array.isArray(raw)) return err({ code: 'bad_class_mapping', file, path, message: `expected a list of codes or "a-b" ranges, found ${JSON.stringify(raw)}` });
  const codes: number[] = [];
  for (const [i, item] of raw.entries()) {
    if (typeof item === 'number' && Number.isInteger(item)) codes.push(item);
    else if (typeof item === 'string' && /^-?\d+\s*-\s*-?\d+$/.test(item.trim())) {
      const [from, to] = item.trim().split(/(?<=\d)\s*-\s*/).map(Number) as [number, number];
      if (!(to >= from && to - from < MAX_RANGE)) return err({ code: 'bad_class_mapping', file, path: `${path}[${i}]`, message: `range "${item}" must go up and span fewer than ${MAX_RANGE} codes` });
      for (let c = from; c <= to; c++) codes.push(c);
    } else return err({ code: 'bad_class_mapping', file, path: `${path}[${i}]`, message: `expected an integer code or "a-b", found ${JSON.stringify(item)}` });
  }
  return ok(codes);
}

/** A preset (clcd, worldcover, cnlucc) or a mapping file. */
export async function loadClassMapping(spec: string): Promise<Result<ClassMapping, Problem>> {
  if (isClassPreset(spec)) return ok(CLASS_PRESETS[spec]);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(spec, 'utf8'));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    return err({ code: missing ? 'missing_file' : 'bad_format', file: spec, message: missing ? `no such file (and not a preset: ${Object.keys(CLASS_PRESETS).join(', ')})` : `not JSON: ${(cause as Error).message}` });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return err({ code: 'bad_class_mapping', file: spec, path: '$', message: 'expected an object with "classes"' });
  const { classes, nodata, name, ...rest } = doc as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return err({ code: 'bad_class_mapping', file: spec, path: `$.${unknown}`, message: 'unknown field; expected "classes", "nodata" and optionally "name"' });
  if (typeof classes !== 'object' || classes === null || Array.isArray(classes)) return err({ code: 'bad_class_mapping', file: spec, path: '$.classes', message: 'expected an object of class → codes' });
  const table = new Map<number, ClassTarget>();
  const entries: [string, unknown][] = [...Object.entries(classes), ...(nodata === undefined ? [] : [['nodata', nodata] as [string, unknown]])];
  for (const [target, raw] of entries) {
    const path = target === 'nodata' && raw === nodata ? '$.nodata' : `$.classes.${target}`;
    if (!isClassTarget(target)) return err({ code: 'bad_class_mapping', file: spec, path, message: `unknown class "${target}"; expected cultivated, forest, grassland, water, unused, construction or nodata` });
    const codes = codesOf(raw, spec, path);
    if (!codes.ok) return codes;
    for (const code of codes.value) {
      const before = table.get(code);
      if (before !== undefined) return err({ code: 'bad_class_mapping', file: spec, path, message: `code ${code} is mapped twice (${before} and ${target})` });
      table.set(code, target);
    }
  }
  return ok(userMapping(typeof name === 'string' ? name : basename(spec), table));
}
