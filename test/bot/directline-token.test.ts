import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { buildApp, type App } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { evidenceOptions } from '../../bot/evidence-options.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import { FakeDirectLineService } from '../support/fake-directline-service.js';

/**
 * POST /api/directline/token and the local Direct Line's token checks, over real HTTP on
 * loopback. With DIRECT_LINE_SECRET the secret is exchanged with a stand-in for the Direct Line
 * service and must never reach the caller or the log; without it the bot issues its own tokens
 * and refuses every call without a valid one.
 */

const SECRET = 'dl-secret-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA';

interface Running {
  url: string;
  app: App;
  logs: string[];
  close(): Promise<void>;
}

async function start(env: Record<string, string>): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'directline-token-'));
  const db: SqliteDatabase = openSqliteDatabase(join(dataDir, 'support.db'));
  const logs: string[] = [];
  // everything the bot logs, at every level, kept to be searched for the secret
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const config = parseConfig(env);
  const app = buildApp({ config, logger, database: db, routing: DEFAULT_ROUTING, webhookSecrets: {}, knowledge: () => null, evidence: evidenceOptions(config) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    logs,
    async close() {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await app.notifier.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call(url: string, method = 'POST', headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; text: string; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method, headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('POST /api/directline/token with DIRECT_LINE_SECRET', () => {
  let service: FakeDirectLineService;
  let bot: Running;

  beforeAll(async () => {
    service = await FakeDirectLineService.start(SECRET);
    bot = await start({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: service.url });
  });
  afterAll(async () => {
    await bot?.close();
    await service?.close();
  });

  it('exchanges the secret for a token and hands out only the token, for a dl_ user', async () => {
    const res = await call(`${bot.url}/api/directline/token`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['expiresIn', 'token', 'userId']);
    expect(res.json.token).toBe(service.issued[service.issued.length - 1]);
    expect(res.json.userId).toMatch(/^dl_[\w-]{8,}$/);
    expect(res.json.expiresIn).toBe(3600);
    expect(res.headers.get('cache-control')).toBe('no-store');

    // the service got the secret in the header and the user id the bot chose
    const exchange = service.calls[service.calls.length - 1]!;
    expect(exchange).toMatchObject({ method: 'POST', path: '/v3/directline/tokens/generate', body: { user: { id: res.json.userId } } });
    expect(exchange.headers.authorization).toBe(`Bearer ${SECRET}`);

    // the secret is in neither the body nor the headers of the answer
    expect(res.text).not.toContain(SECRET);
    expect(JSON.stringify([...res.headers])).not.toContain(SECRET);
  });

  it('gives every visitor a user id of their own', async () => {
    const first = await call(`${bot.url}/api/directline/token`);
    const second = await call(`${bot.url}/api/directline/token`);
    expect(first.json.userId).not.toBe(second.json.userId);
    expect(first.json.token).not.toBe(second.json.token);
  });

  it('answers 502 with a plain message when the service refuses or fails', async () => {
    for (const status of [500, 403, 429]) {
      service.failNext(status);
      const res = await call(`${bot.url}/api/directline/token`);
      expect(res.status).toBe(502);
      expect(res.json).toEqual({ error: expect.stringMatching(/could not get a web chat token/) });
      expect(res.text).not.toContain(SECRET);
    }
  });

  it('does not serve the local Direct Line', async () => {
    expect((await call(`${bot.url}/v3/directline/tokens/generate`)).status).toBe(404);
    expect((await call(`${bot.url}/v3/directline/conversations`)).status).toBe(404);
    expect((await call(`${bot.url}/directline-connector/v3/conversations/x/activities`, 'POST', {}, { type: 'message' })).status).toBe(404);
  });

  it('never logs the secret or a token', () => {
    const logged = bot.logs.join('\n');
    expect(logged).toMatch(/no web chat token/);
    expect(logged).not.toContain(SECRET);
    for (const token of service.issued) expect(logged).not.toContain(token);
  });
});

describe('POST /api/directline/token with the service down', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `http://127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => bot?.close());

  it('answers 502 and logs why, without the secret', async () => {
    const res = await call(`${bot.url}/api/directline/token`);
    expect(res.status).toBe(502);
    expect(res.json.error).toEqual(expect.any(String));
    expect(res.text).not.toContain(SECRET);
    expect(bot.logs.join('\n')).toMatch(/could not be reached/);
    expect(bot.logs.join('\n')).not.toContain(SECRET);
  });
});

describe('DIRECT_LINE_ENDPOINT', () => {
  it('must be https, except on loopback', () => {
    expect(() => parseConfig({ DIRECT_LINE_ENDPOINT: 'http://directline.example.com' })).toThrow(/DIRECT_LINE_ENDPOINT/);
    expect(parseConfig({}).DIRECT_LINE_ENDPOINT).toBe('https://directline.botframework.com');
    expect(parseConfig({ DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com' }).DIRECT_LINE_ENDPOINT).toBe('https://europe.directline.botframework.com');
  });
});

describe('web chat with credentials but no secret', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used-here' });
  });
  afterAll(() => bot?.close());

  it('says web chat is not set up, and serves no local Direct Line', async () => {
    const res = await call(`${bot.url}/api/directline/token`);
    expect(res.status).toBe(503);
    expect(res.json.error).toMatch(/DIRECT_LINE_SECRET/);
    expect((await call(`${bot.url}/v3/directline/tokens/generate`)).status).toBe(404);
  });
});

describe('the local Direct Line (no secret, local mode)', () => {
  let bot: Running;
  const dl = (path: string): string => `${bot.url}/v3/directline${path}`;
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    bot = await start({ MAX_ATTACHMENT_BYTES: '2048', DIRECT_LINE_TOKENS_PER_MINUTE: '12' });
  });
  afterAll(() => bot?.close());

  /** A token from the web chat route, and its conversation started. */
  async function started(): Promise<{ token: string; userId: string; conversationId: string; streamUrl: string }> {
    const { json } = await call(`${bot.url}/api/directline/token`);
    const res = await call(dl('/conversations'), 'POST', bearer(String(json.token)));
    expect(res.status).toBe(201);
    return { token: String(json.token), userId: String(json.userId), conversationId: String(res.json.conversationId), streamUrl: String(res.json.streamUrl) };
  }

  it('hands out a local token for a dl_ user, and nothing about the conversation', async () => {
    const res = await call(`${bot.url}/api/directline/token`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['expiresIn', 'token', 'userId']);
    expect(res.json.userId).toMatch(/^dl_[\w-]{8,}$/);
    expect(res.json.expiresIn).toBe(1800);
  });

  it('refuses calls without a token (401), with an unknown one or one of another conversation (403)', async () => {
    const mine = await started();
    const other = await started();
    const activities = dl(`/conversations/${mine.conversationId}/activities`);

    const missing = await call(activities, 'GET');
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ error: { code: 'TokenMissing' } });
    for (const [headers, what] of [
      [bearer('not-a-token'), 'unknown'],
      [bearer(other.token), 'another conversation'],
    ] as const) {
      for (const [method, url, body] of [
        ['GET', activities, undefined],
        ['POST', activities, { type: 'message', text: 'hello' }],
        ['GET', dl(`/conversations/${mine.conversationId}`), undefined],
      ] as const) {
        const res = await call(url, method, headers, body);
        expect([what, method, url, res.status]).toEqual([what, method, url, 403]);
      }
    }
    expect((await call(dl('/conversations'), 'POST', bearer('not-a-token'))).status).toBe(403);
    expect((await call(dl('/tokens/refresh'), 'POST', bearer('not-a-token'))).status).toBe(403);
    // with its own token: allowed
    expect((await call(activities, 'GET', bearer(mine.token))).status).toBe(200);
  });

  it('answers 404 for a conversation that was never started', async () => {
    const { json } = await call(dl('/tokens/generate'), 'POST', {}, { user: { id: 'local-tester' } });
    expect(json).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const res = await call(dl(`/conversations/${String(json.conversationId)}/activities`), 'GET', bearer(String(json.token)));
    expect(res.status).toBe(404);
    expect((await call(dl('/tokens/generate'), 'POST', {}, { user: { id: 'no spaces allowed' } })).status).toBe(400);
  });

  it('refreshes a token: the new one works for the same conversation, the old one until it expires', async () => {
    const mine = await started();
    const refreshed = await call(dl('/tokens/refresh'), 'POST', bearer(mine.token));
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toMatchObject({ conversationId: mine.conversationId, expires_in: 1800 });
    expect(refreshed.json.token).not.toBe(mine.token);
    for (const token of [String(refreshed.json.token), mine.token]) {
      expect((await call(dl(`/conversations/${mine.conversationId}/activities`), 'GET', bearer(token))).status).toBe(200);
    }
  });

  it('opens a stream only with the stream URL it gave, once', async () => {
    const mine = await started();
    const status = (url: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = new WebSocket(url);
        socket.on('unexpected-response', (_req, response) => resolve(String(response.statusCode)));
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('error', () => resolve('error'));
      });
    const forged = mine.streamUrl.replace(/t=[^&]+/, 't=forged');
    expect(await status(forged)).toBe('403');
    expect(await status(mine.streamUrl)).toBe('open');
    expect(await status(mine.streamUrl)).toBe('403');
    expect(await status(`${bot.url.replace('http', 'ws')}/v3/directline/conversations/nope/stream`)).toBe('403');
  });

  it('refuses uploads larger than MAX_ATTACHMENT_BYTES', async () => {
    const mine = await started();
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(5000)], { type: 'text/plain' }), 'big.log');
    const res = await fetch(dl(`/conversations/${mine.conversationId}/upload?userId=${mine.userId}`), { method: 'POST', headers: bearer(mine.token), body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
  });

  it('refuses activities a client may not send', async () => {
    const mine = await started();
    const url = dl(`/conversations/${mine.conversationId}/activities`);
    expect((await call(url, 'POST', bearer(mine.token), { type: 'conversationUpdate' })).status).toBe(400);
    expect((await call(url, 'POST', bearer(mine.token), { text: 'no type' })).status).toBe(400);
  });

  it('the local connector knows only the conversations it started', async () => {
    const res = await call(`${bot.url}/directline-connector/v3/conversations/unknown/activities`, 'POST', {}, { type: 'message', text: 'hi' });
    expect(res.status).toBe(404);
  });

  it('limits tokens per client address (DIRECT_LINE_TOKENS_PER_MINUTE)', async () => {
    let res = await call(`${bot.url}/api/directline/token`);
    for (let i = 0; i < 20 && res.status === 200; i++) res = await call(`${bot.url}/api/directline/token`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.json).toEqual({ error: expect.any(String) });
  });
});
