#!/usr/bin/python3
"""Sample rasters and boundaries for `neutral zonal` tests and the demo (data/zonal/).

Run with Debian's python and GDAL (apt-get install gdal-bin python3-gdal):
    /usr/bin/python3 scripts/zonal/make-samples.py
Deterministic (fixed seeds): rerunning rewrites identical files. GDAL writes what geotiff.js
cannot (LZW, Deflate with predictor, user-defined Albers GeoKeys, striped and tiled layouts).
"""
import json
import math
import os
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'zonal')
ALBERS_CLCD = '+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs'

# Raster extent (EPSG:4326): 500 x 400 cells of 0.001 degree near Nanchang.
LON0, LAT0, STEP, WIDTH, HEIGHT = 115.75, 28.90, 0.001, 500, 400


def classes(width, height, seed):
    """Blocky CLCD-like classes from smooth random fields; code 0 (nodata) in one corner."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(float)
    field = np.zeros((height, width))
    for _ in range(6):
        fx, fy, phase = rng.uniform(0.005, 0.05), rng.uniform(0.005, 0.05), rng.uniform(0, 6.28)
        field += np.sin(x * fx + phase) * np.cos(y * fy - phase)
    ranks = np.argsort(np.argsort(field.ravel())).reshape(field.shape) / field.size
    bounds = [0.30, 0.62, 0.66, 0.72, 0.85, 0.88, 0.90, 0.97]  # cultivated, forest(2), forest(3), grass, water, unused x2, construction, water(9)
    codes = np.digitize(ranks, bounds) + 1
    codes[:12, :25] = 0
    codes[rng.random(codes.shape) < 0.002] = 42  # a code no preset maps
    return codes.astype(np.uint8)


def write(path, data, srs, transform, options, nodata=None, dtype=gdal.GDT_Byte):
    driver = gdal.GetDriverByName('GTiff')
    ds = driver.Create(path, data.shape[1], data.shape[0], 1, dtype, options)
    ds.SetGeoTransform(transform)
    if srs is not None:
        ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(data)
    ds.FlushCache()
    ds = None


def srs_of(text):
    srs = osr.SpatialReference()
    srs.SetFromUserInput(text)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def walk(a, b, n, amplitude, rng):
    """A jagged polyline from a to b (exclusive of b), shared verbatim by both neighbours."""
    points = []
    for i in range(n):
        t = i / n
        wobble = amplitude * math.sin(math.pi * t) * rng.uniform(-1, 1) if i > 0 else 0
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        points.append([round(a[0] + t * dx - wobble * dy / length, 7), round(a[1] + t * dy + wobble * dx / length, 7)])
    return points


def regions(rng):
    """Four districts sharing jagged edges; one has a lake (a hole), one an island (MultiPolygon)."""
    west, east, south, north = 115.80, 116.20, 28.55, 28.85
    centre = [116.003, 28.702]
    mid_n, mid_s, mid_w, mid_e = [115.997, north], [116.004, south], [west, 28.698], [east, 28.705]
    corners = {'nw': [west, north], 'ne': [east, north], 'se': [east, south], 'sw': [west, south]}
    edge = {}
    def e(name, a, b, n, amp):
        edge[name] = walk(a, b, n, amp, rng)
    e('c_n', centre, mid_n, 40, 0.01); e('c_s', centre, mid_s, 40, 0.01)
    e('c_w', centre, mid_w, 40, 0.01); e('c_e', centre, mid_e, 40, 0.01)
    e('n_ne', mid_n, corners['ne'], 20, 0.006); e('ne_e', corners['ne'], mid_e, 15, 0.006)
    e('e_se', mid_e, corners['se'], 15, 0.006); e('se_s', corners['se'], mid_s, 20, 0.006)
    e('s_sw', mid_s, corners['sw'], 20, 0.006); e('sw_w', corners['sw'], mid_w, 15, 0.006)
    e('w_nw', mid_w, corners['nw'], 15, 0.006); e('nw_n', corners['nw'], mid_n, 20, 0.006)
    rev = lambda pts, end: [end] + pts[:0:-1]  # the same vertices walked the other way

    def ring(*parts):
        pts = [p for part in parts for p in part]
        return pts + [pts[0]]

    ne = ring(edge['c_n'], edge['n_ne'], edge['ne_e'], rev(edge['c_e'], mid_e))
    se = ring(edge['c_e'], edge['e_se'], edge['se_s'], rev(edge['c_s'], mid_s))
    sw = ring(edge['c_s'], edge['s_sw'], edge['sw_w'], rev(edge['c_w'], mid_w))
    nw = ring(edge['c_w'], edge['w_nw'], edge['nw_n'], rev(edge['c_n'], mid_n))
    # Off the 0.001 degree grid, so no cell centre lies exactly on an edge (a tie either rule may break).
    lake = [[115.88013, 28.78037], [115.90521, 28.78229], [115.91247, 28.76511], [115.89033, 28.75718], [115.87619, 28.76843], [115.88013, 28.78037]]
    island = [[116.21517, 28.60041], [116.23529, 28.60533], [116.23811, 28.58527], [116.22043, 28.58019], [116.21517, 28.60041]]
    feature = lambda code, name, geometry: {'type': 'Feature', 'properties': {'region_code': code, 'region_name': name}, 'geometry': geometry}
    return {'type': 'FeatureCollection', 'features': [
        feature('360102', '东湖区', {'type': 'Polygon', 'coordinates': [ne]}),
        feature('360103', '西湖区', {'type': 'Polygon', 'coordinates': [nw, lake]}),
        feature('360104', '青云谱区', {'type': 'Polygon', 'coordinates': [sw[::-1]]}),  # clockwise on purpose
        feature('360111', '青山湖区', {'type': 'MultiPolygon', 'coordinates': [[se], [island]]}),
    ]}


def gcj02(lon, lat):
    """WGS 84 → GCJ-02 (the published offset formula of Chinese web maps)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    rad = lat / 180.0 * math.pi
    magic = 1 - ee * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * sq) * math.pi)
    dlon = (dlon * 180.0) / (a / sq * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def map_coords(doc, fn):
    out = json.loads(json.dumps(doc))
    for f in out['features']:
        g = f['geometry']
        polys = [g['coordinates']] if g['type'] == 'Polygon' else g['coordinates']
        for poly in polys:
            for ring in poly:
                for p in ring:
                    p[0], p[1] = fn(p[0], p[1])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    wgs84 = srs_of('EPSG:4326')
    geo_transform = (LON0, STEP, 0, LAT0, 0, -STEP)
    codes = classes(WIDTH, HEIGHT, 1)
    p = lambda name: os.path.join(OUT, name)
    write(p('clcd-4326-tiled-lzw.tif'), codes, wgs84, geo_transform, ['TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128', 'COMPRESS=LZW'], nodata=0)
    write(p('clcd-4326-striped-deflate.tif'), codes, wgs84, geo_transform, ['COMPRESS=DEFLATE', 'PREDICTOR=2', 'BLOCKYSIZE=16'], nodata=0)
    # CLCD's own custom Albers, warped by nearest neighbour (classes must not be resampled).
    gdal.Warp(p('clcd-albers-tiled-deflate.tif'), p('clcd-4326-tiled-lzw.tif'), dstSRS=ALBERS_CLCD, xRes=100, yRes=100, resampleAlg='near',
              creationOptions=['TILED=YES', 'BLOCKXSIZE=128', 'BLOCKYSIZE=128', 'COMPRESS=DEFLATE'])
    gdal.Warp(p('clcd-32650-striped-none.tif'), p('clcd-4326-tiled-lzw.tif'), dstSRS='EPSG:32650', xRes=250, yRes=250, resampleAlg='near',
              creationOptions=['COMPRESS=NONE', 'BLOCKYSIZE=8'])
    # 16-bit CNLUCC codes on CGCS2000 3-degree Gauss-Kruger zone 39 (EPSG:4527, CM 117E).
    cnlucc = np.array([0, 11, 21, 23, 31, 41, 46, 51, 52, 61, 99], dtype=np.int16)[np.minimum(codes, 10)]
    tmp = p('tmp-cnlucc.tif')
    write(tmp, cnlucc, wgs84, geo_transform, ['COMPRESS=NONE'], nodata=0, dtype=gdal.GDT_Int16)
    gdal.Warp(p('cnlucc-4527-int16-lzw.tif'), tmp, dstSRS='EPSG:4527', xRes=200, yRes=200, resampleAlg='near',
              creationOptions=['TILED=YES', 'BLOCKXSIZE=64', 'BLOCKYSIZE=64', 'COMPRESS=LZW', 'PREDICTOR=2'])
    os.remove(tmp)
    # Bad inputs: no CRS, rotated, a datum with no known shift (Xian 1980, EPSG:4610).
    small = codes[:20, :20]
    write(p('bad-no-crs.tif'), small, None, geo_transform, ['COMPRESS=LZW'])
    write(p('bad-rotated.tif'), small, wgs84, (LON0, STEP, 0.0002, LAT0, 0.0002, -STEP), ['COMPRESS=LZW'])
    write(p('bad-xian80.tif'), small, srs_of('EPSG:4610'), geo_transform, ['COMPRESS=LZW'])
    rng = np.random.default_rng(7)
    doc = regions(rng)
    with open(p('regions.geojson'), 'w', encoding='utf8') as f:
        json.dump(doc, f, ensure_ascii=False)
    with open(p('regions-gcj02.geojson'), 'w', encoding='utf8') as f:
        json.dump(map_coords(doc, lambda lon, lat: [round(v, 8) for v in gcj02(lon, lat)]), f, ensure_ascii=False)
    to3857 = osr.CoordinateTransformation(wgs84, srs_of('EPSG:3857'))
    with open(p('regions-3857.geojson'), 'w', encoding='utf8') as f:
        json.dump(map_coords(doc, lambda lon, lat: [round(v, 4) for v in to3857.TransformPoint(lon, lat)[:2]]), f, ensure_ascii=False)
    with open(p('classes-example.json'), 'w', encoding='utf8') as f:
        json.dump({'name': 'clcd-with-42', 'classes': {'cultivated': [1], 'forest': [2, 3], 'grassland': [4], 'water': [5, 9], 'unused': [6, 7, 42], 'construction': [8]}, 'nodata': [0]}, f, indent=2)
        f.write('\n')
    print('wrote', sorted(os.listdir(OUT)), file=sys.stderr)


if __name__ == '__main__':
    main()
