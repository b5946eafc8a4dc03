import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import proj4 from 'proj4';
import { crsFromEpsg, crsFromGeoKeys } from './crs.js';
import { parseRegionsCrs } from './geojson.js';

describe('EPSG codes from the offline index', () => {
  it('resolves the codes accounting spec §6 names', () => {
    const codes = [4326, 4490, 3857, 32649, 32650, 4491, 4513, 4526, 4534, 4547, 4554];
    for (const code of codes) {
      const crs = crsFromEpsg(code);
      assert.ok(crs.ok, `EPSG:${code}`);
      assert.equal(crs.value.geographic, code === 4326 || code === 4490);
      assert.equal(crs.value.equalArea, false);
    }
  });

  it('refuses Xian 1980 (no known shift) and codes it does not have', () => {
    const xian = crsFromEpsg(4610);
    assert.ok(!xian.ok && xian.error.code === 'unknown_datum');
    const none = crsFromEpsg(999999);
    assert.ok(!none.ok && none.error.code === 'unknown_crs');
  });

  it('projects a point into CGCS2000 Gauss–Krüger as GDAL does (gdaltransform, EPSG:4527)', () => {
    const crs = crsFromEpsg(4527);
    assert.ok(crs.ok);
    const [x, y] = proj4('+proj=longlat +datum=WGS84 +no_defs', crs.value.proj4, [117, 30]);
    assert.ok(Math.abs(x! - 39500000) < 1e-6);
    assert.ok(Math.abs(y! - 3320113.39784502) < 1e-3, String(y));
  });
});

describe('GeoKeys', () => {
  it('builds CLCD’s user-defined Albers as GDAL writes it, and knows it is equal-area', () => {
    const crs = crsFromGeoKeys({
      GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 32767,
      ProjCoordTransGeoKey: 11, ProjLinearUnitsGeoKey: 9001, ProjStdParallel1GeoKey: 25, ProjStdParallel2GeoKey: 47,
      ProjNatOriginLongGeoKey: 105, ProjNatOriginLatGeoKey: 0, ProjFalseEastingGeoKey: 0, ProjFalseNorthingGeoKey: 0,
    });
    assert.ok(crs.ok);
    assert.equal(crs.value.equalArea, true);
    const reference = '+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +x_0=0 +y_0=0 +datum=WGS84 +units=m';
    const p = [116.2, 28.6];
    const ours = proj4('EPSG:4326', crs.value.proj4, p);
    const theirs = proj4('EPSG:4326', reference, p);
    assert.ok(Math.abs(ours[0]! - theirs[0]!) < 1e-6 && Math.abs(ours[1]! - theirs[1]!) < 1e-6);
  });

  it('builds transverse Mercator and Lambert conformal conic from their keys', () => {
    const tm = crsFromGeoKeys({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4490, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 1, ProjNatOriginLongGeoKey: 117, ProjScaleAtNatOriginGeoKey: 1, ProjFalseEastingGeoKey: 500000 });
    assert.ok(tm.ok && tm.value.proj4.includes('+proj=tmerc') && tm.value.proj4.includes('+lon_0=117') && !tm.value.equalArea);
    const lcc = crsFromGeoKeys({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 8, ProjStdParallel1GeoKey: 25, ProjStdParallel2GeoKey: 47, ProjFalseOriginLongGeoKey: 110 });
    assert.ok(lcc.ok && lcc.value.proj4.includes('+proj=lcc') && lcc.value.proj4.includes('+lon_0=110'));
  });

  it('reads EPSG codes of projected and geographic rasters, and honours feet', () => {
    const utm = crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32650 });
    assert.ok(utm.ok && utm.value.label === 'EPSG:32650');
    const geo = crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4490 });
    assert.ok(geo.ok && geo.value.geographic);
    const feet = crsFromGeoKeys({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 11, ProjLinearUnitsGeoKey: 9002 });
    assert.ok(feet.ok && Math.abs(feet.value.metresPerUnit - 0.3048) < 1e-12);
  });

  it('a user-defined datum on Krassovsky without a shift is an error; on WGS 84 it is accepted', () => {
    const krass = crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 32767, GeogEllipsoidGeoKey: 7024 });
    assert.ok(!krass.ok && krass.error.code === 'unknown_datum');
    const wgs = crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 32767, GeogGeodeticDatumGeoKey: 32767, GeogSemiMajorAxisGeoKey: 6378137, GeogInvFlatteningGeoKey: 298.257223563 });
    assert.ok(wgs.ok);
  });

  it('no CRS, geocentric and unsupported projection methods are errors', () => {
    const none = crsFromGeoKeys({ GTRasterTypeGeoKey: 1 });
    assert.ok(!none.ok && none.error.code === 'raster_no_crs');
    const geocentric = crsFromGeoKeys({ GTModelTypeGeoKey: 3 });
    assert.ok(!geocentric.ok && geocentric.error.code === 'unknown_crs');
    const polar = crsFromGeoKeys({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 15 });
    assert.ok(!polar.ok && polar.error.code === 'unknown_crs');
  });
});

describe('--regions-crs', () => {
  it('accepts wgs84, gcj02 and EPSG:N in any case', () => {
    assert.deepEqual(parseRegionsCrs('WGS84'), { kind: 'wgs84' });
    assert.deepEqual(parseRegionsCrs('gcj02'), { kind: 'gcj02' });
    assert.deepEqual(parseRegionsCrs('epsg:4490'), { kind: 'epsg', code: 4490 });
    assert.equal(parseRegionsCrs('bd09'), null);
  });
});
