import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type restify from 'restify';
import { createAdapter } from '../../bot/adapter.js';
import { buildApp } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { AGENT_MESSAGES } from '../../bot/errors.js';
import { createLogger } from '../../bot/logger.js';
import { createServer, listen } from '../../bot/server.js';
import type { IncidentKnowledge } from '../../dialogs/ports.js';
import type { QuestionAnswerer } from '../../dialogs/routes.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';

const silent = createLogger('silent');
const evidence = { download: { maxBytes: 1024 * 1024, timeoutMs: 5000, allowedHosts: [], allowLoopback: false }, maxEvidenceBytes: 1024 * 1024 };

// one ticket database for every app started here, in a folder of its own
let dataDir: string;
let db: SqliteDatabase;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'server-test-'));
  db = openSqliteDatabase(join(dataDir, 'support.db'));
});
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Running {
  url: string;
  server: restify.Server;
}

async function start(env: Record<string, string>, knowledge: () => (QuestionAnswerer & IncidentKnowledge) | null): Promise<Running> {
  const config = parseConfig({ ...env });
  const { server } = buildApp({ config, logger: silent, database: db, routing: DEFAULT_ROUTING, webhookSecrets: {}, knowledge, evidence });
  await listen(server, 0, '127.0.0.1');
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

function activity(conversation: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Support Bot' },
    conversation: { id: conversation },
    deliveryMode: 'expectReplies',
    ...fields,
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: { activities?: Array<Record<string, unknown>> } & Record<string, unknown> }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

const replyText = (activities: Array<Record<string, unknown>> | undefined): string => JSON.stringify(activities ?? []);

describe('the bot over HTTP (local mode)', () => {
  let app: Running;
  let knowledge: KnowledgeBase;

  beforeAll(async () => {
    knowledge = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    app = await start({}, () => knowledge);
  });
  afterAll(() => app.server.close());

  it('answers /healthz once the knowledge base is loaded', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('returns every reply of the turn in the response with expectReplies', async () => {
    const res = await post(app.url, activity('c-frankfurt', { type: 'message', text: 'who do I call in Frankfurt for an outage?' }));
    expect(res.status).toBe(200);
    expect(res.json.activities).toHaveLength(1);
    const reply = replyText(res.json.activities);
    expect(reply).toContain('00800 72884743');
    expect(reply).toContain('application/vnd.microsoft.card.adaptive');
    expect(reply).toContain('"version":"1.5"');
    expect(reply).toContain('partner-cloud-integration-');
  });

  it('welcomes a new member once per conversation', async () => {
    const join = activity('c-welcome', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] });
    const first = await post(app.url, join);
    const second = await post(app.url, { ...join, id: 'again' });
    expect(replyText(first.json.activities)).toContain('Type **help**');
    expect(second.json.activities ?? []).toHaveLength(0);
  });

  it('offers a ticket instead of guessing when nothing answers', async () => {
    const res = await post(app.url, activity('c-unknown', { type: 'message', text: 'what is the capital of France?' }));
    const reply = replyText(res.json.activities);
    expect(reply).toMatch(/couldn't find an answer/);
    expect(reply).toContain('Open a ticket');
    expect(reply).not.toContain('00800');
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const bad = await post(app.url, '{"type": "message", ');
    expect(bad.status).toBe(400);
    const good = await post(app.url, activity('c-after-bad', { type: 'message', text: 'help' }));
    expect(good.status).toBe(200);
    expect(replyText(good.json.activities)).toContain('What I can do');
  });

  it('rejects a body that is not an activity', async () => {
    const res = await post(app.url, { hello: 'world' });
    expect(res.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await post(app.url, activity('c-huge', { type: 'message', text: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('answers a 100 KB paste from its first part and says so', async () => {
    const text = `is patching covered for azure? ${'lorem ipsum '.repeat(9000)}`;
    const res = await post(app.url, activity('c-paste', { type: 'message', text }));
    expect(res.status).toBe(200);
    const reply = replyText(res.json.activities);
    expect(reply).toMatch(/That message is long \(\d+ KB\)/);
    expect(reply).toMatch(/outside the scope/i);
  });

  it.each([['<b>is</b> <i>monitoring</i> covered for aws?'], ['🙂🙂🙂'], ['Bonjour, où est mon fichier journal ?'], ['   ']])('gives a sane reply to %p', async (text) => {
    const res = await post(app.url, activity(`c-odd-${text.length}`, { type: 'message', text }));
    expect(res.status).toBe(200);
    expect((res.json.activities ?? []).length).toBeGreaterThan(0);
    expect(replyText(res.json.activities)).not.toMatch(/Error|stack|at .*\.js/);
  });
});

describe('health before the knowledge base is loaded', () => {
  it('answers 503 until ready', async () => {
    const app = await start({}, () => null);
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
    } finally {
      app.server.close();
    }
  });
});

describe('/healthz', () => {
  it('asks isReady once, so the status and the body agree even when readiness changes in between', async () => {
    let asked = 0;
    // ready on every other question: asking twice would answer 200 with "starting" (or 503 with "ok")
    const isReady = (): boolean => ++asked % 2 === 1;
    const server = createServer({ adapter: createAdapter(parseConfig({}), silent), bot: { run: async () => undefined }, logger: silent, maxBodyBytes: 1024 * 1024, isReady });
    await listen(server, 0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/healthz`;
      for (const expected of [[200, 'ok'], [503, 'starting']] as const) {
        const res = await fetch(url);
        expect([res.status, ((await res.json()) as { status: string }).status]).toEqual(expected);
      }
      expect(asked).toBe(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the agents\' tenant (AGENT_TENANT_ID)', () => {
  it('is passed to the agents\' side: a Teams channel of another tenant cannot register a queue', async () => {
    const app = await start({ AGENT_TENANT_ID: 'tenant-support' }, () => null);
    try {
      const channel = '19:elsewhere@thread.tacv2';
      const res = await post(app.url, {
        ...activity(channel, { type: 'message', text: 'register queue emea' }),
        channelId: 'msteams',
        conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: 'tenant-other' },
        channelData: { tenant: { id: 'tenant-other' }, channel: { id: channel } },
      });
      expect(res.status).toBe(200);
      expect((res.json.activities ?? []).map((reply) => reply.text)).toEqual([AGENT_MESSAGES.otherTenant]);
      expect(await db.tickets.queueChannels()).toEqual([]);
    } finally {
      app.server.close();
    }
  });
});

describe('with an app id configured', () => {
  it('answers 401 to a request without a valid token and runs no turn', async () => {
    let asked = 0;
    const refuse = (): never => {
      asked++;
      throw new Error('no turn should run');
    };
    const counting: QuestionAnswerer & IncidentKnowledge = { answer: refuse, contacts: refuse, placesIn: refuse, outagePhone: refuse, scopeOf: refuse };
    const app = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }, () => counting);
    try {
      const unsigned = await post(app.url, activity('c-auth', { type: 'message', text: 'hello there' }));
      const forged = await post(app.url, activity('c-auth', { type: 'message', text: 'is patching covered?' }), { authorization: 'Bearer abc.def.ghi' });
      expect(unsigned.status).toBe(401);
      expect(forged.status).toBe(401);
      expect(asked).toBe(0);
    } finally {
      app.server.close();
    }
  });
});
