import { randomUUID } from 'node:crypto';
import { conversationReferenceSchema, ticketSchema, type Ticket, type TicketConversationReference } from '../model.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { IdempotencyKey, OutboxMessage, OutboxRow, TicketFilter, TicketPage } from './types.js';

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

/** The ticket's indexed columns, under the parameter names both stores use. */
export function ticketColumns(ticket: Ticket) {
  return {
    number: ticket.number,
    status: ticket.status,
    severity: ticket.severity,
    region: ticket.region,
    queue: ticket.queue,
    customer_channel: ticket.customer.channel,
    customer_user_id: ticket.customer.userId,
    created_at: isoInstant(ticket.createdAt, `ticket ${ticket.number} createdAt`),
    updated_at: isoInstant(ticket.updatedAt, `ticket ${ticket.number} updatedAt`),
    version: ticket.version,
    body: jsonText(ticket),
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

/** The keys once each, in one order: two filings taking the same keys then lock them in the same order. */
export function distinctKeys(keys: IdempotencyKey[]): IdempotencyKey[] {
  const byKey = new Map<string, IdempotencyKey>();
  for (const key of keys) if (!byKey.has(key.key)) byKey.set(key.key, key);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
export interface ListedRow {
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

/** An outbox row as both stores read it, before it is checked. */
export interface RawOutboxRow {
  id: number;
  ticketNumber: string;
  kind: string;
  target: unknown;
  payload: unknown;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** Checks an outbox row read back. */
export function outboxRowFrom(raw: RawOutboxRow): OutboxRow {
  if (!OUTBOX_KINDS.has(raw.kind)) throw new Error(`outbox message ${raw.id} has an unknown kind "${raw.kind}"`);
  const row: OutboxRow = {
    id: raw.id,
    ticketNumber: raw.ticketNumber,
    kind: raw.kind as OutboxMessage['kind'],
    target: raw.target,
    payload: raw.payload,
    attempts: raw.attempts,
    nextAttemptAt: raw.nextAttemptAt,
  };
  if (raw.lastError !== null) row.lastError = raw.lastError;
  return row;
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
