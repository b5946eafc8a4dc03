/** The contract form's terms: members by formula, deductions, each problem with its list and line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTerms } from './contract-terms.js';

test('members as the formula wants them, and deductions', () => {
  assert.deepEqual(parseTerms('tonnes', 'farmer1\n\n farmer2 \n', 'verification cost,500,verifier\ncooperative fee, 1000 ,coop'), {
    ok: true, members: [{ memberId: 'farmer1' }, { memberId: 'farmer2' }],
    deductions: [{ name: 'verification cost', shareBp: 500, recipient: 'verifier' }, { name: 'cooperative fee', shareBp: 1000, recipient: 'coop' }],
  });
  assert.deepEqual(parseTerms('fixed', 'farmer1,3\nfarmer2,1', ''), { ok: true, members: [{ memberId: 'farmer1', fixedShare: 3 }, { memberId: 'farmer2', fixedShare: 1 }], deductions: [] });
  assert.deepEqual(parseTerms('per-capita', 'farmer1,4', ''), { ok: true, members: [{ memberId: 'farmer1', persons: 4 }], deductions: [] });
});

test('a share missing or not whole, a value too many, a short deduction, no member: refused with list and line', () => {
  assert.deepEqual(parseTerms('fixed', 'farmer1\nfarmer2,1.5\nfarmer3,2,9', 'fee,ten,coop\nfee'), { ok: false, problems: [
    { field: 'members line 1: fixedShare', message: 'a whole number, found (none)' },
    { field: 'members line 2: fixedShare', message: 'a whole number, found 1.5' },
    { field: 'members line 3', message: 'memberId,fixedShare' },
    { field: 'deductions line 1', message: 'name,shareBp,recipient (shareBp a whole number of basis points)' },
    { field: 'deductions line 2', message: 'name,shareBp,recipient (shareBp a whole number of basis points)' },
  ] });
  assert.deepEqual(parseTerms('area', 'farmer1,2', ''), { ok: false, problems: [{ field: 'members line 1', message: 'one value: memberId' }] });
  assert.deepEqual(parseTerms('tonnes', '\n', ''), { ok: false, problems: [{ field: 'members', message: 'at least one member' }] });
});
