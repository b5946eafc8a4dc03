/**
 * Roles a route admits. `public`: anyone, no login. `authenticated`: any logged-in user. The
 * participant kinds of market.md §2 (a user acting for a participant holds its kind), and two
 * for the accounting side and the accounts: `planner` (runs computations) and `admin` (users,
 * tokens of others, the audit log). The check is one middleware in app.ts that reads `route.roles`.
 */
import { PARTICIPANT_KINDS, type ParticipantKind } from '../../core/registry/types.js';

export const PSEUDO_ROLES = ['public', 'authenticated'] as const;
export const STAFF_ROLES = ['planner', 'admin'] as const;
export const ROLES = [...PSEUDO_ROLES, ...STAFF_ROLES, ...PARTICIPANT_KINDS] as const;
export type Role = (typeof ROLES)[number];

/** Roles a user can be given (the pseudo roles are implied). */
export const USER_ROLES: readonly Role[] = [...STAFF_ROLES, ...PARTICIPANT_KINDS];

export const isParticipantKind = (role: string): role is ParticipantKind => (PARTICIPANT_KINDS as readonly string[]).includes(role);

/** Whether a caller with `held` roles (none when anonymous) may call a route admitting `admitted`. */
export function admits(admitted: readonly Role[], held: readonly string[] | null): boolean {
  if (admitted.includes('public')) return true;
  if (held === null) return false;
  if (admitted.includes('authenticated')) return true;
  return admitted.some((role) => held.includes(role));
}
