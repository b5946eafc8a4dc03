#!/usr/bin/python3
"""Benchmark inputs for `npm run bench -- zonal` (written to bench/out/, not committed):
a 10,000 x 10,000 uint8 class raster, LZW, 512 x 512 tiles, EPSG:4326, 0.00027 degree
(about 30 m) cells, and 100 irregular regions on a jittered 10 x 10 grid sharing edges."""
import json
import math
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
SIZE, STEP, LON0, LAT0 = 10000, 0.00027, 114.0, 28.7


def raster(path):
    rng = np.random.default_rng(11)
    coarse = rng.choice(np.array([1, 1, 1, 2, 2, 2, 3, 4, 5, 6, 8, 9], dtype=np.uint8), size=(SIZE // 25, SIZE // 25))
    data = np.repeat(np.repeat(coarse, 25, axis=0), 25, axis=1)
    noise = rng.random((SIZE, SIZE)) < 0.05
    data[noise] = rng.integers(1, 10, size=int(noise.sum()), dtype=np.uint8)
    ds = gdal.GetDriverByName('GTiff').Create(path, SIZE, SIZE, 1, gdal.GDT_Byte, ['TILED=YES', 'BLOCKXSIZE=512', 'BLOCKYSIZE=512', 'COMPRESS=LZW'])
    ds.SetGeoTransform((LON0, STEP, 0, LAT0, 0, -STEP))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(0)
    ds.GetRasterBand(1).WriteArray(data)
    ds = None


def regions(path):
    rng = np.random.default_rng(5)
    n, span, margin = 10, SIZE * STEP, 0.002
    nodes = {}
    for i in range(n + 1):
        for j in range(n + 1):
            x = LON0 + margin + (span - 2 * margin) * j / n
            y = LAT0 - margin - (span - 2 * margin) * i / n
            if 0 < i < n:
                y += rng.uniform(-0.3, 0.3) * span / n
            if 0 < j < n:
                x += rng.uniform(-0.3, 0.3) * span / n
            nodes[(i, j)] = (x, y)
    edges = {}

    def edge(a, b):
        key = (min(a, b), max(a, b))
        if key not in edges:
            p, q = nodes[key[0]], nodes[key[1]]
            pts, k = [p], 400
            for t in range(1, k):
                f = t / k
                wobble = 0.01 * math.sin(math.pi * f) * rng.uniform(-1, 1) * span / n
                dx, dy = q[0] - p[0], q[1] - p[1]
                length = math.hypot(dx, dy)
                pts.append((p[0] + f * dx - wobble * dy / length, p[1] + f * dy + wobble * dx / length))
            edges[key] = pts
        pts = edges[key]
        return pts if key[0] == a else [nodes[a]] + pts[:0:-1]

    features = []
    for i in range(n):
        for j in range(n):
            corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]
            ring = []
            for c in range(4):
                ring += edge(corners[c], corners[(c + 1) % 4])
            ring.append(ring[0])
            code = f'36{1001 + i * n + j:04d}'
            features.append({'type': 'Feature', 'properties': {'region_code': code, 'region_name': f'region {code}'},
                             'geometry': {'type': 'Polygon', 'coordinates': [[[round(x, 8), round(y, 8)] for x, y in ring]]}})
    with open(path, 'w') as f:
        json.dump({'type': 'FeatureCollection', 'features': features}, f)


if __name__ == '__main__':
    raster(sys.argv[1])
    regions(sys.argv[2])
