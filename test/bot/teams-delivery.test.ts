import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { parseConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { RetryLaterError, createTeamsDeliverers, type TeamsDeliveryOptions } from '../../bot/teams-delivery.js';
import { triageCard, triageCardActivity } from '../../bot/triage-card.js';
import type { Ticket, TicketDraft } from '../../tickets/model.js';
import { OutboxNotifier, type NotifierLogger } from '../../tickets/outbox/notifier.js';
import { parseRetryAfter } from '../../tickets/outbox/retry-after.js';
import { DEFAULT_ROUTING, parseRoutingConfig, type RoutingConfig } from '../../tickets/routing.js';
import { TicketService } from '../../tickets/service.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import type { OutboxRow } from '../../tickets/store/types.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { sampleNewTicket } from '../tickets/fixtures.js';

const CHANNEL = '19:emea-agents@thread.tacv2';
const TENANT = 'tenant-support';

/** A severity-1 EMEA draft with four findings, from the shared ticket fixture. */
function sampleDraft(serviceUrl: string, overrides: Partial<TicketDraft> = {}): TicketDraft {
  const { status: _s, queue: _q, critical: _c, history: _h, createdAt: _ca, updatedAt: _ua, ...draft } = sampleNewTicket({
    severity: 1,
    region: 'emea',
    scope: { verdict: 'out', item: 'Guest OS patching', filedAnyway: true },
    evidence: [
      {
        kind: 'agent_log',
        content: 'ERROR connection refused\nERROR disk full\nERROR agent stopped\nERROR retry failed',
        findings: ['ERROR connection refused', 'ERROR disk full', 'ERROR agent stopped', 'ERROR retry failed'],
        redactions: { 'bearer-token': 2, 'aws-access-key': 1 },
        fileName: 'agent.log',
      },
    ],
    customer: { channel: 'webchat', userId: 'customer-1', name: 'Ada', conversation: { channelId: 'webchat', serviceUrl, conversationId: 'customer-conversation' } },
  });
  return { ...draft, ...overrides };
}

interface AdaptiveCard {
  version: string;
  body: Array<Record<string, unknown>>;
  actions: Array<{ type: string; title: string; verb: string; data: Record<string, unknown>; fallback: { type: string; data: Record<string, unknown> } }>;
  refresh: { action: { type: string; verb: string }; userIds: unknown[] };
}

/** The Adaptive Card inside a connector call's activity (created thread, sent or updated message). */
function cardOf(call: ConnectorCall): AdaptiveCard {
  const body = call.body as { activity?: { attachments?: Array<{ contentType: string; content: AdaptiveCard }> }; attachments?: Array<{ contentType: string; content: AdaptiveCard }> };
  const attachment = (body.activity ?? body).attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content;
}

const isCreate = (call: ConnectorCall): boolean => call.method === 'POST' && call.path === '/v3/conversations';

function recordingLogger(): NotifierLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (_d, message) => lines.push(message), warn: (_d, message) => lines.push(message), error: (_d, message) => lines.push(message) };
}

