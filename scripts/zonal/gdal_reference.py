#!/usr/bin/python3
"""Reference class areas per region computed with GDAL/OGR/rasterio, for the agreement test.

    /usr/bin/python3 scripts/zonal/gdal_reference.py RASTER REGIONS.geojson center|exact

Polygons are reprojected into the raster's CRS by GDAL (PROJ). Centre: rasterio's rasterize
(cell centre inside). Exact: each boundary cell intersected with the polygon by OGR (GEOS);
interior cells count whole. Cell areas: geographic rasters by the authalic zone formula in its
q-function form (written here independently); equal-area rasters by the cell size. Prints
JSON: {"zones": [{"code": ..., "m2": {"<raster code>": area}}]}.
"""
import json
import math
import sys

import numpy as np
import rasterio
from osgeo import gdal, ogr

gdal.PushErrorHandler('CPLQuietErrorHandler')
from rasterio.features import rasterize
from rasterio.warp import transform_geom

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)
E = math.sqrt(E2)


def q(phi):
    s = math.sin(phi)
    return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * math.log((1 - E * s) / (1 + E * s)))


def row_areas(src):
    t = src.transform
    if src.crs.is_geographic:
        dlon = math.radians(abs(t.a))
        return np.array([dlon * A * A / 2 * abs(q(math.radians(t.f + r * t.e)) - q(math.radians(t.f + (r + 1) * t.e))) for r in range(src.height)])
    return np.full(src.height, abs(t.a * t.e))


def main():
    raster, regions, method = sys.argv[1], sys.argv[2], sys.argv[3]
    with rasterio.open(raster) as src, open(regions, encoding='utf8') as f:
        classes = src.read(1)
        areas = row_areas(src)
        features = json.load(f)['features']
        out = []
        for feature in features:
            geom = transform_geom('EPSG:4326', src.crs, feature['geometry'])
            if method == 'center':
                frac = rasterize([(geom, 1)], out_shape=classes.shape, transform=src.transform, fill=0, dtype='uint8').astype(float)
            else:
                frac = exact_fractions(geom, src)
            weights = frac * areas[:, None]
            m2 = {}
            for code in np.unique(classes[frac > 0]):
                m2[str(int(code))] = float(weights[classes == code].sum())
            out.append({'code': feature['properties']['region_code'], 'm2': m2})
    print(json.dumps({'zones': out}))


def exact_fractions(geom, src):
    """Interior cells 1; cells the boundary touches: area(polygon ∩ cell) / area(cell) by OGR."""
    shape = (src.height, src.width)
    inside = rasterize([(geom, 1)], out_shape=shape, transform=src.transform, fill=0, dtype='uint8')
    rings = [ring for poly in ([geom['coordinates']] if geom['type'] == 'Polygon' else geom['coordinates']) for ring in poly]
    boundary = rasterize([({'type': 'LineString', 'coordinates': ring}, 1) for ring in rings], out_shape=shape, transform=src.transform, fill=0, all_touched=True, dtype='uint8')
    frac = np.where(boundary == 1, 0.0, inside.astype(float))
    polygon = ogr.CreateGeometryFromJson(json.dumps(geom))
    t = src.transform
    cell_area = abs(t.a * t.e)
    for r, c in zip(*np.nonzero(boundary)):
        # Widen by one cell: all_touched may miss a cell the boundary only grazes.
        for rr in range(max(0, r - 1), min(shape[0], r + 2)):
            for cc in range(max(0, c - 1), min(shape[1], c + 2)):
                if boundary[rr, cc] == 1 and (rr, cc) != (r, c):
                    continue
                x0, y0 = t.c + cc * t.a, t.f + rr * t.e
                ring = ogr.Geometry(ogr.wkbLinearRing)
                for x, y in [(x0, y0), (x0 + t.a, y0), (x0 + t.a, y0 + t.e), (x0, y0 + t.e), (x0, y0)]:
                    ring.AddPoint_2D(x, y)
                cell = ogr.Geometry(ogr.wkbPolygon)
                cell.AddGeometry(ring)
                piece = polygon.Intersection(cell)
                surface = piece is not None and piece.GetGeometryType() in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbGeometryCollection)
                frac[rr, cc] = piece.GetArea() / cell_area if surface else 0.0
    return frac


if __name__ == '__main__':
    main()
