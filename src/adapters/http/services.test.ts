import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoTime, shanghaiTime } from './services.js';

const plain = (date: Date): string => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

test('shanghaiTime: seconds precision at +08:00, the same whatever came before (it keeps the last second\u2019s text)', () => {
  assert.equal(shanghaiTime(new Date('2026-11-23T16:22:01.999Z')), '2026-11-24T00:22:01+08:00');
  assert.equal(shanghaiTime(new Date('2026-11-23T16:22:01.000Z')), '2026-11-24T00:22:01+08:00');
  assert.equal(shanghaiTime(new Date('2026-11-23T16:22:02.000Z')), '2026-11-24T00:22:02+08:00');
  assert.equal(shanghaiTime(new Date(-500)), '1970-01-01T07:59:59+08:00');
  assert.throws(() => shanghaiTime(new Date(NaN)), RangeError);
  const instant = fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 });
  fc.assert(fc.property(fc.array(instant, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 2500 }), (times, step) => {
    for (const t of times) for (const ms of [t, t + step, t]) assert.equal(shanghaiTime(new Date(ms)), plain(new Date(ms)));
  }));
});

test('isoTime: toISOString, whatever came before (the same millisecond, the same second, another second; years beyond 9999 and before 0)', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -8.64e15 + 1500, max: 8.64e15 - 1500 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1500 }), (times, step) => {
    for (const t of times) for (const ms of [t, t, t + step, t + 1, t - step]) assert.equal(isoTime(new Date(ms)), new Date(ms).toISOString());
  }));
  for (const ms of [0, 999, 1000, 1001, -1, -999, -1000, -1001, 253402300799999, 253402300800000, -62167219200000, -62167219200001]) assert.equal(isoTime(new Date(ms)), new Date(ms).toISOString(), String(ms));
  assert.throws(() => isoTime(new Date(NaN)), RangeError);
});
