import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { ConversationReference } from 'botbuilder';
import { WebSocket } from 'ws';
import { createAdapter } from '../../bot/adapter.js';
import { parseConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { agentCall, startBot, visibleText, type Activity, type RunningBot } from '../support/bot-client.js';

/**
 * Web chat's side of the bot in local mode: the official Direct Line client
 * (botframework-directlinejs, as botframework-webchat uses it) against the bot's own Direct Line
 * endpoint, over real HTTP and WebSockets on loopback. The customer's messages reach the bot
 * through /api/messages and the CloudAdapter; its replies, and later the ticket notices from the
 * outbox, come back through the local connector to the open conversation.
 */

const require = createRequire(import.meta.url);
// what a browser gives the client: XMLHttpRequest (xhr2 in Node) and WebSocket (ws)
Object.assign(globalThis, { XMLHttpRequest: require('xhr2') as unknown, WebSocket });
const { DirectLine } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');
type DirectLineClient = InstanceType<typeof DirectLine>;

const AGENT_TOKEN = 'directline-agent-token-0123456789';
const SINGAPORE_OUTAGE = '+65 6768 8099';
const LOG_TOKEN = 'abcd1234efgh5678ijkl';
const AGENT_LOG = [
  '2024-05-01 10:00:00,123 INFO Starting ElasticBox agent 5.2.1',
  `2024-05-01 10:00:00,456 INFO Connecting to https://cam.example.com with token=${LOG_TOKEN}`,
  '2024-05-01 10:00:05,789 ERROR Deployment of box web-frontend failed: install.sh exited with code 2',
  '2024-05-01 10:00:36,100 ERROR Could not reach instance i-0abc123 on port 22: connection timed out',
  '2024-05-01 10:00:37,000 INFO Agent stopped',
].join('\n');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(find: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** One web chat: a Direct Line client and everything it has received. */
class WebChat {
  readonly received: Activity[] = [];
  private readonly subscription: { unsubscribe(): void };

  constructor(readonly line: DirectLineClient, readonly token: string, readonly userId: string) {
    this.subscription = line.activity$.subscribe((activity) => this.received.push(activity as unknown as Activity));
  }

  /** Asks the bot for a token, as the web chat page does, and connects with it. */
  static async open(botUrl: string, webSocket: boolean): Promise<WebChat> {
    const res = await fetch(`${botUrl}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { token, userId } = (await res.json()) as { token: string; userId: string };
    const line = new DirectLine({ token, domain: `${botUrl}/v3/directline`, webSocket, pollingInterval: 200 });
    return new WebChat(line, token, userId);
  }

  fromBot(): Activity[] {
    return this.received.filter((activity) => (activity.from as { role?: string } | undefined)?.role === 'bot');
  }

  get conversationId(): string {
    const first = this.received[0];
    if (first === undefined) throw new Error('nothing received yet');
    return (first.conversation as { id: string }).id;
  }

  waitFor(predicate: (activity: Activity) => boolean, what: string, timeoutMs?: number): Promise<Activity> {
    return eventually(() => this.received.find(predicate), what, timeoutMs);
  }

  /** Posts through the client; resolves with the id the service gave the activity. */
  post(activity: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => {
      this.line.postActivity({ from: { id: 'ignored-by-the-service', name: 'Web Customer' }, ...activity } as never).subscribe({
        next: (id) => (id === 'retry' ? reject(new Error('the client gave up posting')) : resolve(id)),
        error: (error: unknown) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      });
    });
  }

  /** Every reply to `id`, once they stop coming. */
  async repliesTo(id: string): Promise<Activity[]> {
    const replies = (): Activity[] => this.received.filter((activity) => activity.replyToId === id && activity.type === 'message');
    await eventually(() => (replies().length > 0 ? true : undefined), `a reply to ${id}`);
    let count = 0;
    while (replies().length !== count) {
      count = replies().length;
      await sleep(450);
    }
    return replies();
  }

  async say(text: string): Promise<Activity[]> {
    return this.repliesTo(await this.post({ type: 'message', text }));
  }

  close(): void {
    this.subscription.unsubscribe();
    this.line.end();
  }
}

const textOf = (replies: Activity[]): string => replies.map(visibleText).join('\n---\n');

describe('web chat through the local Direct Line', () => {
  let bot: RunningBot;
  let knowledge: KnowledgeBase;
  const upgrades: string[] = [];
  const chats: WebChat[] = [];
  const open = async (webSocket: boolean): Promise<WebChat> => {
    const chat = await WebChat.open(bot.url, webSocket);
    chats.push(chat);
    return chat;
  };

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    knowledge.warmUp();
    bot = await startBot({ AGENT_API_TOKENS: AGENT_TOKEN }, knowledge);
    bot.app.server.server.on('upgrade', (req: IncomingMessage) => upgrades.push(req.url ?? ''));
  });

  afterAll(async () => {
    for (const chat of chats) chat.close();
    await bot?.close();
  });

  it('answers over a WebSocket stream: welcome, echo, the Singapore outage number', async () => {
    const chat = await open(true);
    // the bot heard the user join and welcomed them before anything was said
    const welcome = await chat.waitFor((activity) => activity.type === 'message', 'the welcome');
    expect(welcome.from).toMatchObject({ role: 'bot' });
    expect(upgrades.some((url) => url.startsWith(`/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/stream?`) && /[?&]t=/.test(url))).toBe(true);
    expect(chat.userId).toMatch(/^dl_[\w-]+$/);

    const id = await chat.post({ type: 'message', text: 'who do I call in Singapore for an outage?' });
    expect(id).toBe(`${chat.conversationId}|0000002`);
    const replies = await chat.repliesTo(id);
    expect(textOf(replies)).toContain(SINGAPORE_OUTAGE);

    // the customer's own message came back with the service's id, sent by the token's user
    const echo = chat.received.find((activity) => activity.id === id)!;
    expect(echo).toMatchObject({ type: 'message', text: 'who do I call in Singapore for an outage?', channelId: 'webchat', from: { id: chat.userId, role: 'user' } });
    expect(echo.serviceUrl).toBeUndefined();
    // every activity has a server timestamp, in order
    const times = chat.received.map((activity) => Date.parse(String(activity.timestamp)));
    expect(times.every((time, i) => Number.isFinite(time) && (i === 0 || time > times[i - 1]!))).toBe(true);
  });

  it('answers by polling, with watermarks, and shows a message sent later through the adapter', async () => {
    const chat = await open(false);
    await chat.waitFor((activity) => activity.type === 'message', 'the welcome');
    const replies = await chat.say('who do I call in Singapore for an outage?');
    expect(textOf(replies)).toContain(SINGAPORE_OUTAGE);

    // the same conversation read by hand: everything from the start, then nothing new after the watermark
    const base = `${bot.url}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/activities`;
    const auth = { authorization: `Bearer ${chat.token}` };
    const all = (await (await fetch(`${base}?watermark=`, { headers: auth })).json()) as { activities: Activity[]; watermark: string };
    expect(all.activities.map((activity) => activity.id)).toEqual(chat.received.map((activity) => activity.id));
    expect(all.watermark).toBe(String(all.activities.length));
    const none = (await (await fetch(`${base}?watermark=${all.watermark}`, { headers: auth })).json()) as { activities: Activity[]; watermark: string };
    expect(none).toEqual({ activities: [], watermark: all.watermark });
    const last = (await (await fetch(`${base}?watermark=${Number(all.watermark) - 1}`, { headers: auth })).json()) as { activities: Activity[] };
    expect(last.activities.map((activity) => activity.id)).toEqual([all.activities[all.activities.length - 1]!.id]);

    // a proactive message, as the outbox sends customer notices: continueConversationAsync to the stored reference
    const adapter = createAdapter(parseConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'));
    const reference: Partial<ConversationReference> = {
      channelId: 'webchat',
      serviceUrl: `${bot.url}/directline-connector/`,
      conversation: { id: chat.conversationId, isGroup: false, conversationType: '', name: '' },
      bot: { id: 'support-bot', name: '' },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('A notice sent outside any turn');
    });
    const notice = await chat.waitFor((activity) => activity.text === 'A notice sent outside any turn', 'the proactive message');
    expect(notice.from).toMatchObject({ id: 'support-bot', role: 'bot' });
  });

  it('takes an uploaded log, lets the bot read it, and tells the web chat when an agent acknowledges the ticket', async () => {
    const chat = await open(true);
    await chat.waitFor((activity) => activity.type === 'message', 'the welcome');

    const upload = async (): Promise<Activity[]> => {
      const form = new FormData();
      form.append('activity', new Blob([JSON.stringify({ type: 'message', text: '', from: { id: chat.userId } })], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob([AGENT_LOG], { type: 'text/plain' }), 'elasticbox-agent.log');
      const res = await fetch(`${bot.url}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}/upload?userId=${chat.userId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${chat.token}` },
        body: form,
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      // the client sees its message with the file as an attachment the bot serves
      const echo = await chat.waitFor((activity) => activity.id === id, 'the upload echo');
      const attachment = echo.attachments?.[0] as { contentType: string; name: string; contentUrl: string };
      expect(attachment).toMatchObject({ contentType: 'text/plain', name: 'elasticbox-agent.log' });
      expect(attachment.contentUrl).toMatch(new RegExp(`^${bot.url}/v3/directline/attachments/[\\w-]+$`));
      const served = await fetch(attachment.contentUrl);
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await served.text()).toBe(AGENT_LOG);
      return chat.repliesTo(id);
    };

    const answers: [RegExp, string | (() => Promise<Activity[]>)][] = [
      [/Attach elasticbox-agent\.log/, upload],
      [/You're in Canada, right\?|right\?/, 'yes'],
      [/Which cloud/, 'AWS'],
      [/How severe/, '3'],
      [/In one line/, 'Deployment fails'],
      [/Describe what happens/, 'I deployed the box from the portal and it stopped half way with an error.'],
      [/file it anyway/, 'yes'],
      [/Anything else support should see/, 'skip'],
      [/File it\?/, 'yes'],
    ];
    let replies = await chat.say('box deployment failed in Toronto this morning, the instance never came up');
    for (let turn = 0; !/Filed INC-/.test(textOf(replies)); turn++) {
      if (turn > 14) throw new Error(`never filed; last replies:\n${textOf(replies)}`);
      const last = visibleText(replies[replies.length - 1]!);
      const answer = answers.find(([question]) => question.test(last))?.[1];
      if (answer === undefined) throw new Error(`no answer for the bot's question:\n${textOf(replies)}`);
      replies = typeof answer === 'string' ? await chat.say(answer) : await answer();
    }
    const number = /Filed (INC-\d+)/.exec(textOf(replies))![1]!;

    // the bot downloaded the uploaded log from the local Direct Line and kept its errors, not its token
    const { json: ticket } = await agentCall(bot.url, AGENT_TOKEN, `/api/tickets/${number}`);
    expect(ticket).toMatchObject({ region: 'canada', cloud: 'aws', category: 'box_error' });
    const evidence = ticket.evidence as { kind: string; fileName?: string; findings: string[] }[];
    expect(evidence[0]).toMatchObject({ kind: 'agent_log', fileName: 'elasticbox-agent.log' });
    expect(evidence[0]!.findings.join('\n')).toContain('Deployment of box web-frontend failed: install.sh exited with code 2');
    expect(JSON.stringify(ticket)).not.toContain(LOG_TOKEN);
    // the ticket keeps where to reach the customer: this web chat, through the local connector
    const customer = ticket.customer as { userId: string; conversation: { channelId: string; serviceUrl: string; conversationId: string } };
    expect(customer.userId).toBe(chat.userId);
    expect(customer.conversation).toMatchObject({ channelId: 'webchat', serviceUrl: `${bot.url}/directline-connector/`, conversationId: chat.conversationId });

    // an agent acknowledges; the outbox's notice arrives in the open web chat
    const acknowledged = await agentCall(bot.url, AGENT_TOKEN, `/api/tickets/${number}/actions`, { action: 'acknowledge', agent: 'Dana', version: 1 });
    expect(acknowledged.status).toBe(200);
    await bot.app.notifier.drain();
    const notice = await chat.waitFor((activity) => activity.text === `Your ticket ${number} was acknowledged by support.`, 'the ticket notice');
    expect(notice.from).toMatchObject({ role: 'bot' });
    expect(notice.replyToId).toBeUndefined();
  });

  it('reconnects a dropped stream with the watermark and misses nothing', async () => {
    const chat = await open(true);
    await chat.waitFor((activity) => activity.type === 'message', 'the welcome');
    const first = await chat.say('who do I call in Singapore for an outage?');
    expect(textOf(first)).toContain(SINGAPORE_OUTAGE);
    const before = chat.received.length;

    // GET /conversations/:id?watermark= gives a new stream URL; a new stream sends only what came after the watermark
    const res = await fetch(`${bot.url}/v3/directline/conversations/${encodeURIComponent(chat.conversationId)}?watermark=${before - 1}`, {
      headers: { authorization: `Bearer ${chat.token}` },
    });
    expect(res.status).toBe(200);
    const reconnect = (await res.json()) as { conversationId: string; token: string; streamUrl: string; expires_in: number };
    expect(reconnect.conversationId).toBe(chat.conversationId);
    expect(reconnect.expires_in).toBeGreaterThan(1700);
    const frames: { activities: Activity[]; watermark: string }[] = [];
    const socket = new WebSocket(reconnect.streamUrl);
    socket.on('message', (data: Buffer) => {
      if (data.length > 0) frames.push(JSON.parse(data.toString('utf8')) as { activities: Activity[]; watermark: string });
    });
    await eventually(() => frames[0], 'the backlog frame');
    expect(frames[0]!.activities.map((activity) => activity.id)).toEqual([chat.received[before - 1]!.id]);
    expect(frames[0]!.watermark).toBe(String(before));
    // the stream URL's ticket is used up
    const again = new WebSocket(reconnect.streamUrl);
    const refused = await new Promise<string>((resolve) => {
      again.on('unexpected-response', (_req, response) => resolve(String(response.statusCode)));
      again.on('open', () => resolve('open'));
      again.on('error', () => resolve('error'));
    });
    expect(refused).toBe('403');
    socket.close();
  });
});
