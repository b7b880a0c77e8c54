import type pg from 'pg';
import { formatTicketNumber, ticketSchema, type Ticket } from '../model.js';
import { inTransaction } from './postgres-transaction.js';
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

type Queryable = pg.Pool | pg.PoolClient;

/** Another process recorded the key between our look and our insert; the filing starts over and finds it. */
class KeyTakenMeanwhile extends Error {}

const MAX_CREATE_ATTEMPTS = 3;

const INSERT_TICKET = `
  INSERT INTO tickets (number, seq, status, severity, region, queue, customer_channel, customer_user_id,
                       created_at, updated_at, version, body)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

const UPDATE_TICKET = `
  UPDATE tickets SET status = $3, severity = $4, region = $5, queue = $6, customer_channel = $7,
    customer_user_id = $8, created_at = $9, updated_at = $10, version = $11, body = $12
  WHERE number = $1 AND version = $2`;

// A live key is never replaced: the WHERE leaves it alone and nothing is returned. An insert
// racing an uncommitted one waits for it, so the loser sees the winner's committed key.
const RECORD_KEY = `
  INSERT INTO idempotency_keys (key, ticket_number, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET ticket_number = excluded.ticket_number, expires_at = excluded.expires_at
    WHERE idempotency_keys.expires_at IS NOT NULL AND idempotency_keys.expires_at <= $4
  RETURNING key`;

// SKIP LOCKED: two notifiers claiming at once take different rows; the lease keeps a row
// from being taken again until it runs out.
const CLAIM_OUTBOX = `
  UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2
  WHERE id IN (SELECT id FROM outbox WHERE NOT dead AND next_attempt_at <= $1
               ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id, ticket_number, kind, target, payload, attempts, next_attempt_at, last_error`;

/** Tickets, their idempotency keys and outbox in PostgreSQL; every change is one transaction. */
export class PostgresTicketStore implements TicketStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(newTicket: NewTicket, keys: IdempotencyKey[], outbox: OutboxMessage[], now: Date): Promise<CreateTicketResult> {
    const distinct = distinctKeys(keys);
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.pool, (client) => this.createOnce(client, newTicket, distinct, outbox, now));
      } catch (error) {
        if (!(error instanceof KeyTakenMeanwhile) || attempt >= MAX_CREATE_ATTEMPTS) throw error;
      }
    }
  }

  private async createOnce(
    client: pg.PoolClient,
    newTicket: NewTicket,
    keys: IdempotencyKey[],
    outbox: OutboxMessage[],
    now: Date,
  ): Promise<CreateTicketResult> {
    // looking first means a redelivered activity does not use up a ticket number
    if (keys.length > 0) {
      const live = await client.query<{ key: string; ticket_number: string }>(
        'SELECT key, ticket_number FROM idempotency_keys WHERE key = ANY($1) AND (expires_at IS NULL OR expires_at > $2)',
        [keys.map((key) => key.key), now],
      );
      const owner = live.rows[0];
      if (owner !== undefined) return { ticket: await mustGet(client, owner.ticket_number), created: false };
    }
    const sequence = await client.query<{ seq: string }>("SELECT nextval('ticket_seq') AS seq");
    const seq = Number(sequence.rows[0]?.seq);
    const ticket = ticketSchema.parse({ ...newTicket, number: formatTicketNumber(seq), version: 1 });
    const columns = ticketColumns(ticket);
    await client.query(INSERT_TICKET, [columns.number, seq, ...ticketValues(columns)]);
    for (const key of keys) {
      const recorded = await client.query(RECORD_KEY, [key.key, ticket.number, keyExpiry(key, now), now]);
      if (recorded.rowCount !== 1) throw new KeyTakenMeanwhile(key.key);
    }
    await writeOutbox(client, ticket.number, outbox, now);
    return { ticket, created: true };
  }

  async get(number: string): Promise<Ticket | undefined> {
    return readTicket(this.pool, number);
  }

  async list(filter: TicketFilter): Promise<TicketPage> {
    const query = listQuery(filter, (index) => `$${index}`);
    const result = await this.pool.query<{ number: string; seq: string; created_at: Date; body: unknown }>(
      `SELECT number, seq, created_at, body FROM tickets ${query.sql}`,
      query.params,
    );
    const rows = result.rows.map((row) => ({
      number: row.number,
      seq: Number(row.seq),
      createdAt: row.created_at.toISOString(),
      body: row.body,
    }));
    return pageFromRows(rows, filter.limit);
  }

  async update(ticket: Ticket, expectedVersion: number, outbox: OutboxMessage[]): Promise<Ticket> {
    return inTransaction(this.pool, async (client) => {
      const next = ticketSchema.parse({ ...ticket, version: expectedVersion + 1 });
      const columns = ticketColumns(next);
      const result = await client.query(UPDATE_TICKET, [columns.number, expectedVersion, ...ticketValues(columns)]);
      if (result.rowCount === 0) {
        const stored = await client.query<{ version: number }>('SELECT version FROM tickets WHERE number = $1', [next.number]);
        const actual = stored.rows[0]?.version;
        if (actual === undefined) throw new TicketNotFoundError(next.number);
        throw new VersionConflictError(next.number, expectedVersion, actual);
      }
      // the change's own time: the messages are due as soon as the change is
      await writeOutbox(client, next.number, outbox, new Date(columns.updated_at));
      return next;
    });
  }

  async claimOutbox(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    checkClaim(limit, leaseMs);
    const result = await this.pool.query<{
      id: string;
      ticket_number: string;
      kind: string;
      target: unknown;
      payload: unknown;
      attempts: number;
      next_attempt_at: Date;
      last_error: string | null;
    }>(CLAIM_OUTBOX, [now, new Date(now.getTime() + leaseMs), limit]);
    return result.rows
      .map((row) =>
        outboxRowFrom({
          id: Number(row.id),
          ticketNumber: row.ticket_number,
          kind: row.kind,
          target: row.target,
          payload: row.payload,
          attempts: row.attempts,
          nextAttemptAt: row.next_attempt_at.toISOString(),
          lastError: row.last_error,
        }),
      )
      .sort((a, b) => a.id - b.id);
  }

  async completeOutbox(id: number): Promise<void> {
    await this.pool.query('DELETE FROM outbox WHERE id = $1', [id]);
  }

  async failOutbox(id: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<void> {
    await this.pool.query('UPDATE outbox SET last_error = $2, next_attempt_at = $3, dead = $4 WHERE id = $1', [
      id,
      error,
      nextAttemptAt,
      dead,
    ]);
  }

  async pendingOutboxCount(): Promise<number> {
    const result = await this.pool.query<{ count: string }>('SELECT COUNT(*) AS count FROM outbox WHERE NOT dead');
    return Number(result.rows[0]?.count ?? 0);
  }

  async setQueueChannel(channel: QueueChannel): Promise<void> {
    const conversation = queueConversationFrom(channel.queue, channel.conversation);
    const registeredAt = isoInstant(channel.registeredAt, `queue ${channel.queue} registeredAt`);
    await this.pool.query(
      `INSERT INTO queue_channels (queue, conversation, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (queue) DO UPDATE SET conversation = excluded.conversation, registered_at = excluded.registered_at`,
      [channel.queue, jsonText(conversation), registeredAt],
    );
  }

  async queueChannels(): Promise<QueueChannel[]> {
    const result = await this.pool.query<{ queue: string; conversation: unknown; registered_at: Date }>(
      'SELECT queue, conversation, registered_at FROM queue_channels ORDER BY queue',
    );
    return result.rows.map((row) => ({
      queue: row.queue,
      conversation: queueConversationFrom(row.queue, row.conversation),
      registeredAt: row.registered_at.toISOString(),
    }));
  }
}

/** Parameters $3…$12 of INSERT_TICKET and UPDATE_TICKET, in their order. */
function ticketValues(columns: ReturnType<typeof ticketColumns>): unknown[] {
  return [
    columns.status,
    columns.severity,
    columns.region,
    columns.queue,
    columns.customer_channel,
    columns.customer_user_id,
    columns.created_at,
    columns.updated_at,
    columns.version,
    columns.body,
  ];
}

async function readTicket(db: Queryable, number: string): Promise<Ticket | undefined> {
  const result = await db.query<{ body: unknown }>('SELECT body FROM tickets WHERE number = $1', [number]);
  const row = result.rows[0];
  return row === undefined ? undefined : ticketFromRow(number, row.body);
}

async function mustGet(db: Queryable, number: string): Promise<Ticket> {
  const ticket = await readTicket(db, number);
  if (ticket === undefined) throw new TicketNotFoundError(number);
  return ticket;
}

async function writeOutbox(client: pg.PoolClient, ticketNumber: string, outbox: OutboxMessage[], dueAt: Date): Promise<void> {
  for (const message of outbox) {
    await client.query(
      'INSERT INTO outbox (ticket_number, kind, target, payload, next_attempt_at) VALUES ($1, $2, $3, $4, $5)',
      [ticketNumber, message.kind, jsonText(message.target), jsonText(message.payload), dueAt],
    );
  }
}
