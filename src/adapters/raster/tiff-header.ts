/** GeoTIFF header, block layout and georeferencing, read with geotiff.js (no pixel data). */
import { access } from 'node:fs/promises';
import { fromFile } from 'geotiff';
import type { GeoTransform, SampleKind } from '../../core/zonal/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { type BlockFormat, COMPRESSION } from './decode.js';

export interface RasterHeader {
  readonly file: string;
  readonly width: number;
  readonly height: number;
  readonly tiled: boolean;
  /** Cells per block row as stored (tile width, or the raster width for strips). */
  readonly blockWidth: number;
  readonly blockHeight: number;
  readonly blocksAcross: number;
  readonly blocksDown: number;
  readonly offsets: readonly number[];
  readonly byteCounts: readonly number[];
  readonly format: BlockFormat;
  readonly kind: SampleKind;
  readonly nodata: number | null;
  /** Corner of cell (0, 0); PixelIsPoint already shifted by half a cell. */
  readonly transform: GeoTransform;
  readonly geoKeys: Readonly<Record<string, unknown>>;
}

type Tags = { getValue(name: string): unknown; loadValue(name: string): Promise<unknown> };

const numbers = (value: unknown): number[] | null =>
  value === undefined || value === null ? null : Array.from(value as ArrayLike<number | bigint>, (v) => Number(v));

function sampleKind(bits: number, format: number): SampleKind | null {
  if (bits === 8) return format === 2 ? 'int8' : format === 1 ? 'uint8' : null;
  if (bits === 16) return format === 2 ? 'int16' : format === 1 ? 'uint16' : null;
  return null;
}

/** Affine transform from ModelTransformation or tiepoint + pixel scale; rotation is an error. */
function georeference(file: string, tags: Tags, pixelIsPoint: boolean): Result<GeoTransform, Problem> {
  const matrix = numbers(tags.getValue('ModelTransformation'));
  const tiepoint = numbers(tags.getValue('ModelTiepoint'));
  const scale = numbers(tags.getValue('ModelPixelScale'));
  let transform: GeoTransform;
  if (matrix !== null && matrix.length >= 8) {
    if (matrix[1] !== 0 || matrix[4] !== 0) {
      return err({ code: 'raster_rotated', file, message: `the raster is rotated or sheared (ModelTransformation terms ${matrix[1]}, ${matrix[4]}); warp it to a north-up grid first, e.g. gdalwarp` });
    }
    transform = { originX: matrix[3]!, originY: matrix[7]!, cellWidth: matrix[0]!, cellHeight: matrix[5]! };
  } else if (tiepoint !== null && tiepoint.length > 6) {
    return err({ code: 'raster_rotated', file, message: `the raster is georeferenced by ${tiepoint.length / 6} ground control points, not a north-up grid; warp it first, e.g. gdalwarp` });
  } else if (tiepoint !== null && tiepoint.length >= 6 && scale !== null && scale.length >= 2) {
    const [i, j, , x, y] = tiepoint as [number, number, number, number, number];
    transform = { originX: x - i * scale[0]!, originY: y + j * scale[1]!, cellWidth: scale[0]!, cellHeight: -scale[1]! };
  } else {
    return err({ code: 'raster_no_crs', file, message: 'the raster has no georeferencing (no ModelTiepoint/ModelPixelScale or ModelTransformation)' });
  }
  if (!(transform.cellWidth > 0) || transform.cellHeight === 0 || ![transform.originX, transform.originY, transform.cellHeight].every(Number.isFinite)) {
    return err({ code: 'raster_unsupported', file, message: `cell size ${transform.cellWidth} × ${transform.cellHeight} is not a usable grid` });
  }
  if (!pixelIsPoint) return ok(transform);
  return ok({ ...transform, originX: transform.originX - transform.cellWidth / 2, originY: transform.originY - transform.cellHeight / 2 });
}

/** Reads everything but the pixels. Problems name the file. */
export async function readRasterHeader(file: string): Promise<Result<RasterHeader, Problem>> {
  try {
    await access(file);
  } catch {
    return err({ code: 'missing_file', file, message: 'no such file' });
  }
  let tiff: Awaited<ReturnType<typeof fromFile>>;
  try {
    tiff = await fromFile(file);
  } catch (cause) {
    return err({ code: 'bad_format', file, message: `not a readable TIFF: ${(cause as Error).message}` });
  }
  try {
    const image = await tiff.getImage(0);
    const tags = image.fileDirectory as unknown as Tags;
    const unsupported = (message: string): Result<never, Problem> => err({ code: 'raster_unsupported', file, message });
    const samples = Number(tags.getValue('SamplesPerPixel') ?? 1);
    if (samples !== 1) return unsupported(`${samples} bands; a class raster has one band`);
    const bits = numbers(tags.getValue('BitsPerSample'))?.[0] ?? 1;
    const sampleFormat = numbers(tags.getValue('SampleFormat'))?.[0] ?? 1;
    const kind = sampleKind(bits, sampleFormat);
    if (kind === null) return unsupported(`${bits}-bit samples of format ${sampleFormat}; class rasters must be 8- or 16-bit integers`);
    const compression = Number(tags.getValue('Compression') ?? 1);
    if (!(Object.values(COMPRESSION) as number[]).includes(compression)) return unsupported(`compression ${compression}; supported: none (1), LZW (5), Deflate (8, 32946)`);
    const predictor = Number(tags.getValue('Predictor') ?? 1);
    if (predictor !== 1 && predictor !== 2) return unsupported(`predictor ${predictor}; supported: 1 and 2`);
    const geoKeys = image.getGeoKeys() as Record<string, unknown> | null;
    if (geoKeys === null) return err({ code: 'raster_no_crs', file, message: 'the raster has no GeoKeys, so no coordinate reference system' });
    const geo = georeference(file, tags, geoKeys['GTRasterTypeGeoKey'] === 2);
    if (!geo.ok) return geo;
    const width = image.getWidth();
    const height = image.getHeight();
    const tiled = image.isTiled;
    const blockWidth = tiled ? image.getTileWidth() : width;
    const blockHeight = tiled ? image.getTileHeight() : Math.min(height, Number(tags.getValue('RowsPerStrip') ?? height));
    const offsets = numbers(await tags.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) ?? [];
    const byteCounts = numbers(await tags.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) ?? [];
    const blocksAcross = Math.ceil(width / blockWidth);
    const blocksDown = Math.ceil(height / blockHeight);
    if (offsets.length < blocksAcross * blocksDown || byteCounts.length < blocksAcross * blocksDown) {
      return err({ code: 'raster_corrupt', file, message: `${offsets.length} block offsets for ${blocksAcross * blocksDown} blocks` });
    }
    const nodataText = tags.getValue('GDAL_NODATA');
    const nodataValue = typeof nodataText === 'string' ? Number(nodataText.replace(/\0/g, '').trim()) : Number.NaN;
    return ok({
      file, width, height, tiled, blockWidth, blockHeight, blocksAcross, blocksDown, offsets, byteCounts, kind,
      format: { compression, predictor, bytesPerSample: bits === 8 ? 1 : 2, littleEndian: image.littleEndian, blockWidth },
      nodata: Number.isInteger(nodataValue) ? nodataValue : null,
      transform: geo.value,
      geoKeys,
    });
  } finally {
    await tiff.close?.();
  }
}
