import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { agentCall, Customer, startBot, ticketNumberIn, visibleText, type Activity, type RunningBot, type Turn } from '../support/bot-client.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { FAILED_DEPLOYMENT_LOG } from '../support/agent-log.js';

/**
 * The bot as Microsoft Teams talks to it, over real HTTP on /api/messages (local mode):
 * activities shaped as Teams sends them (channelId msteams, the tenant in channelData, the team
 * and channel for channel posts, conversationType personal / channel / groupChat, @mentions as
 * entities with an HTML copy of the message, files as download-info attachments), replies
 * collected with expectReplies, and the Bot Connector played by a local stand-in.
 */

const TOKEN = 'teams-agent-token-0123456789abcdef';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: 'Support Bot' };
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const DOWNLOAD_TOKEN = 'tempauth-v1-0123456789abcdef';

const AGENT_LOG = FAILED_DEPLOYMENT_LOG;

/** Where a Teams conversation happens: what Teams puts in `conversation` and `channelData`. */
type Place = 'personal' | 'channel' | 'groupChat';

function teamsConversation(place: Place): { conversation: Record<string, unknown>; channelData: Record<string, unknown> } {
  const tenant = { id: TENANT };
  switch (place) {
    case 'personal':
      return { conversation: { id: `a:1${randomUUID().replace(/-/g, '')}`, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant } };
    case 'channel': {
      const team = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
      const channel = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
      return {
        conversation: { id: `${channel};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
        channelData: { tenant, team: { id: team, name: 'Cloud Ops' }, channel: { id: channel, name: 'General' }, teamsTeamId: team, teamsChannelId: channel },
      };
    }
    case 'groupChat':
      return { conversation: { id: `19:${randomUUID().replace(/-/g, '')}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: TENANT }, channelData: { tenant } };
  }
}

/** A Teams user in one conversation: every activity it sends is shaped as Teams shapes it. */
class TeamsUser extends Customer {
  override readonly conversationId: string;
  override readonly user = { id: `29:1${randomUUID().replace(/-/g, '')}`, name: 'Ada Lovelace', aadObjectId: randomUUID() };
  private readonly shape: { conversation: Record<string, unknown>; channelData: Record<string, unknown> };

  constructor(botUrl: string, serviceUrl: string, readonly place: Place) {
    super(botUrl, serviceUrl);
    this.shape = teamsConversation(place);
    this.conversationId = this.shape.conversation.id as string;
  }

  /** The fields of every activity from this user, as Teams sends them. */
  teamsFields(): Record<string, unknown> {
    return { channelId: 'msteams', recipient: BOT, locale: 'en-US', localTimezone: 'Europe/London', ...this.shape };
  }

  override send(message: string | Record<string, unknown>, id?: string): Promise<Turn> {
    const fields = typeof message === 'string' ? { text: message, textFormat: 'plain' } : message;
    return super.send({ ...this.teamsFields(), ...fields }, id);
  }

  /** A message that @mentions the bot, as Teams sends it in channels and group chats. */
  mention(question: string): Promise<Turn> {
    const at = `<at>${BOT.name}</at>`;
    return this.send({
      text: `${at} ${question}`,
      textFormat: 'plain',
      entities: [
        { type: 'mention', mentioned: BOT, text: at },
        { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/London' },
      ],
      // Teams attaches an HTML copy of every message
      attachments: [{ contentType: 'text/html', content: `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span>&nbsp;${question}</p>` }],
    });
  }

  /** The conversationUpdate Teams sends when members (the bot itself, on installation) join. */
  membersAdded(members: { id: string }[]): Promise<Turn> {
    return this.send({ type: 'conversationUpdate', text: undefined, textFormat: undefined, membersAdded: members, channelData: { ...this.shape.channelData, eventType: 'teamMemberAdded' } });
  }
}

/** How a customer answers the incident flow's questions. */
const ANSWERS: [RegExp, string | Record<string, unknown>][] = [
  [/Which cloud/, 'AWS'],
  [/right\?/, 'yes'],
  [/Which support region/, 'Canada'],
  [/How severe/, '3'],
  [/In one line/, 'Box deployment fails in Toronto'],
  [/Describe what happens/, 'I deployed the box from the portal and it stopped half way with an error.'],
  [/file it anyway/, 'yes'],
  [/Anything else support should see/, 'skip'],
  [/File it\?|Shall I try to file it again/, 'yes'],
];

describe('the bot in Microsoft Teams (Teams-shaped activities over HTTP)', () => {
  let bot: RunningBot;
  let connector: FakeConnector;
  let files: Server;
  let filesUrl: string;
  const downloads: { url: string; headers: IncomingHttpHeaders }[] = [];
  let slowDownloadMs = 0;

  beforeAll(async () => {
    const knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    knowledge.warmUp();
    connector = await FakeConnector.start();
    bot = await startBot({ AGENT_API_TOKENS: TOKEN }, knowledge);
    // SharePoint as Teams' downloadUrl reaches it: the link's own token opens it, nothing else does
    files = createServer((req, res) => {
      downloads.push({ url: req.url ?? '', headers: req.headers });
      const found = req.url === `/personal/ada/elasticbox-agent.log?tempauth=${DOWNLOAD_TOKEN}`;
      // restify patches http.ServerResponse for the whole worker (writeHead returns nothing): no chaining
      const answer = (): void => {
        res.writeHead(found ? 200 : 401, { 'content-type': found ? 'application/octet-stream' : 'text/plain' });
        res.end(found ? AGENT_LOG : 'unauthorized');
      };
      if (slowDownloadMs > 0) setTimeout(answer, slowDownloadMs);
      else answer();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await new Promise<void>((resolve) => (files ? files.close(() => resolve()) : resolve()));
  });

  const user = (place: Place): TeamsUser => new TeamsUser(bot.url, connector.url, place);

  /** The log as Teams hands a file to a bot in personal chat: a download-info card whose downloadUrl carries its own token. */
  const teamsFile = (): Record<string, unknown> => ({
    contentType: TEAMS_FILE,
    // the SharePoint address of the file: not downloadable without the user's sign-in
    contentUrl: `${filesUrl}/personal/ada/Documents/Microsoft%20Teams%20Chat%20Files/elasticbox-agent.log`,
    name: 'elasticbox-agent.log',
    content: { downloadUrl: `${filesUrl}/personal/ada/elasticbox-agent.log?tempauth=${DOWNLOAD_TOKEN}`, uniqueId: randomUUID(), fileType: 'log' },
  });

  describe('welcome', () => {
    // installing the app sends a conversationUpdate whose membersAdded holds only the bot itself
    it('welcomes once when the bot is installed in a personal chat, not again on the next conversationUpdate', async () => {
      const ada = user('personal');
      const installed = await ada.membersAdded([BOT]);
      expect(installed.status).toBe(200);
      expect(installed.all).toContain('Type **help**');
      expect(installed.activities.filter((activity) => activity.type === 'message')).toHaveLength(1);

      const again = await ada.membersAdded([BOT]);
      expect(again.status).toBe(200);
      expect(again.activities).toHaveLength(0);
    });

    it('welcomes once when the bot is added to a team, not again when a member joins later', async () => {
      const ada = user('channel');
      const installed = await ada.membersAdded([BOT]);
      expect(installed.all).toContain('Type **help**');

      const joined = await ada.membersAdded([{ id: `29:1${randomUUID().replace(/-/g, '')}` }]);
      expect(joined.status).toBe(200);
      expect(joined.activities).toHaveLength(0);
    });

    it('answers a conversationUpdate that adds only the bot with 200 and no error', async () => {
      const installed = await user('channel').membersAdded([BOT]);
      expect(installed.status).toBe(200);
      expect(installed.all).not.toMatch(/went wrong|error/i);
    });

    it('welcomes once when a member joins a group chat the bot is in, not again for the next member', async () => {
      const ada = user('groupChat');
      const first = await ada.membersAdded([{ id: ada.user.id }]);
      expect(first.status).toBe(200);
      expect(first.all).toContain('Type **help**');
      expect(first.activities.filter((activity) => activity.type === 'message')).toHaveLength(1);
      const second = await ada.membersAdded([{ id: `29:1${randomUUID().replace(/-/g, '')}` }]);
      expect(second.status).toBe(200);
      expect(second.activities).toHaveLength(0);
    });

    it('welcomes once in a personal chat when the user is the member added', async () => {
      const ada = user('personal');
      const first = await ada.membersAdded([{ id: ada.user.id }]);
      expect(first.all).toContain('Type **help**');
      const again = await ada.membersAdded([{ id: ada.user.id }]);
      expect(again.activities).toHaveLength(0);
    });
  });

  describe('@mentions in channels and group chats', () => {
    it('answers "<at>Support Bot</at> is patching covered for Azure?" in a channel as the plain question is answered', async () => {
      const channel = await user('channel').mention('is patching covered for Azure?');
      expect(channel.status).toBe(200);
      expect(channel.all).toMatch(/patch/i);
      expect(channel.all).not.toMatch(/couldn't find an answer/);
      // nothing of the mention in what the customer reads
      expect(channel.all).not.toMatch(/<at>|Support Bot/);

      const plain = await user('personal').send('is patching covered for Azure?');
      expect(channel.texts).toEqual(plain.texts);
    });

    it('takes the mention out before routing: "<at>Support Bot</at> help" is the help command, not a question', async () => {
      const help = await user('channel').mention('help');
      expect(help.all).toContain('What I can do');
    });

    it('in a group chat too: "<at>Support Bot</at> my tickets" lists the tickets', async () => {
      const tickets = await user('groupChat').mention('my tickets');
      expect(tickets.all).toContain('You have no tickets with me yet');
    });

    it('replies into the same Teams conversation it was asked in', async () => {
      const ada = user('channel');
      const turn = await ada.mention('who do I call in Frankfurt for an outage?');
      expect(turn.all).toContain('00800 72884743');
      for (const reply of turn.activities) {
        expect(reply).toMatchObject({ channelId: 'msteams', conversation: { id: ada.conversationId }, recipient: { id: ada.user.id } });
      }
    });
  });

  describe('a file in personal chat as incident evidence', () => {
    it('reads elasticbox-agent.log sent as a Teams file (downloadUrl) and puts its errors in the ticket', async () => {
      const ada = user('personal');
      downloads.length = 0;
      const turns = await ada.converse(
        'box deployment failed in Toronto this morning, the instance never came up',
        [[/Attach elasticbox-agent\.log/, { attachments: [teamsFile()] }], ...ANSWERS],
        /Filed INC-/,
      );
      const number = ticketNumberIn(turns[turns.length - 1]!);

      // fetched once, from the downloadUrl, and with no credentials of the bot's own
      expect(downloads.map((download) => download.url)).toEqual([`/personal/ada/elasticbox-agent.log?tempauth=${DOWNLOAD_TOKEN}`]);
      expect(downloads[0]!.headers.authorization).toBeUndefined();

      const { status, json: ticket } = await agentCall(bot.url, TOKEN, `/api/tickets/${number}`);
      expect(status).toBe(200);
      expect(ticket).toMatchObject({ category: 'box_error', cloud: 'aws', customer: { channel: 'msteams', userId: ada.user.id, conversation: { channelId: 'msteams', conversationId: ada.conversationId } } });
      const evidence = ticket.evidence as { kind: string; fileName?: string; findings: string[] }[];
      expect(evidence).toHaveLength(1);
      expect(evidence[0]).toMatchObject({ kind: 'agent_log', fileName: 'elasticbox-agent.log' });
      const findings = evidence[0]!.findings.join('\n');
      expect(findings).toContain('Deployment of box web-frontend failed: install.sh exited with code 2');
      expect(findings).toContain('Could not reach instance i-0abc123 on port 22');
      expect(JSON.stringify(ticket)).not.toContain(DOWNLOAD_TOKEN);
    });
  });

  describe('typing indicator', () => {
    /** Posts an activity the way Teams does (no expectReplies): the replies go to the connector. */
    async function postAsTeams(ada: TeamsUser, fields: Record<string, unknown>): Promise<{ status: number; calls: ConnectorCall[] }> {
      const before = connector.calls.length;
      const body = { type: 'message', id: randomUUID(), serviceUrl: connector.url, from: ada.user, timestamp: new Date().toISOString(), ...ada.teamsFields(), ...fields };
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await res.text();
      return { status: res.status, calls: connector.calls.slice(before).filter((call) => call.conversationId === ada.conversationId) };
    }
    const sent = (calls: ConnectorCall[]): Activity[] => calls.filter((call) => call.method === 'POST').map((call) => call.body as Activity);

    it('shows "typing…" while a slow turn (a 1.5 s file download) runs, before the reply, and not on a quick turn', async () => {
      const ada = user('personal');
      await ada.converse('box deployment failed in Toronto this morning, the instance never came up', ANSWERS, /Attach elasticbox-agent\.log/);

      slowDownloadMs = 1500;
      let slow: { status: number; calls: ConnectorCall[] };
      try {
        slow = await postAsTeams(ada, { attachments: [teamsFile()] });
      } finally {
        slowDownloadMs = 0;
      }
      expect(slow.status).toBe(200);
      const activities = sent(slow.calls);
      const types = activities.map((activity) => activity.type);
      // after 1 s "typing…" (the next would come at 3 s), then the bot's answer
      expect(types[0]).toBe('typing');
      expect(types.slice(1).length).toBeGreaterThan(0);
      expect(types.slice(1).every((type) => type === 'message')).toBe(true);
      expect(activities[0]).toMatchObject({ channelId: 'msteams', conversation: { id: ada.conversationId }, recipient: { id: ada.user.id } });
      expect(activities.filter((activity) => activity.type === 'message').map(visibleText).join('\n')).toContain('Deployment of box web-frontend failed');

      const quick = await postAsTeams(ada, { text: 'help', textFormat: 'plain' });
      expect(sent(quick.calls).map((activity) => activity.type)).toEqual(['message']);
    });

    it('a typing indicator Teams refuses is not reported to the customer as a failed turn', async () => {
      const ada = user('personal');
      await ada.converse('box deployment failed in Toronto this morning, the instance never came up', ANSWERS, /Attach elasticbox-agent\.log/);
      connector.failNext({ status: 400 });
      slowDownloadMs = 1500;
      let slow: { status: number; calls: ConnectorCall[] };
      try {
        slow = await postAsTeams(ada, { attachments: [teamsFile()] });
      } finally {
        slowDownloadMs = 0;
      }
      expect(slow.status).toBe(200);
      const messages = sent(slow.calls).filter((activity) => activity.type === 'message').map(visibleText).join('\n');
      expect(messages).toContain('Deployment of box web-frontend failed');
      expect(messages).not.toMatch(/something went wrong/i);
    });

    it('sends no typing activity to an expectReplies caller, however slow the turn', async () => {
      const ada = user('personal');
      await ada.converse('box deployment failed in Toronto this morning, the instance never came up', ANSWERS, /Attach elasticbox-agent\.log/);
      const before = connector.calls.length;
      slowDownloadMs = 1500;
      try {
        const turn = await ada.send({ attachments: [teamsFile()] });
        expect(turn.activities.map((activity) => activity.type)).not.toContain('typing');
      } finally {
        slowDownloadMs = 0;
      }
      expect(connector.calls.slice(before).filter((call) => call.conversationId === ada.conversationId)).toEqual([]);
    });
  });
});
