/** The project form's parcels CSV: columns by name, each problem with its line and column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseParcels } from './parcels.js';

const MESSAGES = { header: 'header', columns: 'expected', none: 'none' };

test('parcels by column name, in any order, a member where the column has one', () => {
  const parsed = parseParcels('landClass,parcelId,areaHm2,memberId\r\nforest,P1,12.5,farmer1\n\ncultivated, P2 ,3,\n', MESSAGES);
  assert.deepEqual(parsed, { ok: true, parcels: [
    { parcelId: 'P1', areaHm2: 12.5, landClass: 'forest', memberId: 'farmer1' },
    { parcelId: 'P2', areaHm2: 3, landClass: 'cultivated' },
  ] });
});

test('a missing or unknown column, a short line, a bad number, no parcel: refused with line and column', () => {
  assert.deepEqual(parseParcels('parcelId,areaHm2', MESSAGES), { ok: false, problems: [{ field: 'parcels line 1', message: 'header (expected parcelId,areaHm2,landClass,memberId; parcelId,areaHm2)' }] });
  assert.equal((parseParcels('parcelId,areaHm2,landClass,owner\nP1,1,forest,x', MESSAGES) as { ok: false }).ok, false);
  assert.deepEqual(parseParcels('parcelId,areaHm2,landClass\nP1,1,forest\nP2,1\nP3,ten,forest\nP4,,forest', MESSAGES), { ok: false, problems: [
    { field: 'parcels line 3', message: '2 values, 3 columns' },
    { field: 'parcels line 4: areaHm2', message: 'not a number: ten' },
    { field: 'parcels line 5: areaHm2', message: 'not a number: (empty)' },
  ] });
  assert.deepEqual(parseParcels('parcelId,areaHm2,landClass\n\n', MESSAGES), { ok: false, problems: [{ field: 'parcels', message: 'none' }] });
});
