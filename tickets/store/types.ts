import type { Ticket, TicketNumber, TicketConversationReference, Region, Severity, TicketStatus, TranscriptTurn } from '../model.js';

/**
 * The persistence contract. SQLite and PostgreSQL implement it and run one contract suite
 * (test/tickets/store-contract.ts), so the rest of the product never knows which it has.
 */

/** A message waiting to be delivered: written in the same transaction as the ticket change. */
export interface OutboxMessage {
  /** queue_card: post or refresh the agents' card; webhook: POST to an ITSM tool; customer_notice: tell the customer */
  kind: 'queue_card' | 'webhook' | 'customer_notice';
  /** where it goes (`{queue}` for cards and webhooks, a conversation reference for notices), as the notifier understands it */
  target: unknown;
  /** what it carries, as the notifier understands it */
  payload: unknown;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  ticketNumber: TicketNumber;
  attempts: number;
  /** ISO time before which it is not tried again */
  nextAttemptAt: string;
  lastError?: string;
}

/** A key that makes a filing happen once: the redelivered activity, or the resent draft. */
export interface IdempotencyKey {
  key: string;
  /** how long the key holds; absent: for ever */
  ttlMs?: number;
}

export type NewTicket = Omit<Ticket, 'number' | 'version'>;

export interface CreateTicketResult {
  ticket: Ticket;
  /** false when an idempotency key matched an earlier filing: that ticket is returned instead */
  created: boolean;
}

export interface TicketFilter {
  queue?: string;
  region?: Region;
  severity?: Severity;
  status?: TicketStatus;
  /** the customer's own tickets: `customer.userId` together with `customer.channel` */
  customer?: { channel: string; userId: string };
  /** 1..200 */
  limit: number;
  /** opaque, from the previous page's `nextCursor` */
  cursor?: string;
}

export interface TicketPage {
  tickets: Ticket[];
  nextCursor?: string;
}

/** A queue's Teams channel, registered by `register queue <name>` or read from the routing file. */
export interface QueueChannel {
  queue: string;
  conversation: TicketConversationReference;
  registeredAt: string;
}

export class VersionConflictError extends Error {
  constructor(readonly number: TicketNumber, readonly expected: number, readonly actual: number) {
    super(`ticket ${number} is at version ${actual}, not ${expected}`);
    this.name = 'VersionConflictError';
  }
}

export class TicketNotFoundError extends Error {
  constructor(readonly number: string) {
    super(`ticket ${number} does not exist`);
    this.name = 'TicketNotFoundError';
  }
}

export interface TicketStore {
  /**
   * Assigns the next number, stores the ticket (version 1) and its outbox messages in one
   * transaction. When any of the keys was recorded before (and has not expired) nothing is
   * written and the earlier ticket comes back with `created: false`; when live keys name
   * different tickets, the first such key in `keys` decides (the caller lists them by priority).
   */
  create(ticket: NewTicket, keys: IdempotencyKey[], outbox: OutboxMessage[], now: Date): Promise<CreateTicketResult>;
  get(number: string): Promise<Ticket | undefined>;
  /** Newest first (createdAt, then number). */
  list(filter: TicketFilter): Promise<TicketPage>;
  /**
   * Replaces the ticket when the stored version is `expectedVersion`; the stored one gets
   * version + 1. Writes the outbox messages in the same transaction.
   * @throws VersionConflictError, TicketNotFoundError
   */
  update(ticket: Ticket, expectedVersion: number, outbox: OutboxMessage[]): Promise<Ticket>;

  /**
   * Due outbox messages (nextAttemptAt <= now), leased for `leaseMs` so that two processes never
   * send one twice at once. Each claim adds 1 to a row's `attempts`.
   *
   * Per-ticket order: only a ticket's oldest live (not dead) message is ever handed out; the next
   * one becomes claimable once that one is completed. So a ticket's messages are sent in the
   * order they were written, whichever process claims them, and a batch never holds two of one
   * ticket. A dead message does not block the ones after it: it will never be sent, and waiting
   * for it would stop the ticket's notifications for good (the later card shows the ticket as it is).
   */
  claimOutbox(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /**
   * Delivered: removed from the outbox. `attempts` is the claimed row's, a fencing token: when
   * the lease ran out and another claim took the row meanwhile, nothing happens and the answer is
   * false (the other holder completes or fails it).
   */
  completeOutbox(id: number, attempts: number): Promise<boolean>;
  /**
   * Failed: tried again at `nextAttemptAt`; `dead` stops retrying (kept for inspection). Fenced
   * by `attempts` like completeOutbox: false when the row was claimed again meanwhile.
   */
  failOutbox(id: number, attempts: number, error: string, nextAttemptAt: Date, dead: boolean): Promise<boolean>;
  /** Messages not yet delivered (for tests, health and the benchmark). */
  pendingOutboxCount(): Promise<number>;

  setQueueChannel(channel: QueueChannel): Promise<void>;
  queueChannels(): Promise<QueueChannel[]>;
}

/** A stored document with its entity tag, for the bot's conversation state. */
export interface StoredDocument {
  value: Record<string, unknown>;
  eTag: string;
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`document ${key} was changed by someone else`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Key-value documents with optimistic concurrency.
 *
 * Durability differs from tickets on purpose. State (the dialog position, an incident draft,
 * the recent transcript) is written on every turn, and waiting for the disk on each of those
 * writes costs a large share of the bot's turns per second. Its commits do not wait for the log
 * flush (SQLite WAL with synchronous=NORMAL, PostgreSQL synchronous_commit=off): they survive
 * the bot process being killed; an operating-system crash or power cut can lose the last
 * moments of conversation state, never a ticket, an idempotency key or an outbox message,
 * which keep fully synchronous commits.
 *
 * A write carrying an eTag succeeds only if the stored document still has that eTag; no eTag or "*" writes unconditionally (botbuilder's
 * Storage contract); a write carrying an eTag for a key that does not exist fails.
 */
export interface DocumentStore {
  read(keys: string[]): Promise<Map<string, StoredDocument>>;
  /** All writes of one call in one transaction: either every one lands or none does. @throws ETagConflictError */
  write(changes: { key: string; value: Record<string, unknown>; eTag?: string }[]): Promise<Map<string, string>>;
  delete(keys: string[]): Promise<void>;
}

/** One line of a conversation's transcript, as appended. */
export interface TranscriptLine extends TranscriptTurn {
  /** the conversation it belongs to (channel and conversation id) */
  conversation: string;
}

/**
 * The recent lines of each conversation, so that a ticket can carry what led to it. Lines are
 * appended in batches, off the turn's path, and commit like conversation state (see
 * DocumentStore): a process kill keeps them, a power cut may lose the last moments.
 */
export interface TranscriptStore {
  /** Appends the lines, in order, in one transaction; each conversation named keeps only its newest `keep`. */
  append(lines: TranscriptLine[], keep: number): Promise<void>;
  /** The newest `limit` lines of the conversation, oldest first. */
  recent(conversation: string, limit: number): Promise<TranscriptTurn[]>;
}

/** One database: tickets and conversation state share its connection and transactions. */
export interface Database {
  tickets: TicketStore;
  documents: DocumentStore;
  transcripts: TranscriptStore;
  /** true when the database answers (for /healthz and for a clear message when it is down) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
