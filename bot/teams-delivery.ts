import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { conversationReferenceSchema, type Ticket, type TicketConversationReference } from '../tickets/model.js';
import type { Deliverer, NotifierLogger } from '../tickets/outbox/notifier.js';
import { parseRetryAfter } from '../tickets/outbox/retry-after.js';
import type { RoutingConfig } from '../tickets/routing.js';
import type { DocumentStore, OutboxRow, TicketStore } from '../tickets/store/types.js';
import { findQueueConversation, withoutThread } from './queue-registration.js';
import { triageCardActivity } from './triage-card.js';

/*
 * The outbox notifier's Teams deliverers: the queue's triage card (posted once per ticket as a new
 * thread of the queue's channel, then updated in place) and the customer's notices.
 *
 * Three things about botbuilder shape this file:
 * - Errors must not be thrown inside a proactive turn: the adapter's onTurnError would catch
 *   them, post "something went wrong" into the conversation and report success to the notifier.
 *   Each call's outcome is carried out of the turn and thrown after it.
 * - CloudAdapter.createConversationAsync drops the created thread's activity id (its turn only
 *   sees the conversation id), and the card cannot be updated without it, so the thread is created
 *   through the turn's connector client, whose answer carries both (as TeamsInfo does).
 * - The connector's HTTP pipeline retries 429 and 5xx itself (3 times, honouring Retry-After,
 *   without a cap). Each call gets a deadline so that a delivery never outlives the notifier's lease.
 */

/** Where a ticket's card was posted, kept in the DocumentStore under `triage-card/<number>`. */
interface PostedCard {
  channelId: string;
  serviceUrl: string;
  conversationId: string;
  activityId: string;
}

/** The connector operations used here (the client itself comes from the adapter's proactive turn). */
interface ConnectorConversations {
  createConversation(parameters: object, options: CallOptions): Promise<{ id?: string; activityId?: string }>;
  sendToConversation(conversationId: string, activity: Partial<Activity>, options: CallOptions): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options: CallOptions): Promise<{ id?: string }>;
}
interface CallOptions {
  abortSignal: AbortSignal;
}

export interface TeamsDeliveryOptions {
  adapter: CloudAdapter;
  /** the bot's Microsoft App Id; '' in local mode (no token is fetched, the serviceUrl is called as is) */
  botAppId: string;
  store: Pick<TicketStore, 'get' | 'queueChannels'>;
  documents: DocumentStore;
  routing: RoutingConfig;
  logger: NotifierLogger;
  /** the longest one connector call may take, the pipeline's own retries included (default 20 s) */
  callTimeoutMs?: number;
  random?: () => number;
}

/** The connector asked to wait (429, or 503 with Retry-After): the notifier retries after `retryAfterMs`. */
export class RetryLaterError extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

const DEFAULT_CALL_TIMEOUT_MS = 20_000;
const cardKey = (number: string): string => `triage-card/${number}`;

/** Spreads the retries of many throttled rows so they do not all come back in the same instant. */
function jitter(waitMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(1000, Math.max(250, waitMs * 0.2)));
}

interface HttpFailure {
  statusCode?: number;
  code?: string;
  name?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** Turns a connector failure into what the notifier needs: a clear message and, when asked, when to come back. */
function explain(error: unknown, what: string, timeoutMs: number, random: () => number): Error {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  const status = failure.statusCode;
  if (status === undefined) {
    if (failure.name === 'AbortError') return new Error(`${what}: the connector did not finish within ${timeoutMs} ms (throttled or slow)`);
    return new Error(`${what}: the connector could not be reached (${failure.code ?? (error instanceof Error ? error.message : String(error))})`);
  }
  const code = failure.code ? ` ${failure.code}` : '';
  if (status === 429 || status === 503) {
    const waitMs = parseRetryAfter(failure.response?.headers?.get?.('retry-after'), Date.now());
    if (waitMs !== null) return new RetryLaterError(`${what}: the connector is throttling (${status}${code}); retry after ${waitMs} ms`, waitMs + jitter(waitMs, random));
  }
  if (status === 429 || status >= 500) return new Error(`${what}: the connector answered ${status}${code}`);
  if (status === 401 || status === 403 || status === 404) {
    return new Error(`${what}: the connector refused (${status}${code}); the bot may have been removed from the conversation or lost its permission`);
  }
  return new Error(`${what}: the connector rejected the message (${status}${code})`);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as HttpFailure).statusCode === 404;
}

/** Teams channel ids end in @thread.tacv2 (or @thread.skype for old teams); group chats end in @thread.v2. */
function isTeamsChannel(target: TicketConversationReference): boolean {
  return target.channelId === 'msteams' && /@thread\.(tacv2|skype)$/i.test(withoutThread(target.conversationId));
}

function continuationOf(target: TicketConversationReference, botAppId: string): Partial<ConversationReference> {
  const reference: Partial<ConversationReference> = {
    channelId: target.channelId,
    serviceUrl: target.serviceUrl,
    conversation: { id: target.conversationId, isGroup: false, conversationType: '', name: '', ...(target.tenantId !== undefined && { tenantId: target.tenantId }) },
    bot: { id: target.botId ?? botAppId, name: '' },
  };
  if (target.userId !== undefined) reference.user = { id: target.userId, name: '' };
  return reference;
}

function postedCardOf(value: Record<string, unknown> | undefined): PostedCard | undefined {
  if (value === undefined) return undefined;
  const { channelId, serviceUrl, conversationId, activityId } = value;
  if (typeof channelId !== 'string' || typeof serviceUrl !== 'string' || typeof conversationId !== 'string' || typeof activityId !== 'string') return undefined;
  return { channelId, serviceUrl, conversationId, activityId };
}

