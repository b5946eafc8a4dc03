/**
 * The store contract on PostgreSQL. Never skipped: the helper starts the cluster when it is
 * down and makes a throwaway database per test, dropped afterwards.
 */
import pg from 'pg';
import { openStore } from './open.js';
import { storeContract } from './store-contract.js';
import { throwawayDatabase } from './test-support/postgres.js';
import { transferMachine } from './test-support/transfer-machine.js';

storeContract({
  name: 'postgres',
  fresh: async () => {
    const database = await throwawayDatabase();
    const raw = async (body: (client: pg.Client) => Promise<unknown>): Promise<void> => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await body(client);
      } finally {
        await client.end();
      }
    };
    return {
      target: { dialect: 'postgres', url: database.url },
      open: (options = {}) => openStore({ dialect: 'postgres', url: database.url }, transferMachine, options),
      exec: (sql) => raw((client) => client.query(sql)),
      forceEventPayload: (seq, payload) => raw(async (client) => {
        await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
        await client.query('UPDATE events SET payload = $1::json WHERE seq = $2', [payload, seq]);
      }),
      cleanup: () => database.drop(),
    };
  },
});
