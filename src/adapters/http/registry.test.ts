/**
 * Registry over HTTP on SQLite, seeded with examples/market/registry-cooperative-forest.jsonl:
 * commands as the caller's participant, idempotent retries, refusals that write nothing, and
 * the reads (public view without login, history, statements, holdings, event log paging).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeSchema } from './routes/commands.js';
import { historySchema, holdingsSchema, memberStatementRowSchema, projectSchema, statementLineSchema, statementSchema } from './routes/registry-schemas.js';
import { pageSchema } from './paging.js';
import { bearer, exampleCommands, testContext } from './test-support/context.js';
import type { ErrorBody } from './test-support/client.js';

const ctx = await testContext({ seed: exampleCommands() });
after(() => ctx.close());
const emitter = await ctx.user('nanchang', ['emitter-enterprise'], 'emitter');
const farmer1 = await ctx.user('liwei', ['farmer'], 'farmer1');
const farmer2 = await ctx.user('wangfang', ['farmer'], 'farmer2');
const admin = await ctx.user('registrar', ['registry-administrator'], 'admin');

const command = (type: string, body: unknown, token: string, key?: string) => ctx.app.request(`/api/v1/commands/${type}`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(token), ...(key !== undefined ? { 'Idempotency-Key': key } : {}) }, body: JSON.stringify(body),
});
const read = (path: string, token?: string) => ctx.app.request(`/api/v1${path}`, { headers: bearer(token) });

test('a command acts as the caller\u2019s participant; a retry with the key gets the same bytes; another body with it is refused and writes nothing', async () => {
  const retire = { quantityT: 10, beneficiary: 'Nanchang steel', purpose: 'voluntary', note: 'API test' };
  const first = await command('credits.retire', retire, emitter, 'api-retire-1');
  assert.equal(first.status, 201);
  const text = await first.text();
  const out = outcomeSchema.parse(JSON.parse(text));
  assert.equal(out.actor, 'emitter');
  assert.equal(out.events[0]?.type, 'credits.retired');
  const head = await ctx.store.head();
  const retry = await command('credits.retire', retire, emitter, 'api-retire-1');
  assert.equal(retry.status, 201);
  assert.equal(await retry.text(), text, 'the same response');
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  const other = await command('credits.retire', { ...retire, quantityT: 11 }, emitter, 'api-retire-1');
  assert.equal(other.status, 422);
  assert.equal(((await other.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  assert.deepEqual(await ctx.store.head(), head, 'nothing journaled by the retry or the refusal');
});

test('a key the journal knows (sent another way) answers its first outcome, or is refused with another payload, before anything is written', async () => {
  const payload = { to: 'coop', amountFen: 100, reference: 'direct' };
  const [ack] = await ctx.store.submit([{ key: 'direct-1', actor: 'emitter', type: 'cash.transfer', at: '2025-04-01T09:00:00+08:00', payload }]);
  assert.equal(ack?.accepted, true);
  const head = await ctx.store.head();
  const same = await command('cash.transfer', payload, emitter, 'direct-1');
  assert.equal(same.status, 201);
  assert.equal(outcomeSchema.parse(await same.json()).events[0]?.seq, ack?.events[0]?.seq);
  const changed = await command('cash.transfer', { ...payload, amountFen: 101 }, emitter, 'direct-1');
  assert.equal(((await changed.json()) as ErrorBody).error.code, 'idempotency_key_reused');
  assert.deepEqual(await ctx.store.head(), head);
});

test('a command the registry refuses is journaled and answered command_rejected with its reason, the same on retry', async () => {
  const tooMuch = { to: 'coop', quantityT: 1_000_000 };
  const first = await command('credits.transfer', tooMuch, emitter, 'too-much');
  assert.equal(first.status, 422);
  const body = (await first.json()) as ErrorBody;
  assert.equal(body.error.code, 'command_rejected');
  assert.equal(body.error.reason, 'insufficient_units');
  const retry = await command('credits.transfer', tooMuch, emitter, 'too-much');
  assert.deepEqual(await retry.json(), body);
  const schema = await command('credits.transfer', { to: 'coop', quantityT: -1, bogus: 1 }, emitter);
  assert.equal(schema.status, 422);
  assert.deepEqual(((await schema.json()) as ErrorBody).error.problems?.map((p) => p.field).sort(), ['$.bogus', '$.quantityT']);
});

test('public registry view without login: projects with lifecycle, retirements, certificate, serial check', async () => {
  const projects = (await (await read('/registry/projects')).json()) as { items: unknown[] };
  const xg = projectSchema.parse(projects.items[0]);
  assert.equal(xg.projectId, 'XG01');
  assert.deepEqual(xg.steps.map((s) => s.step).slice(0, 3), ['submitted', 'validated', 'registered']);
  assert.ok(xg.issuances[0] !== undefined && xg.issuances[0].issuedT > 0);
  const retirements = (await (await read('/registry/retirements')).json()) as { items: { certificateId: string; serials: string[] }[] };
  const certificate = retirements.items[0]!;
  const page = (await (await read(`/registry/certificates/${certificate.certificateId}`)).json()) as { checks: { parts: { status: string }[] }[] };
  assert.ok(page.checks.every((c) => c.parts.every((p) => p.status === 'retired')));
  const check = (await (await read(`/registry/serials/${certificate.serials[0]}`)).json()) as { parts: { certificateId: string }[] };
  assert.equal(check.parts[0]?.certificateId, certificate.certificateId);
  assert.equal((await read('/registry/serials/NTL-360732-NOPE-2023-1-1')).status, 404);
});

test('retirements page in the order issued, or newest first with order=newest, the cursor going on downwards', async () => {
  // Enough certificates that NTL-RC-10 and on exist: by the bare id they would sort among the first.
  for (let i = 0; i < 9; i++) assert.equal((await command('credits.retire', { quantityT: 1, beneficiary: `Buyer ${i}`, purpose: 'voluntary' }, emitter)).status, 201);
  type Page = { items: { certificateId: string }[]; next_cursor: string | null };
  const walk = async (order: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await read(`/registry/retirements?limit=3${order}${cursor === null ? '' : `&cursor=${cursor}`}`);
      assert.equal(response.status, 200);
      const page = (await response.json()) as Page;
      ids.push(...page.items.map((c) => c.certificateId));
      cursor = page.next_cursor;
    } while (cursor !== null);
    return ids;
  };
  const oldest = await walk('');
  assert.ok(oldest.length >= 10);
  assert.deepEqual(oldest, oldest.map((_, i) => `NTL-RC-${i + 1}`), 'in the order issued, NTL-RC-10 after NTL-RC-9');
  assert.deepEqual(await walk('&order=oldest'), oldest);
  assert.deepEqual(await walk('&order=newest'), [...oldest].reverse(), 'newest first, paged: the same certificates the other way round');
  const latest = (await (await read('/registry/retirements?limit=1&order=newest')).json()) as Page & { items: { beneficiary: string }[] };
  assert.equal(latest.items[0]?.beneficiary, 'Buyer 8');
  const bad = await read('/registry/retirements?order=latest');
  assert.equal(bad.status, 422);
  const body = (await bad.json()) as ErrorBody;
  assert.ok([body.error.field, ...(body.error.problems ?? []).map((p) => p.field)].includes('order'), JSON.stringify(body));
});

test('serial history, a member\u2019s statement (own, not another\u2019s), holdings', async () => {
  const serial = 'NTL-360732-XG01-2023-311-320';
  const history = historySchema.parse(await (await read(`/registry/serials/${serial}/history`, farmer1)).json());
  assert.deepEqual(history.history.map((h) => h.type).slice(0, 3), ['credits.issued', 'credits.transferred', 'credits.retired']);
  assert.equal((await read(`/registry/serials/${serial}/history`)).status, 401);
  const statement = statementSchema.parse(await (await read('/registry/projects/XG01/members/farmer1/statement', farmer1)).json());
  assert.ok(statement.attributedT > 0 && statement.paidFen === 1_000_000);
  assert.equal(statement.outstandingFen, statement.payableFen - statement.paidFen);
  const before = (await ctx.accounts.auditLog(0, 1e6)).length;
  const other = await read('/registry/projects/XG01/members/farmer1/statement', farmer2);
  assert.equal(other.status, 403);
  assert.equal((await ctx.accounts.auditLog(0, 1e6)).length, before + 1, 'the refusal is audit-logged');
  const holdings = holdingsSchema.parse(await (await read('/registry/participants/emitter/holdings', emitter)).json());
  assert.ok(holdings.cashFen > 0 && holdings.blocks.length > 0);
  assert.equal((await read('/registry/participants/emitter/holdings', farmer1)).status, 403);
  assert.equal((await read('/registry/participants/emitter/holdings', admin)).status, 200);
});

test('a member\u2019s statement lines: paged either way, adding up to the statement; for the same readers', async () => {
  const path = '/registry/projects/XG01/members/farmer1/statement';
  const statement = statementSchema.parse(await (await read(path, farmer1)).json());
  const lines = pageSchema(statementLineSchema).parse(await (await read(`${path}/lines?limit=500`, farmer1)).json());
  assert.equal(lines.next_cursor, null);
  for (const figure of ['attributedT', 'salesFen', 'deductionsFen', 'payableFen', 'paidFen'] as const) {
    assert.equal(lines.items.reduce((sum, line) => sum + line[figure], 0), statement[figure], figure);
  }
  assert.ok(lines.items.some((l) => l.kind === 'issued') && lines.items.some((l) => l.kind === 'payment'), JSON.stringify(lines.items));
  // A page at a time, newest first: the same lines, reversed.
  const newest: number[] = [];
  let cursor: string | null = null;
  do {
    const page = pageSchema(statementLineSchema).parse(await (await read(`${path}/lines?limit=1&order=newest${cursor === null ? '' : `&cursor=${cursor}`}`, farmer1)).json());
    newest.push(...page.items.map((l) => l.seq));
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(newest, lines.items.map((l) => l.seq).reverse());
  // Another member, and a reader without a login, are refused; staff read them.
  const before = (await ctx.accounts.auditLog(0, 1e6)).length;
  assert.equal((await read(`${path}/lines`, farmer2)).status, 403);
  assert.equal((await ctx.accounts.auditLog(0, 1e6)).length, before + 1, 'the refusal is audit-logged');
  assert.equal((await read(`${path}/lines`)).status, 401);
  assert.equal((await read(`${path}/lines`, admin)).status, 200);
  assert.equal((await read('/registry/projects/NOPE/members/farmer1/statement/lines', admin)).status, 404);
});

test('a project\u2019s statements, member by member, for its proponent and staff; not for a member', async () => {
  const coop = await ctx.user('coop-clerk', ['cooperative'], 'coop');
  const all = pageSchema(memberStatementRowSchema).parse(await (await read('/registry/projects/XG01/statements', coop)).json());
  assert.deepEqual(all.items.map((r) => r.memberId), ['farmer1', 'farmer2', 'farmer3']);
  assert.equal(all.next_cursor, null);
  const own = statementSchema.parse(await (await read('/registry/projects/XG01/members/farmer1/statement', farmer1)).json());
  const row = all.items.find((r) => r.memberId === 'farmer1')!;
  assert.deepEqual([row.memberName, row.signedVersion, row.attributedT, row.salesFen, row.deductionsFen, row.payableFen, row.paidFen, row.outstandingFen],
    [own.memberName, own.signedVersion, own.attributedT, own.salesFen, own.deductionsFen, own.payableFen, own.paidFen, own.outstandingFen]);
  // Paged by member id.
  const first = pageSchema(memberStatementRowSchema).parse(await (await read('/registry/projects/XG01/statements?limit=2', admin)).json());
  assert.deepEqual(first.items.map((r) => r.memberId), ['farmer1', 'farmer2']);
  const rest = pageSchema(memberStatementRowSchema).parse(await (await read(`/registry/projects/XG01/statements?limit=2&cursor=${first.next_cursor}`, admin)).json());
  assert.deepEqual(rest.items.map((r) => r.memberId), ['farmer3']);
  assert.equal((await read('/registry/projects/XG01/statements', farmer1)).status, 403);
  assert.equal((await read('/registry/projects/XG01/statements')).status, 401);
  assert.equal((await read('/registry/projects/NOPE/statements', admin)).status, 404);
});

test('event log pages by cursor through the whole chain', async () => {
  const head = await ctx.store.head();
  const seqs: number[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (await read(`/registry/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`, admin)).json()) as { items: { seq: number }[]; next_cursor: string | null };
    seqs.push(...page.items.map((e) => e.seq));
    cursor = page.next_cursor;
  } while (cursor !== null);
  assert.deepEqual(seqs, Array.from({ length: head.seq }, (_, i) => i + 1));
  assert.equal((await read('/registry/events', farmer1)).status, 403);
});

test('event log by range: from and to, paged by cursor, for auditors and replicas', async () => {
  const verifier = await ctx.user('auditor', ['verifier'], 'p-verifier');
  type Page = { items: { seq: number; prevHash: string; hash: string }[]; next_cursor: string | null };
  const pages = async (query: string): Promise<Page[]> => {
    const out: Page[] = [];
    let cursor: string | null = null;
    do {
      const response = await read(`/registry/events?${query}${cursor ? `&cursor=${cursor}` : ''}`, verifier);
      assert.equal(response.status, 200);
      const page = (await response.json()) as Page;
      out.push(page);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return out;
  };
  const ranged = await pages('from=5&to=20&limit=4');
  assert.deepEqual(ranged.map((p) => p.items.map((e) => e.seq)), [[5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20]], 'the last page of a range says so');
  const items = ranged.flatMap((p) => p.items);
  for (let i = 1; i < items.length; i++) assert.equal(items[i]!.prevHash, items[i - 1]!.hash, 'a range is a piece of the chain');
  assert.deepEqual(items, await ctx.store.eventsAfter(4, 16), 'the events as the store holds them');
  const head = await ctx.store.head();
  const tail = await pages(`from=${head.seq - 2}&limit=500`);
  assert.deepEqual(tail.flatMap((p) => p.items.map((e) => e.seq)), [head.seq - 2, head.seq - 1, head.seq], 'without to: up to the head');
  assert.deepEqual(await pages(`from=${head.seq + 1}`), [{ items: [], next_cursor: null }], 'a replica that is caught up gets an empty page');
  const backwards = await read('/registry/events?from=9&to=3', verifier);
  assert.equal(backwards.status, 422);
  assert.deepEqual(((await backwards.json()) as ErrorBody).error.field, 'to');
  const zero = await read('/registry/events?from=0', verifier);
  assert.equal(zero.status, 422);
  assert.equal(((await zero.json()) as ErrorBody).error.field, 'from');
});
