/** The store contract on SQLite: on the writer thread (the default) and on the calling thread. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from './open.js';
import { storeContract } from './store-contract.js';
import { transferMachine } from './test-support/transfer-machine.js';

for (const sqliteThread of ['worker', 'main'] as const) {
  storeContract({
    name: `sqlite (${sqliteThread} thread)`,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'neutral-sqlite-'));
      const file = join(dir, 'journal.db');
      const raw = <T>(body: (db: Database.Database) => T): T => {
        const db = new Database(file);
        try {
          return body(db);
        } finally {
          db.close();
        }
      };
      return {
        target: { dialect: 'sqlite', file },
        open: (options = {}) => openStore({ dialect: 'sqlite', file }, transferMachine, { ...options, sqliteThread }),
        exec: async (sql) => raw((db) => void db.exec(sql)),
        forceEventPayload: async (seq, payload) => raw((db) => {
          db.exec('DROP TRIGGER events_no_update');
          db.prepare('UPDATE events SET payload = ? WHERE seq = ?').run(payload, seq);
        }),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  });
}
