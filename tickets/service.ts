import { createHash } from 'node:crypto';
import { applyAction, type LifecycleAction } from './lifecycle.js';
import { ticketDraftSchema, type Ticket, type TicketDraft } from './model.js';
import { redact, redactDeep } from './redaction/index.js';
import { routeTicket, type RoutingConfig } from './routing.js';
import { TicketNotFoundError, VersionConflictError, type IdempotencyKey, type NewTicket, type OutboxMessage, type TicketFilter, type TicketPage, type TicketStore } from './store/types.js';

/** A customer resending the same problem within this window gets the ticket they already have. */
export const DRAFT_DEDUPE_MS = 10 * 60 * 1000;

/** Lifecycle actions the customer hears about ("start" is internal bookkeeping). */
const CUSTOMER_NOTICE_ACTIONS: ReadonlySet<LifecycleAction> = new Set(['acknowledge', 'assign', 'resolve', 'close', 'reopen']);

export interface TicketServiceOptions {
  store: TicketStore;
  routing: RoutingConfig;
  clock?: () => Date;
  /** called after outbox messages were written (the composition root passes the notifier's nudge) */
  onOutboxWritten?: () => void;
}

export interface ActRequest {
  action: LifecycleAction;
  agent?: string;
  /** redacted before it is kept; resolve and close notes are shown to the customer */
  note?: string;
  /** the version the agent saw: the action is refused when the ticket changed since */
  version: number;
}

export interface CustomerIdentity {
  channel: string;
  userId: string;
}

