/**
 * Roles a route admits. A placeholder until accounts land: `public` (anyone, no login) and
 * `planner` (runs computations). Nothing enforces them yet; every caller is treated as holding
 * every role. The accounts module replaces this list with the roles of market.md §2 and adds
 * the check (and the audit-log entry of every refusal) in one middleware that reads `route.roles`.
 */
export const ROLES = ['public', 'planner'] as const;
export type Role = (typeof ROLES)[number];

/** Every role: the caller of a request until accounts decide who the caller is. */
export const ALL_ROLES: readonly Role[] = ROLES;