/**
 * The deliverers for `queue_card` and `customer_notice` outbox rows. A queue with no Teams
 * channel (none registered, none in the routing file) is not an error: its cards are skipped
 * (logged once per queue) and the tickets stay visible in the agent API.
 */
export function createTeamsDeliverers(options: TeamsDeliveryOptions): { queue_card: Deliverer; customer_notice: Deliverer } {
  const { adapter, botAppId, store, documents, routing, logger } = options;
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const random = options.random ?? Math.random;
  const announcedQueues = new Set<string>();

  /** Runs one connector call in a proactive turn and hands its result (or its failure) back outside the turn. */
  async function call<T>(target: TicketConversationReference, what: string, operation: (connector: ConnectorConversations, options: CallOptions) => Promise<T>): Promise<T> {
    const turn: { outcome?: { ok: true; value: T } | { ok: false; error: unknown } } = {};
    await adapter.continueConversationAsync(botAppId, continuationOf(target, botAppId), async (context: TurnContext) => {
      const client = context.turnState.get(adapter.ConnectorClientKey) as { conversations: ConnectorConversations };
      try {
        turn.outcome = { ok: true, value: await operation(client.conversations, { abortSignal: AbortSignal.timeout(timeoutMs) }) };
      } catch (error) {
        turn.outcome = { ok: false, error };
      }
    });
    if (turn.outcome === undefined) throw new Error(`${what}: the proactive turn did not run`);
    if (!turn.outcome.ok) throw turn.outcome.error;
    return turn.outcome.value;
  }

  async function guarded<T>(target: TicketConversationReference, what: string, operation: (connector: ConnectorConversations, options: CallOptions) => Promise<T>): Promise<T> {
    try {
      return await call(target, what, operation);
    } catch (error) {
      throw explain(error, what, timeoutMs, random);
    }
  }

  async function postCard(ticket: Ticket, target: TicketConversationReference): Promise<void> {
    const activity = triageCardActivity(ticket);
    let conversationId = target.conversationId;
    let activityId: string | undefined;
    if (isTeamsChannel(target)) {
      const channel = withoutThread(target.conversationId);
      const parameters = {
        isGroup: true,
        channelData: { channel: { id: channel }, ...(target.tenantId !== undefined && { tenant: { id: target.tenantId } }) },
        activity,
        ...(target.tenantId !== undefined && { tenantId: target.tenantId }),
      };
      const created = await guarded(target, `posting ${ticket.number} to channel ${channel}`, (c, o) => c.createConversation(parameters, o));
      // the new thread's conversation id is "<channel>;messageid=<activity id>"
      conversationId = created.id ?? channel;
      activityId = created.activityId ?? /;messageid=(.+)$/.exec(conversationId)?.[1];
    } else {
      const sent = await guarded(target, `posting ${ticket.number} to ${target.conversationId}`, (c, o) => c.sendToConversation(target.conversationId, activity, o));
      activityId = sent.id;
    }
    if (activityId === undefined || activityId === '') {
      logger.warn({ ticket: ticket.number, queue: ticket.queue }, 'the connector did not say which message the card is; later changes post a new card');
      return;
    }
    const posted: PostedCard = { channelId: target.channelId, serviceUrl: target.serviceUrl, conversationId, activityId };
    await documents.write([{ key: cardKey(ticket.number), value: { ...posted } }]);
    logger.info({ ticket: ticket.number, queue: ticket.queue }, 'triage card posted');
  }

  /** false when the card is gone (deleted in Teams): the caller posts a new one. */
  async function updateCard(ticket: Ticket, posted: PostedCard): Promise<boolean> {
    const activity = { ...triageCardActivity(ticket), id: posted.activityId };
    const target: TicketConversationReference = { channelId: posted.channelId, serviceUrl: posted.serviceUrl, conversationId: posted.conversationId };
    const what = `updating the card of ${ticket.number}`;
    try {
      await call(target, what, (c, o) => c.updateActivity(posted.conversationId, posted.activityId, activity, o));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw explain(error, what, timeoutMs, random);
    }
  }

  const queue_card: Deliverer = async (row: OutboxRow) => {
    // the card always shows the ticket as it is now, so a retried or reordered row cannot show an old state
    const ticket = await store.get(row.ticketNumber);
    if (ticket === undefined) throw new Error(`queue card for ${row.ticketNumber}: the ticket is not in the store`);
    const posted = postedCardOf((await documents.read([cardKey(ticket.number)])).get(cardKey(ticket.number))?.value);
    if (posted !== undefined && (await updateCard(ticket, posted))) return;

    const target = await findQueueConversation(ticket.queue, { store, routing });
    if (target === undefined) {
      if (!announcedQueues.has(ticket.queue)) {
        announcedQueues.add(ticket.queue);
        logger.info({ queue: ticket.queue }, 'queue has no Teams channel (register one with "register queue"); its cards are not posted');
      }
      return;
    }
    await postCard(ticket, target);
  };

  const customer_notice: Deliverer = async (row: OutboxRow) => {
    const target = conversationReferenceSchema.safeParse(row.target);
    const text = (row.payload as { text?: unknown } | null)?.text;
    if (!target.success || typeof text !== 'string' || text === '') throw new Error(`customer notice for ${row.ticketNumber} has no conversation or no text`);
    const conversationId = target.data.conversationId;
    await guarded(target.data, `telling the customer about ${row.ticketNumber}`, (c, o) => c.sendToConversation(conversationId, { type: 'message', text }, o));
  };

  return { queue_card, customer_notice };
}
