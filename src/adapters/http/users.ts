/**
 * What a new user must be, for `POST /api/v1/users` and `neutral user add` alike: the same
 * schema (username, password, participant, roles) and the same rule that a user's participant
 * kind is its participant's kind. Problems name the field as the caller knows it (`$.roles`
 * over HTTP, `--role` on the command line), through `FieldNames`.
 */
import { z } from 'zod';
import { type Result, err, ok } from '../../core/result.js';
import type { AccountsStore, User } from '../accounts/port.js';
import { type ScryptCost, hashPassword } from '../accounts/secrets.js';
import type { ApiProblem } from './errors.js';
import { USER_ROLES } from './roles.js';

export const Username = z.string().regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, 'lower-case letters, digits, _ . - (2 to 64)');
export const Password = z.string().min(10, 'at least 10 characters').max(200);
export const ParticipantId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
export const UserRole = z.enum(USER_ROLES as [string, ...string[]]);

export const newUserSchema = z.strictObject({
  username: Username,
  password: Password,
  participantId: ParticipantId.nullable().default(null),
  roles: z.array(UserRole).min(1).max(8),
});
export type NewUser = z.output<typeof newUserSchema>;

/** How a field is named where the request came from. */
export interface FieldNames {
  readonly username: string;
  readonly participantId: string;
  readonly roles: string;
}
export const JSON_FIELDS: FieldNames = { username: '$.username', participantId: '$.participantId', roles: '$.roles' };

/**
 * A user's participant kinds: at most one, only with a participant, and the participant's own
 * kind when the registry knows it (`knownKind`); planner and admin need no participant.
 */
export function kindProblem(user: Pick<NewUser, 'participantId' | 'roles'>, knownKind: string | undefined, names: FieldNames): ApiProblem | null {
  const kinds = [...new Set(user.roles)].filter((r) => r !== 'planner' && r !== 'admin');
  if (kinds.length > 0 && user.participantId === null) return { code: 'bad_param_value', field: names.participantId, message: `roles ${kinds.join(', ')} act for a participant: give ${names.participantId}` };
  if (kinds.length > 1) return { code: 'bad_param_value', field: names.roles, message: 'at most one participant kind: a user acts for one participant' };
  if (knownKind !== undefined && kinds[0] !== undefined && kinds[0] !== knownKind) return { code: 'bad_param_value', field: names.roles, message: `participant ${user.participantId} is a ${knownKind}, not a ${kinds[0]}` };
  return null;
}

/** Checks the kind rule, hashes the password and stores the user; `user_exists` when the name is taken. */
export async function createUser(accounts: AccountsStore, input: NewUser, knownKind: string | undefined, options: { scrypt?: ScryptCost; at: Date; names: FieldNames }): Promise<Result<User, ApiProblem>> {
  const problem = kindProblem(input, knownKind, options.names);
  if (problem !== null) return err(problem);
  const user: User = { username: input.username, participantId: input.participantId, roles: [...new Set(input.roles)].sort() };
  const created = await accounts.createUser(user, await hashPassword(input.password, options.scrypt), options.at.toISOString());
  return created ? ok(user) : err({ code: 'user_exists', field: options.names.username, message: `user ${input.username} exists` });
}
