import { randomUUID } from 'node:crypto';
import { conversationReferenceSchema, ticketSchema, type Ticket, type TicketConversationReference } from '../model.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { IdempotencyKey, OutboxMessage, OutboxRow, QueueChannel, TicketFilter, TicketPage } from './types.js';

/**
 * What the SQLite and PostgreSQL stores share: turning tickets into columns and rows back
 * into checked values, and the list query, which is the same SQL in both dialects.
 */

/** A stored ticket that no longer passes the schema; it names the ticket so the row can be found and fixed. */
export class CorruptTicketError extends Error {
  constructor(readonly number: string, detail: string) {
    super(`stored ticket ${number} is not a valid ticket: ${detail}`);
    this.name = 'CorruptTicketError';
  }
}

/** Checks a stored ticket body (an object, or JSON text) and that it is the ticket of its row. */
export function ticketFromRow(number: string, body: unknown): Ticket {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new CorruptTicketError(number, 'its body is not JSON');
    }
  }
  const parsed = ticketSchema.safeParse(value);
  if (!parsed.success) throw new CorruptTicketError(number, parsed.error.issues.map(describeIssue).join('; '));
  if (parsed.data.number !== number) throw new CorruptTicketError(number, `its body is ticket ${parsed.data.number}`);
  return parsed.data;
}

