/**
 * From a compensation result of `neutral account --format json` (contracts.md §4) to the
 * `compensation.settle` command that clears it (market.md §8): the result's year, regions,
 * roles and amounts, its `balanced` flag, and the SHA-256 of the result file, so the journal
 * stays self-contained and names what it cleared.
 */
import { hash } from 'node:crypto';
import { z } from 'zod';
import type { CommandEnvelope } from '../../core/journal/types.js';
import { type Result, err, ok } from '../../core/result.js';
import type { Problem } from '../problems.js';

const resultSchema = z.object({
  params: z.object({ compensation: z.object({ balanced: z.boolean() }).passthrough() }).passthrough(),
  compensation: z.object({
    year: z.number().int(),
    regions: z.array(z.object({ region_code: z.string(), role: z.enum(['pay', 'receive', 'balance']), amount_10k_yuan: z.number().nullable() }).passthrough()),
  }).passthrough().nullable().optional(),
}).passthrough();

export interface SettleOptions {
  readonly actor: string;
  readonly key: string;
  readonly at: string;
  readonly creditRoutes?: readonly { regionCode: string; certificateIds: string[] }[];
}

export function settleCommand(text: string, file: string, options: SettleOptions): Result<CommandEnvelope, Problem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return err({ code: 'bad_format', file, message: `not JSON: ${(cause as Error).message}` });
  }
  const parsed = resultSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ code: 'bad_format', file, path: `$.${issue.path.join('.')}`, message: `not an accounting result (contracts.md §4): ${issue.message}` });
  }
  const compensation = parsed.data.compensation;
  if (compensation === null || compensation === undefined) return err({ code: 'bad_format', file, path: '$.compensation', message: 'the result has no compensation: run `neutral account` with compensation inputs' });
  const missing = compensation.regions.findIndex((r) => r.amount_10k_yuan === null);
  if (missing >= 0) return err({ code: 'bad_format', file, path: `$.compensation.regions[${missing}].amount_10k_yuan`, message: 'an amount that could not be computed cannot be cleared' });
  return ok({
    key: options.key, actor: options.actor, type: 'compensation.settle', at: options.at,
    payload: {
      year: compensation.year, resultHash: hash('sha256', text, 'hex'), balanced: parsed.data.params.compensation.balanced,
      regions: compensation.regions.map((r) => ({ regionCode: r.region_code, role: r.role, amount10kYuan: r.amount_10k_yuan! })),
      creditRoutes: options.creditRoutes ?? [],
    },
  });
}
