import type pg from 'pg';
import { formatTicketNumber, ticketSchema, type Ticket } from '../model.js';
import { inTransaction } from './postgres-transaction.js';
import {
  checkClaim,
  distinctKeys,
  inLockOrder,
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

type Queryable = pg.Pool | pg.PoolClient;

/** Another process recorded the key between our look and our insert; the filing starts over and finds it. */
class KeyTakenMeanwhile extends Error {}

const MAX_CREATE_ATTEMPTS = 3;

const placeholder = (index: number): string => `$${index}`;
const insertTicket = ticketInsert(placeholder);
const updateTicket = ticketUpdate(placeholder);

// A live key is never replaced: the WHERE leaves it alone and nothing is returned. An insert
// racing an uncommitted one waits for it, so the loser sees the winner's committed key.
const RECORD_KEY = `
  INSERT INTO idempotency_keys (key, ticket_number, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET ticket_number = excluded.ticket_number, expires_at = excluded.expires_at
    WHERE idempotency_keys.expires_at IS NOT NULL AND idempotency_keys.expires_at <= $4
  RETURNING key`;

// Only the oldest live message of each ticket is claimable: the next one waits until it is
// completed, so a ticket's messages go out in order however many notifiers claim. Dead messages
// do not hold the rest back (they are never sent; the later card shows the ticket anyway).
// SKIP LOCKED: two notifiers claiming at once take different rows; a ticket's locked oldest
// row is skipped and still hides the ones after it. The lease keeps a row from being taken
// again until it runs out. JSON comes back as text (see StoredOutboxRow).
const CLAIM_OUTBOX = `
  UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2
  WHERE id IN (SELECT o.id FROM outbox o
               WHERE NOT o.dead AND o.next_attempt_at <= $1
                 AND NOT EXISTS (SELECT 1 FROM outbox o2
                                 WHERE o2.ticket_number = o.ticket_number AND o2.id < o.id AND NOT o2.dead)
               ORDER BY o.next_attempt_at, o.id LIMIT $3 FOR UPDATE SKIP LOCKED)
  RETURNING id, ticket_number, kind, target::text AS target, payload::text AS payload, attempts, next_attempt_at, last_error`;

// attempts is the lease's fencing token: a claim after the lease ran out bumped it, so a late
// call from the earlier holder matches nothing
const COMPLETE_OUTBOX = 'DELETE FROM outbox WHERE id = $1 AND attempts = $2';
const FAIL_OUTBOX = 'UPDATE outbox SET last_error = $3, next_attempt_at = $4, dead = $5 WHERE id = $1 AND attempts = $2';

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
    // looking first means a redelivered activity does not use up a ticket number; the keys'
    // own order decides which earlier ticket comes back when they point at different ones
    if (keys.length > 0) {
      const names = keys.map((key) => key.key);
      const live = await client.query<{ ticket_number: string }>(
        `SELECT ticket_number FROM idempotency_keys
         WHERE key = ANY($1::text[]) AND (expires_at IS NULL OR expires_at > $2)
         ORDER BY array_position($1::text[], key) LIMIT 1`,
        [names, now],
      );
      const owner = live.rows[0];
      if (owner !== undefined) return { ticket: await mustGet(client, owner.ticket_number), created: false };
    }
    const sequence = await client.query<{ seq: string }>("SELECT nextval('ticket_seq') AS seq");
    const seq = Number(sequence.rows[0]?.seq);
    const ticket = ticketSchema.parse({ ...newTicket, number: formatTicketNumber(seq), version: 1 });
    await client.query(insertTicket.sql, insertTicket.params(ticket, seq));
    for (const key of inLockOrder(keys)) {
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
      const result = await client.query(updateTicket.sql, updateTicket.params(next, expectedVersion));
      if (result.rowCount === 0) {
        const stored = await client.query<{ version: number }>('SELECT version FROM tickets WHERE number = $1', [next.number]);
        const actual = stored.rows[0]?.version;
        if (actual === undefined) throw new TicketNotFoundError(next.number);
        throw new VersionConflictError(next.number, expectedVersion, actual);
      }
      // the change's own time: the messages are due as soon as the change is
      await writeOutbox(client, next.number, outbox, new Date(isoInstant(next.updatedAt, `ticket ${next.number} updatedAt`)));
      return next;
    });
  }

  async claimOutbox(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    checkClaim(limit, leaseMs);
    const result = await this.pool.query<StoredOutboxRow>(CLAIM_OUTBOX, [now, new Date(now.getTime() + leaseMs), limit]);
    return outboxRowsFrom(result.rows);
  }

  async completeOutbox(id: number, attempts: number): Promise<boolean> {
    return (await this.pool.query(COMPLETE_OUTBOX, [id, attempts])).rowCount === 1;
  }

  async failOutbox(id: number, attempts: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<boolean> {
    return (await this.pool.query(FAIL_OUTBOX, [id, attempts, error, nextAttemptAt, dead])).rowCount === 1;
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
    return result.rows.map(queueChannelFrom);
  }
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
