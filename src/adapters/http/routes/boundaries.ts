/** Map boundaries as data (data/boundaries/): schematic outlines keyed by division code. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Result, ok, err } from '../../../core/result.js';
import type { ApiProblem } from '../errors.js';
import { pageQuerySchema, pageSchema, paginate } from '../paging.js';
import { type AnyRoute, type Reply, defineRoute } from '../route.js';

const DIR = fileURLToPath(new URL('../../../../data/boundaries/', import.meta.url));

const indexSchema = z.object({
  attribution: z.string(),
  schematic: z.string(),
  crs_note: z.string(),
  provinces: z.array(z.object({ province_code: z.string(), name: z.object({ en: z.string(), zh: z.string() }), file: z.string() })),
});
type BoundaryIndex = z.infer<typeof indexSchema>;

let index: Promise<BoundaryIndex> | undefined;
const readIndex = (): Promise<BoundaryIndex> => (index ??= readFile(`${DIR}index.json`, 'utf8').then((text) => indexSchema.parse(JSON.parse(text))));

const collections = new Map<string, Promise<unknown>>();

const itemSchema = z.object({
  province_code: z.string(), name: z.object({ en: z.string(), zh: z.string() }), attribution: z.string(), schematic: z.string(), crs_note: z.string(),
});

const collectionSchema = z.looseObject({
  type: z.literal('FeatureCollection'),
  province_code: z.string(),
  attribution: z.string(),
  schematic: z.string().describe('the label every map drawn from these outlines must show'),
  crs_note: z.string(),
  features: z.array(z.looseObject({
    type: z.literal('Feature'),
    properties: z.object({ region_code: z.string(), name_zh: z.string(), name_en: z.string().nullable() }),
    geometry: z.looseObject({ type: z.literal('MultiPolygon') }),
  })),
}).describe('GeoJSON FeatureCollection (GCJ-02), schematic, not an approved map');

export const boundaryRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/boundaries', operationId: 'listBoundaries', tags: ['maps'], roles: ['public'],
    summary: 'Provinces with map outlines, their attribution and the schematic label',
    query: pageQuerySchema,
    response: { contentType: 'application/json', schema: pageSchema(itemSchema) },
    handler: async ({ query }): Promise<Result<Reply, ApiProblem[]>> => {
      const { provinces, attribution, schematic, crs_note } = await readIndex();
      const items = provinces.map((p) => ({ province_code: p.province_code, name: p.name, attribution, schematic, crs_note }));
      const page = paginate(items, (item) => item.province_code, query);
      return page.ok ? ok({ kind: 'json', body: page.value }) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/boundaries/{province_code}', operationId: 'getBoundaries', tags: ['maps'], roles: ['public'],
    summary: 'Prefecture outlines of a province as GeoJSON (schematic, GCJ-02)',
    params: z.strictObject({ province_code: z.string().regex(/^\d{2}$/, 'expected the two-digit province code, such as 36') }),
    response: { contentType: 'application/json', schema: collectionSchema },
    handler: async ({ params }): Promise<Result<Reply, ApiProblem[]>> => {
      const entry = (await readIndex()).provinces.find((p) => p.province_code === params.province_code);
      if (entry === undefined) return err([{ code: 'not_found', field: 'province_code', message: `no outlines for province ${params.province_code}` }]);
      let collection = collections.get(entry.file);
      if (collection === undefined) collections.set(entry.file, (collection = readFile(`${DIR}${entry.file}`, 'utf8').then((text): unknown => JSON.parse(text))));
      return ok({ kind: 'json', body: await collection });
    },
  }),
];
