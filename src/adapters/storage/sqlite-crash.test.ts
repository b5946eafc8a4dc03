/** kill -9 under load on SQLite, NEUTRAL_CRASH_RUNS times (default 20): see test-support/crash.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashCampaign, crashSettings } from './test-support/crash.js';

test('sqlite: every acknowledged command survives kill -9, none is half-applied, the chain verifies', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-crash-'));
  const file = join(dir, 'journal.db');
  const { runs, seed } = crashSettings();
  try {
    const report = await crashCampaign({ dialect: 'sqlite', file }, `sqlite:${file}`, { runs, seed });
    t.diagnostic(`${report.runs} kills, ${report.acknowledged} acknowledged commands checked, seed ${report.seed}`);
    assert.ok(report.acknowledged > report.runs, 'the writer was under load when killed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