describe('Teams delivery of the outbox (local mode, fake connector)', () => {
  let connector: FakeConnector;
  let adapter: CloudAdapter;
  let dir: string;
  let db: SqliteDatabase;
  let service: TicketService;
  let logger: ReturnType<typeof recordingLogger>;

  const deliverers = (overrides: Partial<TeamsDeliveryOptions> = {}) =>
    createTeamsDeliverers({ adapter, botAppId: '', store: db.tickets, documents: db.documents, routing: DEFAULT_ROUTING, logger, ...overrides });
  const notifier = (routing: RoutingConfig = DEFAULT_ROUTING) =>
    new OutboxNotifier({ store: db.tickets, deliverers: { ...deliverers({ routing }), webhook: async () => undefined } });
  const registerEmea = () =>
    db.tickets.setQueueChannel({ queue: 'emea', conversation: { channelId: 'msteams', serviceUrl: connector.url, conversationId: CHANNEL, tenantId: TENANT }, registeredAt: new Date().toISOString() });
  const open = async (overrides: Partial<TicketDraft> = {}, key = 'activity-1'): Promise<Ticket> => (await service.open(sampleDraft(connector.url, overrides), { activityKey: key })).ticket;
  const cardRow = (ticket: Ticket): OutboxRow => ({ id: 0, kind: 'queue_card', ticketNumber: ticket.number, target: { queue: ticket.queue }, payload: { event: 'opened' }, attempts: 0, nextAttemptAt: new Date().toISOString() });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    // exactly as the bot builds it: no MicrosoftAppId, so no tokens and the onTurnError that apologises in the chat
    adapter = createAdapter(parseConfig({}), createLogger('silent'));
  });
  afterAll(() => connector.close());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'teams-delivery-'));
    db = openSqliteDatabase(join(dir, 'tickets.db'));
    service = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING });
    logger = recordingLogger();
    connector.reset();
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts a new ticket as a new thread of the queue channel, with the triage card', async () => {
    await registerEmea();
    const ticket = await open();
    expect(await notifier().drain()).toBe(1);

    const create = await connector.waitFor(isCreate);
    const body = create.body as { isGroup: boolean; tenantId: string; channelData: { channel: { id: string }; tenant: { id: string } } };
    expect(body.isGroup).toBe(true);
    expect(body.channelData.channel.id).toBe(CHANNEL);
    expect(body.channelData.tenant.id).toBe(TENANT);
    expect(body.tenantId).toBe(TENANT);
    expect(create.headers.authorization).toBeUndefined();

    const card = cardOf(create);
    expect(card.version).toBe('1.5');
    const header = card.body[0] as { style: string; items: Array<{ text: string }> };
    expect(header.style).toBe('attention');
    expect(header.items[0]?.text).toContain(ticket.number);
    expect(card.actions.map((a) => [a.type, a.verb, a.fallback.type])).toEqual([
      ['Action.Execute', 'ticket.acknowledge', 'Action.Submit'],
      ['Action.Execute', 'ticket.assign', 'Action.Submit'],
      ['Action.Execute', 'ticket.resolve', 'Action.Submit'],
    ]);
    expect(card.actions[0]?.data).toEqual({ verb: 'ticket.acknowledge', ticket: ticket.number, version: 1 });
    expect(card.actions[0]?.fallback.data).toEqual(card.actions[0]?.data);
    expect(card.refresh).toEqual({ action: expect.objectContaining({ type: 'Action.Execute', verb: 'ticket.refresh' }), userIds: [] });
    const text = JSON.stringify(card);
    expect(text).toContain('outside platform support (Guest OS patching), filed anyway');
    expect(text).toContain('ERROR agent stopped');
    expect(text).not.toContain('ERROR retry failed');
    expect(text).toContain('2 bearer-token, 1 aws-access-key');

    const stored = (await db.documents.read([`triage-card/${ticket.number}`])).get(`triage-card/${ticket.number}`)?.value;
    expect(stored).toMatchObject({ conversationId: expect.stringMatching(/^19:emea-agents@thread\.tacv2;messageid=\d+$/), activityId: expect.stringMatching(/^\d+$/) });
  });

  it('updates the same card when the ticket changes, and tells the customer in their conversation', async () => {
    await registerEmea();
    const ticket = await open();
    const outbox = notifier();
    await outbox.drain();
    const { conversationId, activityId } = (await db.documents.read([`triage-card/${ticket.number}`])).get(`triage-card/${ticket.number}`)!.value;

    await service.act(ticket.number, { action: 'acknowledge', agent: 'Alex', version: 1 });
    expect(await outbox.drain()).toBe(2);

    const update = await connector.waitFor((call) => call.method === 'PUT');
    expect(update.conversationId).toBe(conversationId);
    expect(update.activityId).toBe(activityId);
    const card = cardOf(update);
    expect(card.actions.map((a) => a.verb)).toEqual(['ticket.assign', 'ticket.resolve']);
    expect(JSON.stringify(card)).toContain('acknowledged by Alex');
    expect(connector.calls.filter(isCreate)).toHaveLength(1);

    const notice = await connector.waitFor((call) => call.method === 'POST' && call.conversationId === 'customer-conversation');
    expect(notice.body).toMatchObject({ type: 'message', text: expect.stringContaining(`${ticket.number} was acknowledged`) });
  });

  it('posts a new card when the old one was deleted in Teams', async () => {
    await registerEmea();
    const ticket = await open();
    const deliver = deliverers();
    await deliver.queue_card(cardRow(ticket));
    connector.failNext({ status: 404, body: { error: { code: 'ActivityNotFoundInConversation', message: 'gone' } } });
    await deliver.queue_card(cardRow(ticket));
    expect(connector.calls.map((c) => c.method)).toEqual(['POST', 'PUT', 'POST']);
    expect(connector.calls.filter(isCreate)).toHaveLength(2);
  });

  it('uses the routing file\'s Teams target when no channel is registered', async () => {
    const routing = parseRoutingConfig(
      { queues: { all: { teams: { serviceUrl: connector.url, conversationId: '19:from-routing@thread.tacv2' } } }, rules: [{ queue: 'all' }] },
      'test routing',
    );
    service = new TicketService({ store: db.tickets, routing });
    await open();
    await notifier(routing).drain();
    expect(((await connector.waitFor(isCreate)).body as { channelData: { channel: { id: string } } }).channelData.channel.id).toBe('19:from-routing@thread.tacv2');
  });

  it('skips a queue with no channel, saying so once, and keeps the row delivered', async () => {
    await open({ region: 'us' }, 'a-1');
    await open({ region: 'us', summary: 'Another outage in Virginia' }, 'a-2');
    expect(await notifier().drain()).toBe(2);
    expect(connector.calls).toHaveLength(0);
    expect(logger.lines.filter((line) => line.includes('has no Teams channel'))).toHaveLength(1);
  });

  it('asks the notifier to come back after Retry-After (plus jitter) when the connector throttles', async () => {
    await registerEmea();
    const ticket = await open();
    // the connector's own pipeline retries a 429 three times before botbuilder gives up
    connector.failNext({ status: 429, headers: { 'retry-after': '2' } }, 4);
    const failure = await deliverers().queue_card(cardRow(ticket)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RetryLaterError);
    expect((failure as RetryLaterError).retryAfterMs).toBeGreaterThanOrEqual(2000);
    expect((failure as RetryLaterError).retryAfterMs).toBeLessThan(2500);
    expect(connector.calls).toHaveLength(4);
  }, 15000);

  it('fails clearly, without apologising into the channel, when the bot was removed (403)', async () => {
    await registerEmea();
    const ticket = await open();
    connector.failNext({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    const failure = await deliverers().queue_card(cardRow(ticket)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(RetryLaterError);
    expect((failure as Error).message).toMatch(/refused \(403 BotNotInConversationRoster\).*removed/);
    // the adapter's onTurnError would have posted "Sorry, something went wrong" as a second call
    expect(connector.calls).toHaveLength(1);
  });

  it('gives up a call that takes longer than its deadline', async () => {
    await registerEmea();
    const ticket = await open();
    connector.failNext({ status: 429, headers: { 'retry-after': '5' } });
    const failure = await deliverers({ callTimeoutMs: 300 }).queue_card(cardRow(ticket)).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/did not finish within 300 ms/);
  });

  it('fails a customer notice whose target is not a conversation reference', async () => {
    const row: OutboxRow = { id: 1, kind: 'customer_notice', ticketNumber: 'INC-000001', target: { queue: 'emea' }, payload: { text: 'hi' }, attempts: 0, nextAttemptAt: new Date().toISOString() };
    await expect(deliverers().customer_notice(row)).rejects.toThrow(/no conversation or no text/);
  });
});

