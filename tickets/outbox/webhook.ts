import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { RoutingConfig } from '../routing.js';
import type { OutboxRow, TicketStore } from '../store/types.js';
import type { Deliverer } from './notifier.js';
import { parseRetryAfter } from './retry-after.js';

/*
 * Webhook deliveries to ITSM tools. The receiver checks
 *   X-Support-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Support-Timestamp>.<raw body>")>
 * with verifyWebhookSignature, rejects old timestamps (replays), and dedupes on
 * X-Support-Delivery (the outbox id): a delivery can arrive more than once.
 */

export interface WebhookDelivererOptions {
  /** where the ticket is read at delivery time */
  store: Pick<TicketStore, 'get'>;
  /** the queue's current webhook URL is used, so a moved endpoint also gets older messages */
  routing: RoutingConfig;
  /** HMAC secret per queue name (from `webhookSecrets` at the composition root) */
  secrets: Record<string, string>;
  fetch?: typeof fetch;
  /** per request (default 10 s) */
  timeoutMs?: number;
  clock?: () => Date;
}

/** A delivery that did not get a 2xx. `retryAfterMs` is the receiver's Retry-After, which the notifier honours. */
export class WebhookDeliveryError extends Error {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WebhookDeliveryError';
    this.retryAfterMs = details.retryAfterMs;
  }
}

// only the queue: its current webhook URL is looked up at delivery time. Rows written before
// the target lost its `url` still parse (zod drops the extra key).
const targetSchema = z.object({ queue: z.string() });
const payloadSchema = z.object({ event: z.string(), action: z.string().optional() });

/** `sha256=` and the hex HMAC-SHA256 of "<timestamp>.<body>". */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Whether `signature` (the X-Support-Signature header) signs this timestamp and raw body, compared
 * in constant time. With `toleranceSeconds`, a timestamp further than that from `now` fails too.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  if (!/^\d+$/.test(timestamp)) return false;
  if (options.toleranceSeconds !== undefined) {
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (Math.abs(nowSeconds - Number(timestamp)) > options.toleranceSeconds) return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The deliverer for `webhook` outbox rows: POSTs `{event, action?, ticket}` signed with the queue's secret. */
export function createWebhookDeliverer(options: WebhookDelivererOptions): Deliverer {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clock = options.clock ?? (() => new Date());

  return async (row: OutboxRow): Promise<void> => {
    const target = targetSchema.parse(row.target);
    const payload = payloadSchema.parse(row.payload);
    const url = options.routing.queues[target.queue]?.webhook?.url;
    if (url === undefined) throw new WebhookDeliveryError(`queue "${target.queue}" has no webhook any more`);
    const secret = Object.hasOwn(options.secrets, target.queue) ? options.secrets[target.queue] : undefined;
    if (secret === undefined) throw new WebhookDeliveryError(`no webhook secret for queue "${target.queue}"`);
    const ticket = await options.store.get(row.ticketNumber);
    if (ticket === undefined) throw new WebhookDeliveryError(`ticket ${row.ticketNumber} does not exist`);

    const body = JSON.stringify({ event: payload.event, ...(payload.action !== undefined && { action: payload.action }), ticket });
    const timestamp = String(Math.floor(clock().getTime() / 1000));
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Support-Timestamp': timestamp,
          'X-Support-Signature': signWebhook(secret, timestamp, body),
          'X-Support-Delivery': String(row.id),
        },
        body,
        // a redirect would carry the signed ticket somewhere nobody configured
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new WebhookDeliveryError(`webhook of queue "${target.queue}" unreachable: ${(error as Error).message}`, { cause: error });
    }
    // the body is not needed, but reading it lets the connection be reused
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return;

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock().getTime());
    throw new WebhookDeliveryError(`webhook of queue "${target.queue}" answered ${response.status}`, {
      ...(retryAfterMs !== null && { retryAfterMs }),
    });
  };
}
