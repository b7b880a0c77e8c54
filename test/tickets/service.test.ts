import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { InvalidTransitionError } from '../../tickets/lifecycle.js';
import type { TicketDraft } from '../../tickets/model.js';
import { parseRoutingConfig } from '../../tickets/routing.js';
import { DRAFT_DEDUPE_MS, InvalidTicketDraftError, TicketService } from '../../tickets/service.js';
import { outboxRowFrom, type StoredOutboxRow } from '../../tickets/store/rows.js';
import { openSqliteDatabase } from '../../tickets/store/sqlite.js';
import { TicketNotFoundError, VersionConflictError, type Database, type OutboxRow } from '../../tickets/store/types.js';
import { sampleNewTicket } from './fixtures.js';

const routing = parseRoutingConfig(
  {
    queues: {
      us: {},
      canada: {},
      emea: { webhook: { url: 'https://itsm.example.com/emea', secretEnv: 'EMEA_HOOK_SECRET' } },
      apac: {},
    },
    rules: [{ region: 'us', queue: 'us' }, { region: 'canada', queue: 'canada' }, { region: 'emea', queue: 'emea' }, { queue: 'apac' }],
  },
  'test',
);

function sampleDraft(overrides: Partial<TicketDraft> = {}): TicketDraft {
  const { severity, region, cloud, category, summary, description, scope, evidence, customer, transcript } = sampleNewTicket();
  return { severity, region, cloud, category, summary, description, scope, evidence, customer, transcript, ...overrides };
}

const otherCustomer = { ...sampleDraft().customer, userId: 'u2', conversation: { ...sampleDraft().customer.conversation, userId: 'u2', conversationId: 'a:2' } };

