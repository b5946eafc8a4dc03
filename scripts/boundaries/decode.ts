/**
 * Decodes the province maps of echarts@4.9.0 (`map/json/province/*.json`, "UTF8Encoding":
 * zig-zag deltas of coordinates quantised to 1/1024°, one character per number) into plain
 * GeoJSON, keyed by the 6-digit division code. The algorithm is echarts' own decodePolygon.
 */

export interface EncodedFeature {
  readonly id: string;
  readonly properties: { readonly name: string };
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: readonly string[]; readonly encodeOffsets: readonly (readonly [number, number])[] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly string[])[]; readonly encodeOffsets: readonly (readonly (readonly [number, number])[])[] };
}

export interface EncodedMap {
  readonly UTF8Encoding?: boolean;
  readonly UTF8Scale?: number;
  readonly features: readonly EncodedFeature[];
}

type Ring = [number, number][];

/** 4 decimals keep the 1/1024° grid of the source to within 0.00005°. */
const round = (value: number): number => Math.round(value * 1e4) / 1e4;

export function decodeRing(encoded: string, offset: readonly [number, number], scale: number): Ring {
  const ring: Ring = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let dx = encoded.charCodeAt(i) - 64;
    let dy = encoded.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    ring.push([round(x / scale), round(y / scale)]);
  }
  // GeoJSON rings are closed.
  const first = ring[0];
  const last = ring.at(-1);
  if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  return ring;
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  province_code: string;
  crs_note: string;
  attribution: string;
  schematic: string;
  features: {
    type: 'Feature';
    properties: { region_code: string; name_zh: string; name_en: string | null };
    geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  }[];
}

export const ATTRIBUTION = 'Boundaries decoded from Apache ECharts 4.9.0 (Apache-2.0), map/json/province/*.json; the maintainers say the data came from AMap and no longer recommend it.';
export const SCHEMATIC = 'Schematic, not an approved map (no 审图号): for illustration only. A public map in China needs approved base maps (e.g. Tianditu / 标准地图服务).';
export const CRS_NOTE = 'GCJ-02 coordinates (about 500–700 m off WGS84); fine for a choropleth, not for overlaying WGS84 data.';

/** Every feature as a MultiPolygon, in code order, with Chinese and (where known) English names. */
export function decodeProvince(map: EncodedMap, provinceCode: string, englishNames: ReadonlyMap<string, string>): BoundaryCollection {
  if (map.UTF8Encoding !== true) throw new Error('expected an echarts UTF8Encoding map');
  const scale = map.UTF8Scale ?? 1024;
  const features = [...map.features].sort((a, b) => a.id.localeCompare(b.id)).map((feature) => {
    const g = feature.geometry;
    const polygons: Ring[][] = g.type === 'Polygon'
      ? [g.coordinates.map((ring, i) => decodeRing(ring, g.encodeOffsets[i] as [number, number], scale))]
      : g.coordinates.map((polygon, p) => polygon.map((ring, i) => decodeRing(ring, (g.encodeOffsets[p] as (readonly [number, number])[])[i] as [number, number], scale)));
    return {
      type: 'Feature' as const,
      properties: { region_code: feature.id, name_zh: feature.properties.name, name_en: englishNames.get(feature.id) ?? null },
      geometry: { type: 'MultiPolygon' as const, coordinates: polygons },
    };
  });
  return { type: 'FeatureCollection', province_code: provinceCode, crs_note: CRS_NOTE, attribution: ATTRIBUTION, schematic: SCHEMATIC, features };
}
