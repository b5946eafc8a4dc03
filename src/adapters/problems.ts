/**
 * Expected failures at the edge: one closed set of codes, each mapped once to its exit
 * code and HTTP status. Messages say what was expected and what was found.
 */
export const PROBLEM_TABLE = {
  // command line
  bad_flag: { exit: 2, http: 400 },
  missing_file: { exit: 2, http: 400 },
  unreadable_file: { exit: 2, http: 400 },
  bad_format: { exit: 2, http: 400 },
  output_required: { exit: 2, http: 400 },
  // region and fuel tables (accounting spec §7)
  missing_column: { exit: 2, http: 422 },
  missing_value: { exit: 2, http: 422 },
  malformed_region_code: { exit: 2, http: 422 },
  multiple_provinces: { exit: 2, http: 422 },
  duplicate_region_year: { exit: 2, http: 422 },
  negative_quantity: { exit: 2, http: 422 },
  not_a_number: { exit: 2, http: 422 },
  bad_year: { exit: 2, http: 422 },
  duplicate_quantity: { exit: 2, http: 422 },
  header_without_unit: { exit: 2, http: 422 },
  unknown_unit: { exit: 2, http: 422 },
  unknown_fuel: { exit: 2, http: 422 },
  bad_fuel_unit: { exit: 2, http: 422 },
  missing_grid_factor: { exit: 2, http: 422 },
  unmatched_row: { exit: 2, http: 422 },
  // parameters
  unknown_param_field: { exit: 2, http: 422 },
  bad_param_value: { exit: 2, http: 422 },
  bad_expression: { exit: 2, http: 422 },
  zoning_no_final_true: { exit: 2, http: 422 },
  basis_conflict: { exit: 2, http: 422 },
  // runs
  unknown_year: { exit: 2, http: 422 },
  no_regions: { exit: 2, http: 422 },
  // pathway scenarios (planning.md §1, contracts.md §5)
  period_overlap: { exit: 2, http: 422 },
  period_gap: { exit: 2, http: 422 },
  rate_out_of_range: { exit: 2, http: 422 },
  bad_rate_count: { exit: 2, http: 422 },
  conflicting_fields: { exit: 2, http: 422 },
  missing_field: { exit: 2, http: 422 },
  no_uncertainty: { exit: 2, http: 422 },
  solve_infeasible: { exit: 2, http: 422 },
  nothing_to_solve: { exit: 2, http: 422 },
  // city score (planning.md §2, contracts.md §6)
  missing_indicator: { exit: 2, http: 422 },
  unknown_indicator: { exit: 2, http: 422 },
  duplicate_indicator: { exit: 2, http: 422 },
  missing_param: { exit: 2, http: 422 },
  ahp_bad_matrix: { exit: 2, http: 422 },
  ahp_not_reciprocal: { exit: 2, http: 422 },
  ahp_inconsistent: { exit: 2, http: 422 },
  all_constant: { exit: 2, http: 422 },
  too_few_rows: { exit: 2, http: 422 },
  entropy_negative: { exit: 2, http: 422 },
  policy_needs_panel: { exit: 2, http: 422 },
  unknown_region: { exit: 2, http: 422 },
  // land use from maps (accounting spec §6, contracts.md §1 zonal)
  raster_no_crs: { exit: 2, http: 422 },
  raster_rotated: { exit: 2, http: 422 },
  raster_unsupported: { exit: 2, http: 422 },
  raster_corrupt: { exit: 2, http: 422 },
  unknown_crs: { exit: 2, http: 422 },
  unknown_datum: { exit: 2, http: 422 },
  bad_geometry: { exit: 2, http: 422 },
  coordinates_out_of_range: { exit: 2, http: 422 },
  region_outside_raster: { exit: 2, http: 422 },
  bad_class_mapping: { exit: 2, http: 422 },
  // market journals and event logs (contracts.md §1 market replay / verify, §7)
  malformed_command: { exit: 2, http: 400 },
  unknown_command_type: { exit: 2, http: 400 },
  chain_broken: { exit: 2, http: 422 },
  ledger_invariant_broken: { exit: 2, http: 422 },
  // HTTP requests (contracts.md §8)
  not_found: { exit: 2, http: 404 },
  payload_too_large: { exit: 2, http: 413 },
  unsupported_media_type: { exit: 2, http: 415 },
  bad_idempotency_key: { exit: 2, http: 400 },
  bad_cursor: { exit: 2, http: 400 },
  // accounts and roles (docs/http.md): every one of these is written to the audit log
  unauthenticated: { exit: 2, http: 401 },
  bad_credentials: { exit: 2, http: 401 },
  forbidden: { exit: 2, http: 403 },
  csrf_failed: { exit: 2, http: 403 },
  too_many_attempts: { exit: 2, http: 429 },
  idempotency_key_reused: { exit: 2, http: 422 },
  // registry commands over HTTP: the journaled refusal's own code is in error.reason
  command_rejected: { exit: 2, http: 422 },
  user_exists: { exit: 2, http: 409 },
  // databases (contracts.md §0 --db, §1 db migrate)
  db_unavailable: { exit: 2, http: 503 },
  schema_too_new: { exit: 2, http: 500 },
  journal_corrupt: { exit: 2, http: 500 },
  // bugs
  internal: { exit: 1, http: 500 },
} as const satisfies Record<string, { exit: 1 | 2; http: number }>;

export type ProblemCode = keyof typeof PROBLEM_TABLE;

/** Where a problem is: a table cell, a JSON path or a JSONL line. */
export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly file?: string;
  /** Spreadsheet row: the header is row 1. */
  readonly row?: number;
  readonly column?: string;
  /** JSON path such as `$.compensation.price.usdCny`. */
  readonly path?: string;
  readonly line?: number;
}

/** `FILE:ROW:COLUMN: code: message`, `FILE:$.path: code: message` or `FILE:LINE: code: message`. */
export function formatProblem(problem: Problem): string {
  const where: string[] = [];
  if (problem.file !== undefined) where.push(problem.file);
  if (problem.path !== undefined) where.push(problem.column === undefined ? problem.path : `${problem.path}.${problem.column}`);
  else if (problem.row !== undefined) {
    where.push(String(problem.row));
    if (problem.column !== undefined) where.push(problem.column);
  } else if (problem.line !== undefined) where.push(String(problem.line));
  const prefix = where.length > 0 ? where.join(':') : 'neutral';
  return `${prefix}: ${problem.code}: ${problem.message}`;
}

export function exitCodeOf(problems: readonly Problem[]): 1 | 2 {
  return problems.some((p) => PROBLEM_TABLE[p.code].exit === 1) ? 1 : 2;
}