describe('TicketService', () => {
  let dir: string;
  let database: Database;
  let now: number;
  let writes: number;
  let service: TicketService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-'));
    database = openSqliteDatabase(join(dir, 'tickets.db'));
    now = Date.parse('2025-04-01T09:00:00.000Z');
    writes = 0;
    service = new TicketService({ store: database.tickets, routing, clock: () => new Date(now), onOutboxWritten: () => writes++ });
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Every live outbox row, oldest first, read straight from the file: claiming would count an
   * attempt, and hands out only each ticket's oldest message.
   */
  const outbox = async (): Promise<OutboxRow[]> => {
    const raw = new BetterSqlite3(join(dir, 'tickets.db'), { readonly: true });
    try {
      const rows = raw
        .prepare('SELECT id, ticket_number, kind, target, payload, attempts, next_attempt_at, last_error FROM outbox WHERE dead = 0 ORDER BY id')
        .all() as StoredOutboxRow[];
      return rows.map(outboxRowFrom);
    } finally {
      raw.close();
    }
  };
  /** Removes the rows seen so far, as delivering them would. */
  const deliverAll = async (): Promise<void> => {
    for (const row of await outbox()) expect(await database.tickets.completeOutbox(row.id, row.attempts)).toBe(true);
  };

  describe('open', () => {
    it('files INC-000001 in the queue of its region with its outbox messages', async () => {
      const { ticket, created } = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      expect(created).toBe(true);
      expect(ticket).toMatchObject({ number: 'INC-000001', status: 'new', queue: 'us', critical: false, version: 1, createdAt: '2025-04-01T09:00:00.000Z' });
      expect(ticket.history).toEqual([{ at: '2025-04-01T09:00:00.000Z', action: 'open', from: null, to: 'new' }]);
      expect(ticket.evidence).toEqual(sampleDraft().evidence);
      expect(await service.get('INC-000001')).toEqual(ticket);
      expect(await outbox()).toEqual([expect.objectContaining({ kind: 'queue_card', ticketNumber: 'INC-000001', target: { queue: 'us' }, payload: { event: 'opened' }, attempts: 0 })]);
      expect(writes).toBe(1);
    });

    it('adds a webhook message for a queue with a webhook and marks severity 1 critical', async () => {
      const { ticket } = await service.open(sampleDraft({ region: 'emea', severity: 1 }), { activityKey: 'activity-1' });
      expect(ticket).toMatchObject({ queue: 'emea', critical: true });
      expect((await outbox()).map(({ kind, target, payload }) => ({ kind, target, payload }))).toEqual([
        { kind: 'queue_card', target: { queue: 'emea' }, payload: { event: 'opened' } },
        // only the queue: the deliverer posts to the queue's webhook URL as configured at delivery time
        { kind: 'webhook', target: { queue: 'emea' }, payload: { event: 'opened' } },
      ]);
    });

    it('returns the same ticket for a redelivered activity', async () => {
      const first = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      now += 60 * 60 * 1000;
      const again = await service.open(sampleDraft({ summary: 'something else entirely' }), { activityKey: 'activity-1' });
      expect(again).toEqual({ ticket: first.ticket, created: false });
      expect(await outbox()).toHaveLength(1);
      expect(writes).toBe(1);
    });

    it('returns the same ticket for the same draft from the same customer within 10 minutes', async () => {
      const first = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      now += DRAFT_DEDUPE_MS - 1;
      const resent = sampleDraft({ summary: `  ${sampleDraft().summary.toUpperCase()} `, description: sampleDraft().description.replace(/ /g, '\n  ') });
      expect(await service.open(resent, { activityKey: 'activity-2' })).toEqual({ ticket: first.ticket, created: false });
    });

    it('files a new ticket for the same draft after 10 minutes', async () => {
      await service.open(sampleDraft(), { activityKey: 'activity-1' });
      now += DRAFT_DEDUPE_MS;
      const later = await service.open(sampleDraft(), { activityKey: 'activity-2' });
      expect(later.created).toBe(true);
      expect(later.ticket.number).toBe('INC-000002');
    });

    it('returns the activity’s own ticket when it is redelivered after its draft key moved to a later ticket', async () => {
      const first = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      now += DRAFT_DEDUPE_MS;
      const second = await service.open(sampleDraft(), { activityKey: 'activity-2' });
      expect(second.created).toBe(true);
      expect(await service.open(sampleDraft(), { activityKey: 'activity-1' })).toEqual({ ticket: first.ticket, created: false });
      expect(await service.open(sampleDraft(), { activityKey: 'activity-3' })).toEqual({ ticket: second.ticket, created: false });
    });

    it('files a new ticket for another customer with the same text', async () => {
      await service.open(sampleDraft(), { activityKey: 'activity-1' });
      const other = await service.open(sampleDraft({ customer: otherCustomer }), { activityKey: 'activity-2' });
      expect(other).toMatchObject({ created: true, ticket: { number: 'INC-000002' } });
    });

    it('never stores a secret the draft still carries', async () => {
      const secrets = ['AKIAIOSFODNN7EXAMPLE', 'abc1.def2.ghi3'];
      const draft = sampleDraft({
        summary: 'key AKIAIOSFODNN7EXAMPLE rejected',
        description: 'curl -H "Authorization: Bearer abc1.def2.ghi3" fails; key AKIAIOSFODNN7EXAMPLE',
        transcript: [{ from: 'customer', text: 'my key is AKIAIOSFODNN7EXAMPLE', at: '2025-04-01T08:59:00.000Z' }],
        evidence: [{ kind: 'text', content: 'Authorization: Bearer abc1.def2.ghi3', findings: ['token Bearer abc1.def2.ghi3'], redactions: {} }],
      });
      const { ticket } = await service.open(draft, { activityKey: 'activity-1' });
      const stored = JSON.stringify(await service.get(ticket.number));
      const rows = JSON.stringify(await outbox());
      for (const secret of secrets) {
        expect(stored).not.toContain(secret);
        expect(rows).not.toContain(secret);
      }
      expect(ticket.evidence[0]?.redactions).toEqual({});
    });

    it('refuses a draft that does not match the schema', async () => {
      await expect(service.open({ ...sampleDraft(), severity: 7 } as unknown as TicketDraft, { activityKey: 'a' })).rejects.toThrow(InvalidTicketDraftError);
      await expect(service.open({ ...sampleDraft(), severity: 7 } as unknown as TicketDraft, { activityKey: 'a' })).rejects.toThrow(/severity/);
    });
  });

  describe('act', () => {
    it('acknowledges: version 2, a refreshed card and a notice to the customer', async () => {
      const { ticket } = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      await deliverAll();
      now += 1000;

      const acknowledged = await service.act(ticket.number, { action: 'acknowledge', agent: 'alice', version: 1 });
      expect(acknowledged).toMatchObject({ status: 'acknowledged', version: 2, updatedAt: '2025-04-01T09:00:01.000Z' });
      expect(await service.get(ticket.number)).toEqual(acknowledged);
      expect((await outbox()).map(({ kind, target, payload }) => ({ kind, target, payload }))).toEqual([
        { kind: 'queue_card', target: { queue: 'us' }, payload: { event: 'updated', action: 'acknowledge' } },
        { kind: 'customer_notice', target: ticket.customer.conversation, payload: { event: 'acknowledge', text: 'Your ticket INC-000001 was acknowledged by support.' } },
      ]);
      expect(writes).toBe(2);
    });

    it('tells the customer the resolution note, redacted, and records it in the history', async () => {
      const { ticket } = await service.open(sampleDraft({ region: 'emea' }), { activityKey: 'activity-1' });
      await deliverAll();
      const resolved = await service.act(ticket.number, { action: 'resolve', agent: 'alice', note: 'rotated key AKIAIOSFODNN7EXAMPLE', version: 1 });

      expect(JSON.stringify(resolved)).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(resolved.history.at(-1)).toMatchObject({ action: 'resolve', agent: 'alice', note: expect.stringMatching(/^rotated key /) });
      const rows = await outbox();
      expect(rows.map((row) => row.kind)).toEqual(['queue_card', 'webhook', 'customer_notice']);
      const text = (rows[2]?.payload as { text: string }).text;
      expect(text).toMatch(/^Your ticket INC-000001 was resolved: rotated key /);
      expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    });

    it('does not notify the customer of "start"', async () => {
      const { ticket } = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      await service.act(ticket.number, { action: 'acknowledge', version: 1 });
      await deliverAll();
      await service.act(ticket.number, { action: 'start', agent: 'bob', version: 2 });
      expect((await outbox()).map((row) => row.kind)).toEqual(['queue_card']);
    });

    it('refuses a stale version, an unknown ticket and a transition the status does not allow', async () => {
      const { ticket } = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      await service.act(ticket.number, { action: 'acknowledge', version: 1 });

      await expect(service.act(ticket.number, { action: 'resolve', version: 1 })).rejects.toThrow(VersionConflictError);
      await expect(service.act('INC-000099', { action: 'resolve', version: 1 })).rejects.toThrow(TicketNotFoundError);
      await expect(service.act(ticket.number, { action: 'reopen', version: 2 })).rejects.toThrow(new InvalidTransitionError('reopen', 'acknowledged'));
      expect((await service.get(ticket.number))?.version).toBe(2);
    });
  });

  describe('what customers see', () => {
    it('lists and shows a customer only their own tickets', async () => {
      const mine = await service.open(sampleDraft(), { activityKey: 'activity-1' });
      now += 1000;
      const alsoMine = await service.open(sampleDraft({ summary: 'portal login loops' }), { activityKey: 'activity-2' });
      const theirs = await service.open(sampleDraft({ customer: otherCustomer }), { activityKey: 'activity-3' });
      const me = { channel: 'msteams', userId: 'u1' };

      expect((await service.listForCustomer(me, 10)).map((ticket) => ticket.number)).toEqual([alsoMine.ticket.number, mine.ticket.number]);
      expect(await service.getForCustomer(mine.ticket.number, me)).toEqual(mine.ticket);
      expect(await service.getForCustomer(theirs.ticket.number, me)).toBeUndefined();
      expect(await service.getForCustomer(theirs.ticket.number, { channel: 'webchat', userId: 'u2' })).toBeUndefined();
      expect(await service.getForCustomer('INC-000404', me)).toBeUndefined();
      expect((await service.list({ limit: 10 })).tickets).toHaveLength(3);
    });
  });
});
