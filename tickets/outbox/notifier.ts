import type { OutboxMessage, OutboxRow, TicketStore } from '../store/types.js';

/** Delivers one outbox message; throwing means "try again later". */
export type Deliverer = (row: OutboxRow) => Promise<void>;

/** The part of a pino logger the notifier uses. Payloads are never logged (they may carry customer text). */
export interface NotifierLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxNotifierOptions {
  store: TicketStore;
  deliverers: Record<OutboxMessage['kind'], Deliverer>;
  logger?: NotifierLogger;
  /** rows claimed per pass (default 20) */
  batchSize?: number;
  /** how long a claimed row is reserved for this process (default 60 s): longer than any delivery takes */
  leaseMs?: number;
  /** how often `start()` looks for due rows (default 2 s) */
  pollIntervalMs?: number;
  /** failed attempts after which a row is dead (default 12) */
  maxAttempts?: number;
  /** delay before the next try after the `attempt`-th failure (default: full-jitter exponential, 1 s to 5 min) */
  backoff?: (attempt: number) => number;
  clock?: () => Date;
}

const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 5 * 60 * 1000;
/** A Retry-After beyond this is treated as this: a day is already "the receiver is gone". */
const RETRY_AFTER_CAP_MS = 24 * 60 * 60 * 1000;
const MAX_ERROR_LENGTH = 1000;

/**
 * Full jitter (a random delay up to the exponential bound) so that many rows failing together
 * against one receiver do not retry together.
 */
export function fullJitterBackoff(attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * bound);
}

/** The receiver's own wish (e.g. a 429's Retry-After), when the deliverer passed one on. */
function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, RETRY_AFTER_CAP_MS) : undefined;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

const silentLogger: NotifierLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Delivers the outbox: claims due rows (leased, so that other processes on the same database
 * skip them), hands each to the deliverer for its kind, and completes or reschedules it.
 * At-least-once: a process dying mid-delivery leaves the lease to expire and the row is sent again.
 */
export class OutboxNotifier {
  private readonly store: TicketStore;
  private readonly deliverers: Record<OutboxMessage['kind'], Deliverer>;
  private readonly logger: NotifierLogger;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: (attempt: number) => number;
  private readonly clock: () => Date;

  private timer: NodeJS.Timeout | undefined;
  /** the end of the last scheduled pass: every pass chains onto it, so passes never overlap */
  private tail: Promise<unknown> = Promise.resolve();
  /** a background pass is queued and has not started: further nudges can ride on it */
  private backgroundQueued = false;
  private stopped = false;

  constructor(options: OutboxNotifierOptions) {
    this.store = options.store;
    this.deliverers = options.deliverers;
    this.logger = options.logger ?? silentLogger;
    this.batchSize = options.batchSize ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.backoff = options.backoff ?? ((attempt) => fullJitterBackoff(attempt));
    this.clock = options.clock ?? (() => new Date());
  }

  /** Polls every `pollIntervalMs` until `stop()`; the timer does not keep the process alive. */
  start(): void {
    if (this.timer !== undefined) return;
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.pollIntervalMs);
    this.timer.unref();
    this.logger.info({ pollIntervalMs: this.pollIntervalMs }, 'outbox notifier started');
    this.nudge();
  }

  /** Stops polling and waits for the pass in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.tail;
    this.logger.info({}, 'outbox notifier stopped');
  }

  /** Looks for due rows now (after a write), without waiting for the next poll; errors are logged. */
  nudge(): void {
    if (this.backgroundQueued || this.stopped) return;
    this.backgroundQueued = true;
    this.exclusive(() => {
      this.backgroundQueued = false;
      return this.deliverDue({ untilStopped: true });
    }).catch((error: unknown) => this.logger.error({ err: describe(error) }, 'outbox pass failed'));
  }

  /**
   * Delivers everything due now (retries whose delay has passed included) and resolves with how
   * many rows were delivered. For tests and shutdown.
   */
  drain(): Promise<number> {
    return this.exclusive(() => this.deliverDue({ untilStopped: false }));
  }

  private exclusive<T>(pass: () => Promise<T>): Promise<T> {
    const run = this.tail.then(pass);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Batch after batch until nothing is due; a background pass also ends early once `stop()` was called (a shutdown drain does not). */
  private async deliverDue({ untilStopped }: { untilStopped: boolean }): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await this.store.claimOutbox(this.clock(), this.batchSize, this.leaseMs);
      if (rows.length === 0) return delivered;
      delivered += await this.deliverBatch(rows);
      if (untilStopped && this.stopped) return delivered;
    }
  }

  /**
   * The batch's rows side by side. They belong to different tickets: the store hands out only a
   * ticket's oldest undelivered message, so per-ticket order needs nothing here.
   */
  private async deliverBatch(rows: OutboxRow[]): Promise<number> {
    // settled, not all: the pass must not end (and another begin) while deliveries are still running
    const outcomes = await Promise.allSettled(rows.map((row) => this.deliverOne(row)));
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length;
  }

  private async deliverOne(row: OutboxRow): Promise<boolean> {
    const deliverer = Object.hasOwn(this.deliverers, row.kind) ? this.deliverers[row.kind] : undefined;
    try {
      if (deliverer === undefined) throw new Error(`no deliverer for outbox messages of kind "${row.kind}"`);
      await deliverer(row);
    } catch (error) {
      await this.recordFailure(row, error);
      return false;
    }
    if (await this.store.completeOutbox(row.id, row.attempts)) return true;
    this.leaseLost(row, 'delivered');
    return false;
  }

  /**
   * Our lease ran out and another notifier claimed the row meanwhile: our outcome is not recorded
   * (theirs will be), and the receiver may get the message twice, which at-least-once allows.
   * A warning, because it means deliveries take longer than `leaseMs`.
   */
  private leaseLost(row: OutboxRow, outcome: string): void {
    this.logger.warn(
      { outboxId: row.id, kind: row.kind, ticket: row.ticketNumber, attempt: row.attempts, outcome, leaseMs: this.leaseMs },
      'outbox lease ran out before the outcome was recorded; another claim took the message over',
    );
  }

  private async recordFailure(row: OutboxRow, error: unknown): Promise<void> {
    // the store counts an attempt when it claims the row (so a crash mid-delivery counts too)
    const attempt = Math.max(1, row.attempts);
    const message = describe(error);
    const details = { outboxId: row.id, kind: row.kind, ticket: row.ticketNumber, attempt, err: message };
    const dead = attempt >= this.maxAttempts;
    const delayMs = dead ? 0 : (retryAfterOf(error) ?? this.backoff(attempt));
    const recorded = await this.store.failOutbox(row.id, row.attempts, message, new Date(this.clock().getTime() + delayMs), dead);
    if (!recorded) this.leaseLost(row, dead ? 'given up' : 'failed');
    else if (dead) this.logger.error(details, 'outbox message given up after its last attempt');
    else this.logger.warn({ ...details, retryInMs: delayMs }, 'outbox delivery failed; will retry');
  }
}