// the one parser the Teams and the webhook deliverers share (tickets/outbox/retry-after.ts)
describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [' 3 ', 3000],
    ['Sat, 01 Mar 2025 12:00:30 GMT', 30_000],
    ['Saturday, 01-Mar-25 12:00:30 GMT', 30_000],
    ['Sat Mar  1 12:00:30 2025', 30_000],
    ['Sat, 01 Mar 2025 11:00:00 GMT', 0],
    // not seconds and not a date, although Date.parse would read the first two as years
    ['-1', null],
    ['1.5.2', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('reads %p as %p ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('the triage card', () => {
  const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({ ...sampleNewTicket(), number: 'INC-000042', version: 3, ...overrides });
  const content = (t: Ticket) => triageCard(t).content as { body: Array<{ style?: string }>; actions: Array<{ verb: string }>; fallbackText: string };

  it.each([
    [1, 'attention'],
    [2, 'warning'],
    [3, 'accent'],
    [4, 'default'],
  ] as const)('colours a severity %p header %p', (severity, colour) => {
    expect(content(ticket({ severity })).body[0]?.style).toBe(colour);
  });

  it('offers only the buttons the status allows', () => {
    expect(content(ticket({ status: 'in_progress', assignee: 'Sam' })).actions.map((a) => a.verb)).toEqual(['ticket.assign', 'ticket.resolve']);
    expect(content(ticket({ status: 'resolved' })).actions).toEqual([]);
  });

  it('has a plain-text fallback with the essentials', () => {
    const text = content(ticket({ assignee: 'Sam' })).fallbackText;
    expect(text).toContain('INC-000042');
    expect(text).toContain('Scope: in scope (API errors)');
    expect(text).toContain('Assignee: Sam');
    expect(text).toContain('Secrets redacted: 1 bearer-token');
    expect(triageCardActivity(ticket()).summary).toMatch(/^INC-000042 · Sev 2 high: /);
  });
});
