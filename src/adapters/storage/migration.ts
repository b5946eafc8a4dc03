/** A schema change, numbered; each dialect keeps its own list (SQL differs, history does not). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrationReport {
  /** Migrations applied by this run, in order (empty when the schema was current). */
  readonly applied: readonly Migration[];
  /** The schema version after the run. */
  readonly version: number;
}

/** Pending migrations, or the version the database has that this code does not know. */
export function pendingMigrations(all: readonly Migration[], current: number): readonly Migration[] | { readonly tooNew: number; readonly latest: number } {
  const latest = all.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) return { tooNew: current, latest };
  return all.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
}
