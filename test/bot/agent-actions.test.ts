import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type restify from 'restify';
import { createAdapter } from '../../bot/adapter.js';
import { AgentActions, agentSide } from '../../bot/agent-actions.js';
import { parseConfig } from '../../bot/config.js';
import { AGENT_MESSAGES } from '../../bot/errors.js';
import { createLogger } from '../../bot/logger.js';
import { QueueRegistration } from '../../bot/queue-registration.js';
import { createServer, listen } from '../../bot/server.js';
import { SupportBot } from '../../bot/support-bot.js';
import { createTeamsDeliverers } from '../../bot/teams-delivery.js';
import type { MainDialog } from '../../dialogs/main-dialog.js';
import type { Region, Ticket, TicketDraft } from '../../tickets/model.js';
import { OutboxNotifier } from '../../tickets/outbox/notifier.js';
import { DEFAULT_ROUTING, type RoutingConfig } from '../../tickets/routing.js';
import { TicketService } from '../../tickets/service.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import { FakeConnector } from '../support/fake-connector.js';
import { sampleNewTicket } from '../tickets/fixtures.js';

const CHANNEL = '19:emea-agents@thread.tacv2';
const US_CHANNEL = '19:us-agents@thread.tacv2';
const TENANT = 'tenant-support';
const OTHER_TENANT = 'tenant-some-customer';
const CARD_MESSAGE = '1700000000001';
const silent = createLogger('silent');

interface InvokeBody {
  statusCode: number;
  type: string;
  value: { body?: unknown[]; actions?: Array<{ verb: string }> } | string;
}

function sampleDraft(serviceUrl: string, region: Region = 'emea'): TicketDraft {
  const { status: _s, queue: _q, critical: _c, history: _h, createdAt: _ca, updatedAt: _ua, ...draft } = sampleNewTicket({
    severity: 2,
    region,
    customer: { channel: 'webchat', userId: 'customer-1', conversation: { channelId: 'webchat', serviceUrl, conversationId: 'customer-conversation' } },
  });
  return draft;
}

