/** kill -9 under load on PostgreSQL, NEUTRAL_CRASH_RUNS times (default 20): see test-support/crash.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { crashCampaign, crashSettings } from './test-support/crash.js';
import { throwawayDatabase } from './test-support/postgres.js';

test('postgres: every acknowledged command survives kill -9, none is half-applied, the chain verifies', async (t) => {
  const database = await throwawayDatabase();
  const { runs, seed } = crashSettings();
  // The killed writer's backend may still be finishing its statement: wait until it is gone,
  // so that the checks read one settled database.
  const settle = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (let i = 0; i < 200; i++) {
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        if (rows[0]?.n === '0') return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the killed writer is still connected after 5 s');
    } finally {
      await client.end();
    }
  };
  try {
    const report = await crashCampaign({ dialect: 'postgres', url: database.url }, database.url, { runs, seed, settle });
    t.diagnostic(`${report.runs} kills, ${report.acknowledged} acknowledged commands checked, seed ${report.seed}`);
    assert.ok(report.acknowledged > report.runs, 'the writer was under load when killed');
  } finally {
    await database.drop();
  }
});
