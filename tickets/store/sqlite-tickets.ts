import type BetterSqlite3 from 'better-sqlite3';
import { formatTicketNumber, ticketSchema, type Ticket } from '../model.js';
import {
  checkClaim,
  distinctKeys,
  isoInstant,
  jsonText,
  keyExpiry,
  listQuery,
  outboxRowFrom,
  pageFromRows,
  queueConversationFrom,
  ticketColumns,
  ticketFromRow,
  type RawOutboxRow,
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

interface SqliteOutboxRow {
  id: number;
  ticket_number: string;
  kind: string;
  target: string;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

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
      insertTicket: db.prepare(`
        INSERT INTO tickets (number, seq, status, severity, region, queue, customer_channel, customer_user_id,
                             created_at, updated_at, version, body)
        VALUES (@number, @seq, @status, @severity, @region, @queue, @customer_channel, @customer_user_id,
                @created_at, @updated_at, @version, @body)`),
      updateTicket: db.prepare(`
        UPDATE tickets SET status = @status, severity = @severity, region = @region, queue = @queue,
          customer_channel = @customer_channel, customer_user_id = @customer_user_id, created_at = @created_at,
          updated_at = @updated_at, version = @version, body = @body
        WHERE number = @number AND version = @expected_version`),
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
      claimOutbox: db.prepare(`
        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @lease_until
        WHERE id IN (SELECT id FROM outbox WHERE dead = 0 AND next_attempt_at <= @now
                     ORDER BY next_attempt_at, id LIMIT @limit)
        RETURNING *`),
      completeOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
      failOutbox: db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ?, dead = ? WHERE id = ?'),
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
      for (const { key } of distinct) {
        const owner = this.statements.liveKeyOwner.get(key, now.toISOString()) as string | undefined;
        if (owner !== undefined) return { ticket: this.mustGet(owner), created: false };
      }
      const seq = this.statements.nextSeq.get() as number;
      const ticket = ticketSchema.parse({ ...newTicket, number: formatTicketNumber(seq), version: 1 });
      this.statements.insertTicket.run({ ...ticketColumns(ticket), seq });
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
      const result = this.statements.updateTicket.run({ ...ticketColumns(next), expected_version: expectedVersion });
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
      () => this.statements.claimOutbox.all({ now: now.toISOString(), lease_until: leaseUntil, limit }) as SqliteOutboxRow[],
    );
    return rows.sort((a, b) => a.id - b.id).map(fromSqliteOutboxRow);
  }

  async completeOutbox(id: number): Promise<void> {
    this.statements.completeOutbox.run(id);
  }

  async failOutbox(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    this.statements.failOutbox.run(error, nextAttemptAt.toISOString(), dead ? 1 : 0, id);
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
    const rows = this.statements.queueChannels.all() as { queue: string; conversation: string; registered_at: string }[];
    return rows.map((row) => ({
      queue: row.queue,
      conversation: queueConversationFrom(row.queue, row.conversation),
      registeredAt: row.registered_at,
    }));
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

function fromSqliteOutboxRow(row: SqliteOutboxRow): OutboxRow {
  const raw: RawOutboxRow = {
    id: row.id,
    ticketNumber: row.ticket_number,
    kind: row.kind,
    target: JSON.parse(row.target),
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
  return outboxRowFrom(raw);
}