function describeIssue(issue: { path: (string | number)[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * How each indexed column of the tickets table is read from a ticket. The INSERT and UPDATE
 * below are spelled from these keys, so a new column is added here and nowhere else.
 */
const TICKET_COLUMNS = {
  number: (ticket: Ticket) => ticket.number,
  status: (ticket: Ticket) => ticket.status,
  severity: (ticket: Ticket) => ticket.severity,
  region: (ticket: Ticket) => ticket.region,
  queue: (ticket: Ticket) => ticket.queue,
  customer_channel: (ticket: Ticket) => ticket.customer.channel,
  customer_user_id: (ticket: Ticket) => ticket.customer.userId,
  created_at: (ticket: Ticket) => isoInstant(ticket.createdAt, `ticket ${ticket.number} createdAt`),
  updated_at: (ticket: Ticket) => isoInstant(ticket.updatedAt, `ticket ${ticket.number} updatedAt`),
  version: (ticket: Ticket) => ticket.version,
  body: (ticket: Ticket) => jsonText(ticket),
};
type TicketColumn = keyof typeof TICKET_COLUMNS;
type TicketColumns = { [K in TicketColumn]: ReturnType<(typeof TICKET_COLUMNS)[K]> };
const COLUMN_NAMES = Object.keys(TICKET_COLUMNS) as TicketColumn[];

/** Never rewritten by an update: the row's key, and what is fixed when the ticket is filed. */
const FIXED_ON_UPDATE: ReadonlySet<TicketColumn> = new Set<TicketColumn>(['number', 'created_at', 'customer_channel', 'customer_user_id']);
const UPDATED_COLUMNS = COLUMN_NAMES.filter((name) => !FIXED_ON_UPDATE.has(name));

/** The ticket's indexed columns, by column name. */
function ticketColumns(ticket: Ticket): TicketColumns {
  return Object.fromEntries(COLUMN_NAMES.map((name) => [name, TICKET_COLUMNS[name](ticket)])) as TicketColumns;
}

/** A ticket statement in the store's placeholder spelling, and its parameters in their order. */
export interface TicketWrite<Extra> {
  sql: string;
  params(ticket: Ticket, extra: Extra): unknown[];
}

/** INSERT of a new ticket row; `extra` is its sequence number. */
export function ticketInsert(placeholder: (index: number) => string): TicketWrite<number> {
  const names = ['seq', ...COLUMN_NAMES];
  return {
    sql: `INSERT INTO tickets (${names.join(', ')}) VALUES (${names.map((_, index) => placeholder(index + 1)).join(', ')})`,
    params: (ticket, seq) => {
      const columns = ticketColumns(ticket);
      return [seq, ...COLUMN_NAMES.map((name) => columns[name])];
    },
  };
}

/** UPDATE of the changeable columns when the row is at `extra`, the expected version (0 rows: not found or changed). */
export function ticketUpdate(placeholder: (index: number) => string): TicketWrite<number> {
  const sets = UPDATED_COLUMNS.map((name, index) => `${name} = ${placeholder(index + 1)}`);
  const where = `number = ${placeholder(UPDATED_COLUMNS.length + 1)} AND version = ${placeholder(UPDATED_COLUMNS.length + 2)}`;
  return {
    sql: `UPDATE tickets SET ${sets.join(', ')} WHERE ${where}`,
    params: (ticket, expectedVersion) => {
      const columns = ticketColumns(ticket);
      return [...UPDATED_COLUMNS.map((name) => columns[name]), columns.number, expectedVersion];
    },
  };
}

/**
 * One spelling of an instant, so that times order correctly as text in SQLite and the cursor
 * compares like with like. A time that is not a time cannot be ordered, so it is refused.
 */
export function isoInstant(value: string, what: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Error(`${what} "${value}" is not a date`);
  return time.toISOString();
}

/** JSON text for a column; `undefined` is stored as null. Throws on what JSON cannot hold (a BigInt, a cycle). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * The keys once each, in the caller's order: that order is the priority when the keys point at
 * different earlier tickets (an activity key before a draft key).
 */
export function distinctKeys(keys: IdempotencyKey[]): IdempotencyKey[] {
  const byKey = new Map<string, IdempotencyKey>();
  for (const key of keys) if (!byKey.has(key.key)) byKey.set(key.key, key);
  return [...byKey.values()];
}

/** The keys sorted: two filings recording the same keys then lock them in the same order (no deadlock). */
export function inLockOrder(keys: IdempotencyKey[]): IdempotencyKey[] {
  return [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** When a key stops holding; null: never. */
export function keyExpiry(key: IdempotencyKey, now: Date): Date | null {
  return key.ttlMs === undefined ? null : new Date(now.getTime() + key.ttlMs);
}

/** The WHERE … ORDER BY … LIMIT tail of a list query, with `placeholder(n)` for the n-th (1-based) parameter. */
export function listQuery(filter: TicketFilter, placeholder: (index: number) => string): { sql: string; params: unknown[] } {
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 200) {
    throw new RangeError(`limit must be an integer from 1 to 200, not ${filter.limit}`);
  }
  const params: unknown[] = [];
  const conditions: string[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  if (filter.queue !== undefined) conditions.push(`queue = ${bind(filter.queue)}`);
  if (filter.region !== undefined) conditions.push(`region = ${bind(filter.region)}`);
  if (filter.severity !== undefined) conditions.push(`severity = ${bind(filter.severity)}`);
  if (filter.status !== undefined) conditions.push(`status = ${bind(filter.status)}`);
  if (filter.customer !== undefined) {
    conditions.push(`customer_channel = ${bind(filter.customer.channel)}`);
    conditions.push(`customer_user_id = ${bind(filter.customer.userId)}`);
  }
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor);
    conditions.push(`(created_at, seq) < (${bind(after.createdAt)}, ${bind(after.seq)})`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // one row more than asked tells whether there is a next page
  const sql = `${where} ORDER BY created_at DESC, seq DESC LIMIT ${bind(filter.limit + 1)}`;
  return { sql, params };
}

/** A listed row: its number, sequence, normalised creation time and body. */
interface ListedRow {
  number: string;
  seq: number;
  createdAt: string;
  body: unknown;
}

/** The page from rows fetched with `listQuery` (at most limit + 1 of them). */
export function pageFromRows(rows: ListedRow[], limit: number): TicketPage {
  const shown = rows.slice(0, limit);
  const tickets = shown.map((row) => ticketFromRow(row.number, row.body));
  const last = shown[shown.length - 1];
  if (rows.length <= limit || last === undefined) return { tickets };
  return { tickets, nextCursor: encodeCursor({ createdAt: last.createdAt, seq: last.seq }) };
}

const OUTBOX_KINDS: ReadonlySet<string> = new Set<OutboxMessage['kind']>(['queue_card', 'webhook', 'customer_notice']);

/**
 * An outbox row as either store returns it. `target` and `payload` are JSON text in both:
 * PostgreSQL casts its jsonb to text, because a jsonb string arrives from the driver as a bare
 * string that could not be told apart from JSON text.
 */
export interface StoredOutboxRow {
  /** a number in SQLite; bigint arrives from PostgreSQL as text */
  id: number | string;
  ticket_number: string;
  kind: string;
  target: string;
  payload: string;
  attempts: number;
  /** ISO text in SQLite, a Date from PostgreSQL */
  next_attempt_at: string | Date;
  last_error: string | null;
}

/** Checks an outbox row read back. */
export function outboxRowFrom(stored: StoredOutboxRow): OutboxRow {
  const id = Number(stored.id);
  if (!OUTBOX_KINDS.has(stored.kind)) throw new Error(`outbox message ${id} has an unknown kind "${stored.kind}"`);
  const row: OutboxRow = {
    id,
    ticketNumber: stored.ticket_number,
    kind: stored.kind as OutboxMessage['kind'],
    target: JSON.parse(stored.target),
    payload: JSON.parse(stored.payload),
    attempts: stored.attempts,
    nextAttemptAt: instantText(stored.next_attempt_at),
  };
  if (stored.last_error !== null) row.lastError = stored.last_error;
  return row;
}

/** Claimed rows in id order: RETURNING promises no order, and the oldest message goes first. */
export function outboxRowsFrom(stored: StoredOutboxRow[]): OutboxRow[] {
  return stored.map(outboxRowFrom).sort((a, b) => a.id - b.id);
}

/** A queue channel as either store returns it (conversation: JSON text or jsonb's object; time: text or Date). */
export function queueChannelFrom(stored: { queue: string; conversation: unknown; registered_at: string | Date }): QueueChannel {
  return {
    queue: stored.queue,
    conversation: queueConversationFrom(stored.queue, stored.conversation),
    registeredAt: instantText(stored.registered_at),
  };
}

function instantText(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** Checks a queue channel's stored conversation reference. */
export function queueConversationFrom(queue: string, conversation: unknown): TicketConversationReference {
  const value = typeof conversation === 'string' ? safeJson(conversation) : conversation;
  const parsed = conversationReferenceSchema.safeParse(value);
  if (!parsed.success) throw new Error(`stored channel of queue ${queue} is not a conversation reference`);
  return parsed.data;
}

/** Checks a stored document value: the Storage contract only holds objects. */
export function documentValueFrom(key: string, value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`stored document ${key} is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fresh entity tag: random, so a write can never produce the tag an earlier one had. */
export function newETag(): string {
  return randomUUID();
}

/** Validates claimOutbox's numbers, which come from configuration. */
export function checkClaim(limit: number, leaseMs: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`claim limit must be a positive integer, not ${limit}`);
  if (!Number.isFinite(leaseMs) || leaseMs < 0) throw new RangeError(`lease must be a non-negative number of ms, not ${leaseMs}`);
}
