import type BetterSqlite3 from 'better-sqlite3';
import { formatTicketNumber, ticketSchema, type Ticket } from '../model.js';
import {
  checkClaim,
  distinctKeys,
  isoInstant,
  jsonText,
  keyExpiry,
  listQuery,
  outboxRowsFrom,
  pageFromRows,
  queueChannelFrom,
  queueConversationFrom,
  ticketFromRow,
  ticketInsert,
  ticketUpdate,
  type StoredOutboxRow,
} from './rows.js';
import {
  TicketNotFoundError,
  VersionConflictError,
  type CreateTicketResult,
  type IdempotencyKey,
  type NewTicket,
  type OutboxMessage,
  type OutboxRow,
  type QueueChannel,
  type TicketFilter,
  type TicketPage,
  type TicketStore,
} from './types.js';

const insertTicket = ticketInsert(() => '?');
const updateTicket = ticketUpdate(() => '?');

/**
 * Tickets, their idempotency keys and outbox in SQLite. Every write runs in BEGIN IMMEDIATE:
 * it takes the file's write lock before reading, so another process cannot slip a ticket in
 * between reading the highest number and writing the next.
 */
export class SqliteTicketStore implements TicketStore {
  private readonly statements;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.statements = {
      ticket: db.prepare('SELECT body FROM tickets WHERE number = ?').pluck(),
      version: db.prepare('SELECT version FROM tickets WHERE number = ?').pluck(),
      nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM tickets').pluck(),
      insertTicket: db.prepare(insertTicket.sql),
      updateTicket: db.prepare(updateTicket.sql),
      liveKeyOwner: db
        .prepare('SELECT ticket_number FROM idempotency_keys WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)')
        .pluck(),
      // reached only when the key is new or expired (create looked first), so replacing is right
      recordKey: db.prepare(`
        INSERT INTO idempotency_keys (key, ticket_number, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET ticket_number = excluded.ticket_number, expires_at = excluded.expires_at`),
      insertOutbox: db.prepare(
        'INSERT INTO outbox (ticket_number, kind, target, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
      ),
      // Only the oldest live message of each ticket is claimable: the next one waits until it is
      // completed, so a ticket's messages go out in order whichever process claims them. Dead
      // messages do not hold the rest back (they are never sent; the later card shows the ticket anyway).
      claimOutbox: db.prepare(`
        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT o.id FROM outbox o
                     WHERE o.dead = 0 AND o.next_attempt_at <= @now
                       AND NOT EXISTS (SELECT 1 FROM outbox o2
                                       WHERE o2.ticket_number = o.ticket_number AND o2.id < o.id AND o2.dead = 0)
                     ORDER BY o.next_attempt_at, o.id LIMIT @limit)
        RETURNING id, ticket_number, kind, target, payload, attempts, next_attempt_at, last_error`),
      // attempts is the lease's fencing token: a claim after the lease ran out bumped it, so a
      // late call from the earlier holder matches nothing
      completeOutbox: db.prepare('DELETE FROM outbox WHERE id = ? AND attempts = ?'),
      failOutbox: db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ?, dead = ? WHERE id = ? AND attempts = ?'),
      pendingOutbox: db.prepare('SELECT COUNT(*) FROM outbox WHERE dead = 0').pluck(),
      setQueueChannel: db.prepare(`
        INSERT INTO queue_channels (queue, conversation, registered_at) VALUES (?, ?, ?)
        ON CONFLICT (queue) DO UPDATE SET conversation = excluded.conversation, registered_at = excluded.registered_at`),
      queueChannels: db.prepare('SELECT queue, conversation, registered_at FROM queue_channels ORDER BY queue'),
    };
  }

  async create(newTicket: NewTicket, keys: IdempotencyKey[], outbox: OutboxMessage[], now: Date): Promise<CreateTicketResult> {
    return this.immediately(() => {
      const distinct = distinctKeys(keys);
      // in the caller's order: the first key that holds names the ticket
      for (const { key } of distinct) {
        const owner = this.statements.liveKeyOwner.get(key, now.toISOString()) as string | undefined;
        if (owner !== undefined) return { ticket: this.mustGet(owner), created: false };
      }
      const seq = this.statements.nextSeq.get() as number;
      const ticket = ticketSchema.parse({ ...newTicket, number: formatTicketNumber(seq), version: 1 });
      this.statements.insertTicket.run(...insertTicket.params(ticket, seq));
      for (const key of distinct) {
        this.statements.recordKey.run(key.key, ticket.number, keyExpiry(key, now)?.toISOString() ?? null);
      }
      this.writeOutbox(ticket.number, outbox, now.toISOString());
      return { ticket, created: true };
    });
  }

  async get(number: string): Promise<Ticket | undefined> {
    const body = this.statements.ticket.get(number) as string | undefined;
    return body === undefined ? undefined : ticketFromRow(number, body);
  }

  async list(filter: TicketFilter): Promise<TicketPage> {
    const query = listQuery(filter, () => '?');
    const rows = this.db
      .prepare(`SELECT number, seq, created_at AS createdAt, body FROM tickets ${query.sql}`)
      .all(...query.params) as { number: string; seq: number; createdAt: string; body: string }[];
    return pageFromRows(rows, filter.limit);
  }

  async update(ticket: Ticket, expectedVersion: number, outbox: OutboxMessage[]): Promise<Ticket> {
    return this.immediately(() => {
      const next = ticketSchema.parse({ ...ticket, version: expectedVersion + 1 });
      const result = this.statements.updateTicket.run(...updateTicket.params(next, expectedVersion));
      if (result.changes === 0) {
        const actual = this.statements.version.get(next.number) as number | undefined;
        if (actual === undefined) throw new TicketNotFoundError(next.number);
        throw new VersionConflictError(next.number, expectedVersion, actual);
      }
      // the change's own time: the messages are due as soon as the change is
      this.writeOutbox(next.number, outbox, isoInstant(next.updatedAt, `ticket ${next.number} updatedAt`));
      return next;
    });
  }

  async claimOutbox(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    checkClaim(limit, leaseMs);
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const rows = this.immediately(
      () => this.statements.claimOutbox.all({ now: now.toISOString(), lease_until: leaseUntil, limit }) as StoredOutboxRow[],
    );
    return outboxRowsFrom(rows);
  }

  async completeOutbox(id: number, attempts: number): Promise<boolean> {
    return this.statements.completeOutbox.run(id, attempts).changes === 1;
  }

  async failOutbox(id: number, attempts: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<boolean> {
    return this.statements.failOutbox.run(error, nextAttemptAt.toISOString(), dead ? 1 : 0, id, attempts).changes === 1;
  }

  async pendingOutboxCount(): Promise<number> {
    return this.statements.pendingOutbox.get() as number;
  }

  async setQueueChannel(channel: QueueChannel): Promise<void> {
    const conversation = queueConversationFrom(channel.queue, channel.conversation);
    const registeredAt = isoInstant(channel.registeredAt, `queue ${channel.queue} registeredAt`);
    this.statements.setQueueChannel.run(channel.queue, jsonText(conversation), registeredAt);
  }

  async queueChannels(): Promise<QueueChannel[]> {
    return (this.statements.queueChannels.all() as { queue: string; conversation: string; registered_at: string }[]).map(queueChannelFrom);
  }

  private mustGet(number: string): Ticket {
    const body = this.statements.ticket.get(number) as string | undefined;
    if (body === undefined) throw new TicketNotFoundError(number);
    return ticketFromRow(number, body);
  }

  private writeOutbox(ticketNumber: string, outbox: OutboxMessage[], dueAt: string): void {
    for (const message of outbox) {
      this.statements.insertOutbox.run(ticketNumber, message.kind, jsonText(message.target), jsonText(message.payload), dueAt);
    }
  }

  private immediately<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