/** The draft does not match the ticket draft schema; `issues` lists each problem as "path: message". */
export class InvalidTicketDraftError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid ticket draft: ${issues.join('; ')}`);
    this.name = 'InvalidTicketDraftError';
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const normalise = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Redacts every free-text part of the draft again: the dialog redacts too, but nothing unredacted may reach the store. */
function redactDraft(draft: TicketDraft): TicketDraft {
  const { value } = redactDeep({
    summary: draft.summary,
    description: draft.description,
    transcript: draft.transcript.map((turn) => turn.text),
    evidence: draft.evidence.map((item) => ({ content: item.content, findings: item.findings, fileName: item.fileName ?? '' })),
  });
  return {
    ...draft,
    summary: value.summary,
    description: value.description,
    transcript: draft.transcript.map((turn, index) => ({ ...turn, text: value.transcript[index]! })),
    // the evidence's redaction counts stay as the collector reported them
    evidence: draft.evidence.map((item, index) => {
      const redacted = value.evidence[index]!;
      const next = { ...item, content: redacted.content, findings: redacted.findings };
      if (item.fileName !== undefined) next.fileName = redacted.fileName;
      return next;
    }),
  };
}

/** Same customer, same problem: the hash of who sent it and the normalised text. */
function draftKey(draft: TicketDraft): string {
  const parts = [draft.customer.channel, draft.customer.userId, draft.cloud, draft.region, String(draft.severity), draft.category, draft.summary, draft.description];
  return `draft:${sha256(JSON.stringify(parts.map(normalise)))}`;
}

function customerNotice(ticket: Ticket, action: LifecycleAction, note: string | undefined): string {
  const subject = `Your ticket ${ticket.number}`;
  const withNote = (sentence: string): string => (note ? `${sentence}: ${note}` : `${sentence}.`);
  switch (action) {
    case 'acknowledge':
      return `${subject} was acknowledged by support.`;
    case 'assign':
      return `${subject} was assigned to a support engineer and is being worked on.`;
    case 'start':
      return `${subject} is being worked on.`;
    case 'resolve':
      return withNote(`${subject} was resolved`);
    case 'close':
      return withNote(`${subject} was closed`);
    case 'reopen':
      return `${subject} was reopened.`;
  }
}

/**
 * Opens tickets from customers' drafts and moves them through their lifecycle. Every change
 * writes its notifications to the store's outbox in the same transaction; the OutboxNotifier
 * delivers them.
 */
export class TicketService {
  private readonly store: TicketStore;
  private readonly routing: RoutingConfig;
  private readonly clock: () => Date;
  private readonly onOutboxWritten: () => void;

  constructor(options: TicketServiceOptions) {
    this.store = options.store;
    this.routing = options.routing;
    this.clock = options.clock ?? (() => new Date());
    this.onOutboxWritten = options.onOutboxWritten ?? (() => undefined);
  }

  /**
   * Files a ticket from a draft, once: a redelivered activity (same `activityKey`) or the same
   * draft from the same customer within DRAFT_DEDUPE_MS returns the earlier ticket with `created: false`.
   * @throws InvalidTicketDraftError
   */
  async open(draft: TicketDraft, request: { activityKey: string }): Promise<{ ticket: Ticket; created: boolean }> {
    const parsed = ticketDraftSchema.safeParse(draft);
    if (!parsed.success) throw new InvalidTicketDraftError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
    const clean = redactDraft(parsed.data);
    const { queue, critical } = routeTicket(this.routing, clean);
    const now = this.clock();
    const at = now.toISOString();

    const ticket: NewTicket = { ...clean, status: 'new', queue, critical, history: [{ at, action: 'open', from: null, to: 'new' }], createdAt: at, updatedAt: at };
    // by priority, the store returning the ticket of the first key that holds: a redelivered
    // activity gets its own ticket even when the draft key has since moved to a later filing
    const keys: IdempotencyKey[] = [
      { key: `activity:${sha256(request.activityKey)}` },
      { key: draftKey(clean), ttlMs: DRAFT_DEDUPE_MS },
    ];
    const result = await this.store.create(ticket, keys, this.agentMessages(queue, { event: 'opened' }), now);
    if (result.created) this.onOutboxWritten();
    return result;
  }

  get(number: string): Promise<Ticket | undefined> {
    return this.store.get(number);
  }

  list(filter: TicketFilter): Promise<TicketPage> {
    return this.store.list(filter);
  }

  /** The customer's own tickets, newest first. */
  async listForCustomer(customer: CustomerIdentity, limit: number): Promise<Ticket[]> {
    const page = await this.store.list({ customer: { channel: customer.channel, userId: customer.userId }, limit });
    return page.tickets;
  }

  /** The ticket when it belongs to this customer; undefined when it does not exist or is someone else's (indistinguishable on purpose). */
  async getForCustomer(number: string, customer: CustomerIdentity): Promise<Ticket | undefined> {
    const ticket = await this.store.get(number);
    if (ticket === undefined) return undefined;
    const owned = ticket.customer.channel === customer.channel && ticket.customer.userId === customer.userId;
    return owned ? ticket : undefined;
  }

  /**
   * Applies an agent's action to the ticket at the version the agent saw, refreshes the queue's
   * card and webhook, and tells the customer (except for "start").
   * @throws TicketNotFoundError, VersionConflictError, InvalidTransitionError, MissingAgentError
   */
  async act(number: string, request: ActRequest): Promise<Ticket> {
    const current = await this.store.get(number);
    if (current === undefined) throw new TicketNotFoundError(number);
    if (current.version !== request.version) throw new VersionConflictError(current.number, request.version, current.version);

    const note = request.note === undefined ? undefined : redact(request.note).text.trim() || undefined;
    const actionRequest = { action: request.action, ...(request.agent !== undefined && { agent: request.agent }), ...(note !== undefined && { note }) };
    const next = applyAction(current, actionRequest, this.clock());

    const outbox = this.agentMessages(next.queue, { event: 'updated', action: request.action });
    if (CUSTOMER_NOTICE_ACTIONS.has(request.action)) {
      outbox.push({
        kind: 'customer_notice',
        target: next.customer.conversation,
        payload: { event: request.action, text: customerNotice(next, request.action, note) },
      });
    }
    const saved = await this.store.update(next, request.version, outbox);
    this.onOutboxWritten();
    return saved;
  }

  /**
   * The queue's card, and its webhook when it has one. The webhook's target is only the queue:
   * the deliverer posts to the URL configured when it delivers, so a moved endpoint gets older messages too.
   */
  private agentMessages(queue: string, payload: { event: 'opened' } | { event: 'updated'; action: LifecycleAction }): OutboxMessage[] {
    const messages: OutboxMessage[] = [{ kind: 'queue_card', target: { queue }, payload }];
    if (this.routing.queues[queue]?.webhook !== undefined) messages.push({ kind: 'webhook', target: { queue }, payload });
    return messages;
  }
}