describe('the agents\' side over HTTP (Teams-shaped activities, local mode)', () => {
  let connector: FakeConnector;
  let dir: string;
  let db: SqliteDatabase;
  let service: TicketService;
  let server: restify.Server;
  let url: string;
  let dialogTurns: number;
  let sequence = 0;

  /** An activity from agent Alex in the EMEA agents' channel (a reply in the card's thread). */
  const fromChannel = (fields: Record<string, unknown>): Record<string, unknown> => ({
    id: `incoming-${++sequence}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:alex', name: 'Alex Agent', aadObjectId: '00000000-0000-0000-0000-00000000a1e8' },
    recipient: { id: '28:support-bot', name: 'Support Bot' },
    conversation: { id: `${CHANNEL};messageid=${CARD_MESSAGE}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: '19:support-team@thread.tacv2' }, channel: { id: CHANNEL } },
    ...fields,
  });
  const execute = (verb: string, data: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    fromChannel({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' }, ...overrides });
  const mention = (text: string) =>
    fromChannel({
      type: 'message',
      text: `<at>Support Bot</at> ${text}`,
      deliveryMode: 'expectReplies',
      entities: [{ type: 'mention', text: '<at>Support Bot</at>', mentioned: { id: '28:support-bot', name: 'Support Bot' } }],
    });

  async function post(activity: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const replies = (body: Record<string, unknown>): string => ((body.activities as Array<{ text?: string }> | undefined) ?? []).map((a) => a.text).join('\n');
  const open = async (region: Region = 'emea'): Promise<Ticket> => (await service.open(sampleDraft(connector.url, region), { activityKey: `open-${++sequence}` })).ticket;
  const registerQueue = (queue: string, conversationId: string, tenantId = TENANT) =>
    db.tickets.setQueueChannel({ queue, conversation: { channelId: 'msteams', serviceUrl: connector.url, conversationId, tenantId }, registeredAt: new Date().toISOString() });
  const registerEmea = () => registerQueue('emea', CHANNEL);
  /** Another tenant's copy of an activity (Teams sets the tenant in both places). */
  const inTenant = (activity: Record<string, unknown>, tenantId: string): Record<string, unknown> => ({
    ...activity,
    conversation: { ...(activity.conversation as object), tenantId },
    channelData: { ...(activity.channelData as object), tenant: { id: tenantId } },
  });
  /** Delivers the outbox as the running bot's notifier would: posts and updates the queue's cards. */
  const drain = async (): Promise<void> => {
    const deliverers = createTeamsDeliverers({ adapter: createAdapter(parseConfig({}), silent), botAppId: '', store: db.tickets, documents: db.documents, routing: DEFAULT_ROUTING, logger: silent });
    await new OutboxNotifier({ store: db.tickets, deliverers: { ...deliverers, webhook: async () => undefined } }).drain();
  };

  /** The bot over HTTP; local mode without AGENT_TENANT_ID unless told otherwise. */
  async function startBot(options: { agentTenantId?: string; localMode?: boolean; routing?: RoutingConfig } = {}): Promise<void> {
    // the customer's dialog must never see an agent's turn
    const dialog = {
      run: async (context: TurnContext) => {
        dialogTurns++;
        await context.sendActivity('(customer dialog)');
      },
    } as unknown as MainDialog;
    const routing = options.routing ?? DEFAULT_ROUTING;
    const registration = new QueueRegistration({ store: db.tickets, routing });
    const actions = new AgentActions({ service, queues: { store: db.tickets, routing }, logger: silent });
    const agents = agentSide({ registration, actions, agentTenantId: options.agentTenantId, localMode: options.localMode ?? true, logger: silent });
    const bot = new SupportBot(new ConversationState(new MemoryStorage()), dialog, agents);
    server = createServer({ adapter: createAdapter(parseConfig({}), silent), bot, logger: silent, maxBodyBytes: 1024 * 1024, isReady: () => true });
    await listen(server, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }
  const stopBot = () => new Promise<void>((resolve) => server.close(() => resolve()));
  /** Replaces the running bot with one started with `options`. */
  const restartBot = async (options: Parameters<typeof startBot>[0]): Promise<void> => {
    await stopBot();
    await startBot(options);
  };

  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(() => connector.close());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agent-actions-'));
    db = openSqliteDatabase(join(dir, 'tickets.db'));
    service = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING });
    connector.reset();
    dialogTurns = 0;
    await startBot();
  });
  afterEach(async () => {
    await stopBot();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('Action.Execute (adaptiveCard/action invoke)', () => {
    beforeEach(registerEmea);

    it('acknowledges and answers with the refreshed card, without the Acknowledge button', async () => {
      const ticket = await open();
      const res = await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      expect(res.status).toBe(200);
      const body = res.body as unknown as InvokeBody;
      expect(body.statusCode).toBe(200);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      const card = body.value as { actions: Array<{ verb: string }> };
      expect(card.actions.map((a) => a.verb)).toEqual(['ticket.assign', 'ticket.resolve']);
      expect(JSON.stringify(card)).toContain('"version":2');

      const stored = await service.get(ticket.number);
      expect(stored).toMatchObject({ status: 'acknowledged', version: 2 });
      expect(stored?.history.at(-1)).toMatchObject({ action: 'acknowledge', agent: 'Alex Agent' });
      expect(dialogTurns).toBe(0);
    });

    it('answers a stale press with 200, the latest card and a note', async () => {
      const ticket = await open();
      await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      const stale = await post(execute('ticket.resolve', { ticket: ticket.number, version: 1 }));
      expect(stale.status).toBe(200);
      const body = stale.body as unknown as InvokeBody;
      expect(body.statusCode).toBe(200);
      expect(JSON.stringify(body.value)).toContain(AGENT_MESSAGES.stale);
      expect(JSON.stringify(body.value)).toContain('acknowledged');
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
    });

    it('answers a press that no longer fits the status with the card and a note', async () => {
      const ticket = await open();
      await post(execute('ticket.resolve', { ticket: ticket.number, version: 1 }));
      const late = await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 2 }));
      const body = late.body as unknown as InvokeBody;
      expect(body.statusCode).toBe(200);
      expect(JSON.stringify(body.value)).toContain(AGENT_MESSAGES.noLongerApplies('resolved'));
      expect((body.value as { actions: unknown[] }).actions).toEqual([]);
    });

    it('assigns the ticket to the agent who pressed "Assign to me"', async () => {
      const ticket = await open();
      await post(execute('ticket.assign', { ticket: ticket.number, version: 1 }));
      expect(await service.get(ticket.number)).toMatchObject({ status: 'in_progress', assignee: 'Alex Agent' });
    });

    it('refreshes to the current card', async () => {
      const ticket = await open();
      await service.act(ticket.number, { action: 'acknowledge', agent: 'Sam', version: 1 });
      const res = await post(execute('ticket.refresh', { ticket: ticket.number }, { value: { action: { type: 'Action.Execute', verb: 'ticket.refresh', data: { ticket: ticket.number } }, trigger: 'automatic' } }));
      const body = res.body as unknown as InvokeBody;
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(body.value)).toContain('acknowledged by Sam');
    });

    it('says so when the ticket does not exist', async () => {
      const res = await post(execute('ticket.acknowledge', { ticket: 'INC-999999', version: 1 }));
      expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: AGENT_MESSAGES.notFound('INC-999999') });
    });

    it('refuses presses from a conversation that receives no queue\'s cards', async () => {
      const ticket = await open();
      const personal = execute('ticket.resolve', { ticket: ticket.number, version: 1 }, { conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } } });
      const res = await post(personal);
      expect(res.body).toMatchObject({ statusCode: 200, value: AGENT_MESSAGES.notQueueConversation });
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });
    });

    it('refuses a web chat message that claims to come from the queue channel', async () => {
      const ticket = await open();
      const forged = fromChannel({ channelId: 'webchat', type: 'message', conversation: { id: 'webchat-conversation' }, value: { verb: 'ticket.resolve', ticket: ticket.number, version: 1 } });
      await post(forged);
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });
      const reply = await connector.waitFor((call) => call.conversationId === 'webchat-conversation');
      expect(reply.body).toMatchObject({ text: AGENT_MESSAGES.notQueueConversation });
    });

    it('answers 400 to a card action that is not a ticket press', async () => {
      const res = await post(execute('poll.vote', { choice: 'a' }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    });
  });

  describe('Action.Submit fallback (a message whose value is the button data)', () => {
    beforeEach(registerEmea);

    /** Posts the ticket's card as the notifier does; the id of the card message. */
    async function postedCard(ticket: Ticket): Promise<string> {
      await drain();
      const posted = (await db.documents.read([`triage-card/${ticket.number}`])).get(`triage-card/${ticket.number}`)?.value as { activityId: string };
      connector.reset();
      return posted.activityId;
    }

    it('acts, and leaves the card to the outbox: no update inside the turn, then one update of the posted card', async () => {
      const ticket = await open();
      const cardMessage = await postedCard(ticket);
      const res = await post(fromChannel({ type: 'message', replyToId: cardMessage, value: { verb: 'ticket.acknowledge', ticket: ticket.number, version: 1 } }));
      expect(res.status).toBe(200);
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
      expect(connector.calls.filter((call) => call.method === 'PUT')).toEqual([]);
      expect(dialogTurns).toBe(0);

      await drain();
      const updates = connector.calls.filter((call) => call.method === 'PUT');
      expect(updates).toHaveLength(1);
      expect(updates[0]?.activityId).toBe(cardMessage);
      const card = (updates[0]?.body as { attachments: Array<{ content: { actions: Array<{ verb: string }> } }> }).attachments[0]?.content;
      expect(card?.actions.map((a) => a.verb)).toEqual(['ticket.assign', 'ticket.resolve']);
    });

    it('replaces the card message with the latest card and a note when the press was not applied', async () => {
      const ticket = await open();
      await service.act(ticket.number, { action: 'acknowledge', agent: 'Sam', version: 1 });
      await post(fromChannel({ type: 'message', replyToId: CARD_MESSAGE, value: { verb: 'ticket.resolve', ticket: ticket.number, version: 1 } }));
      const update = await connector.waitFor((call) => call.method === 'PUT');
      expect(update.conversationId).toBe(`${CHANNEL};messageid=${CARD_MESSAGE}`);
      expect(update.activityId).toBe(CARD_MESSAGE);
      expect(JSON.stringify(update.body)).toContain(AGENT_MESSAGES.stale);
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
    });
  });

  describe('a press counts only in its own ticket\'s queue channel', () => {
    beforeEach(async () => {
      await registerEmea();
      await registerQueue('us', US_CHANNEL);
    });
    const fromUsChannel = (activity: Record<string, unknown>): Record<string, unknown> => ({
      ...activity,
      conversation: { id: `${US_CHANNEL};messageid=${CARD_MESSAGE}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, channel: { id: US_CHANNEL } },
    });

    it('refuses a press from the emea channel on a us ticket, and takes it from the us channel', async () => {
      const ticket = await open('us');
      expect(ticket.queue).toBe('us');
      const fromEmea = await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      expect(fromEmea.body).toMatchObject({ statusCode: 200, value: AGENT_MESSAGES.notQueueConversation });
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });

      const fromUs = await post(fromUsChannel(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 })));
      expect((fromUs.body as unknown as InvokeBody).type).toBe('application/vnd.microsoft.card.adaptive');
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
    });

    it('refuses an Action.Submit press from another queue\'s channel too', async () => {
      const ticket = await open('emea');
      await post(fromUsChannel(fromChannel({ type: 'message', replyToId: CARD_MESSAGE, value: { verb: 'ticket.resolve', ticket: ticket.number, version: 1 } })));
      const reply = await connector.waitFor((call) => call.conversationId === `${US_CHANNEL};messageid=${CARD_MESSAGE}`);
      expect(reply.body).toMatchObject({ text: AGENT_MESSAGES.notQueueConversation });
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });
    });
  });

  describe('a queue channel from the routing file (nothing registered)', () => {
    it('takes presses from the routing file\'s teams conversation of the ticket\'s queue', async () => {
      const emea = { ...DEFAULT_ROUTING.queues.emea!, teams: { serviceUrl: connector.url, conversationId: CHANNEL } };
      await restartBot({ routing: { ...DEFAULT_ROUTING, queues: { ...DEFAULT_ROUTING.queues, emea } } });
      const ticket = await open();
      await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
    });
  });

  describe('the tenant gate', () => {
    it('with AGENT_TENANT_ID set, refuses a press and a registration from another tenant', async () => {
      await registerEmea();
      await restartBot({ agentTenantId: TENANT, localMode: false });
      const ticket = await open();
      const press = await post(inTenant(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }), OTHER_TENANT));
      expect(press.body).toMatchObject({ statusCode: 200, value: AGENT_MESSAGES.otherTenant });
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });

      const registration = await post(inTenant(mention('register queue us'), OTHER_TENANT));
      expect(replies(registration.body)).toBe(AGENT_MESSAGES.otherTenant);
      expect((await db.tickets.queueChannels()).map((channel) => channel.queue)).toEqual(['emea']);
      expect(dialogTurns).toBe(0);
    });

    it('with AGENT_TENANT_ID set, takes a registration and a press from that tenant (its id in any case)', async () => {
      await restartBot({ agentTenantId: TENANT.toUpperCase(), localMode: false });
      const registration = await post(mention('register queue emea'));
      expect(replies(registration.body)).toBe('This channel now receives the emea queue\'s tickets.');
      const ticket = await open();
      const press = await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      expect((press.body as unknown as InvokeBody).type).toBe('application/vnd.microsoft.card.adaptive');
      expect(await service.get(ticket.number)).toMatchObject({ status: 'acknowledged', version: 2 });
    });

    it('does not take the tenant from a web chat message\'s channelData', async () => {
      await registerEmea();
      await restartBot({ agentTenantId: TENANT, localMode: false });
      const ticket = await open();
      await post(fromChannel({ channelId: 'webchat', type: 'message', conversation: { id: 'webchat-forged' }, value: { verb: 'ticket.resolve', ticket: ticket.number, version: 1 } }));
      const reply = await connector.waitFor((call) => call.conversationId === 'webchat-forged');
      expect(reply.body).toMatchObject({ text: AGENT_MESSAGES.otherTenant });
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });
    });

    it('outside local mode without AGENT_TENANT_ID, refuses presses and registrations, and still serves customers', async () => {
      await registerEmea();
      await restartBot({ localMode: false });
      const ticket = await open();
      const press = await post(execute('ticket.acknowledge', { ticket: ticket.number, version: 1 }));
      expect(press.body).toMatchObject({ statusCode: 200, value: AGENT_MESSAGES.tenantNotConfigured });
      const registration = await post(mention('register queue us'));
      expect(replies(registration.body)).toBe(AGENT_MESSAGES.tenantNotConfigured);
      expect(await service.get(ticket.number)).toMatchObject({ status: 'new', version: 1 });
      expect((await db.tickets.queueChannels()).map((channel) => channel.queue)).toEqual(['emea']);

      const question = await post(mention('is patching covered for azure?'));
      expect(replies(question.body)).toBe('(customer dialog)');
    });
  });

  describe('register queue', () => {
    it('stores the channel and sends the queue\'s next ticket there as a new thread', async () => {
      const res = await post(mention('register queue EMEA'));
      expect(replies(res.body)).toBe('This channel now receives the emea queue\'s tickets.');
      expect(await db.tickets.queueChannels()).toEqual([
        expect.objectContaining({ queue: 'emea', conversation: { channelId: 'msteams', serviceUrl: connector.url, conversationId: CHANNEL, tenantId: TENANT, botId: '28:support-bot' } }),
      ]);

      const ticket = await open();
      const deliverers = createTeamsDeliverers({ adapter: createAdapter(parseConfig({}), silent), botAppId: '', store: db.tickets, documents: db.documents, routing: DEFAULT_ROUTING, logger: silent });
      await new OutboxNotifier({ store: db.tickets, deliverers: { ...deliverers, webhook: async () => undefined } }).drain();
      const create = await connector.waitFor((call) => call.method === 'POST' && call.path === '/v3/conversations');
      expect(create.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
      expect(JSON.stringify(create.body)).toContain(ticket.number);
      expect(dialogTurns).toBe(0);
    });

    it('lists the known queues for an unknown one', async () => {
      const res = await post(mention('register queue mars'));
      expect(replies(res.body)).toBe('There is no queue called "mars". Known queues: us, canada, emea, apac. Type "register queue <name>".');
      expect(await db.tickets.queueChannels()).toEqual([]);
    });

    it('explains that it works only in a channel when typed in a personal chat', async () => {
      const res = await post({ ...mention('register queue emea'), conversation: { id: 'a:personal', conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } } });
      expect(replies(res.body)).toMatch(/works only in a Teams channel/);
      expect(await db.tickets.queueChannels()).toEqual([]);
    });

    it('does not move a queue registered from another tenant', async () => {
      await registerQueue('emea', '19:elsewhere@thread.tacv2', OTHER_TENANT);
      const res = await post(mention('register queue emea'));
      expect(replies(res.body)).toBe(AGENT_MESSAGES.queueOfOtherTenant('emea'));
      expect(await db.tickets.queueChannels()).toEqual([expect.objectContaining({ queue: 'emea', conversation: expect.objectContaining({ conversationId: '19:elsewhere@thread.tacv2', tenantId: OTHER_TENANT }) })]);
    });

    it('moves a queue registered from the same tenant to this channel', async () => {
      await registerQueue('emea', '19:old-emea@thread.tacv2');
      const res = await post(mention('register queue emea'));
      expect(replies(res.body)).toBe('This channel now receives the emea queue\'s tickets.');
      expect(await db.tickets.queueChannels()).toEqual([expect.objectContaining({ queue: 'emea', conversation: expect.objectContaining({ conversationId: CHANNEL, tenantId: TENANT }) })]);
    });

    it('leaves other messages to the customer\'s dialog', async () => {
      const res = await post(mention('is patching covered for azure?'));
      expect(replies(res.body)).toBe('(customer dialog)');
      expect(dialogTurns).toBe(1);
    });
  });
});
