import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type restify from 'restify';
import { createAdapter } from '../../bot/adapter.js';
import { registerAgentApi, type AgentTicketOperations } from '../../bot/agent-api.js';
import { parseConfig } from '../../bot/config.js';
import { createLogger, type Logger } from '../../bot/logger.js';
import { createServer, listen } from '../../bot/server.js';
import { ticketDraftSchema, type Region, type Severity, type Ticket } from '../../tickets/model.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { TicketService } from '../../tickets/service.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import { sampleNewTicket } from '../tickets/fixtures.js';

const TOKEN = 'agent-token-0123456789abcdef';
const OTHER_TOKEN = 'second-agent-token-fedcba9876543210';

interface Api {
  url: string;
  service: TicketService;
  close: () => Promise<void>;
}

interface Reply {
  status: number;
  headers: Headers;
  // the API's JSON, loosely typed: each test reads the fields it checks
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** The production HTTP edge (createServer) with the agent API added, over a real SQLite file. */
async function startApi(options: { tokens: string[]; logger?: Logger; tickets?: AgentTicketOperations }): Promise<Api> {
  const logger = options.logger ?? createLogger('silent');
  const dir = mkdtempSync(join(tmpdir(), 'agent-api-'));
  const db: SqliteDatabase = openSqliteDatabase(join(dir, 'tickets.db'));
  // tickets a minute apart, so newest first is a fixed order
  let minute = 0;
  const clock = (): Date => new Date(Date.UTC(2025, 0, 1, 9, minute++));
  const service = new TicketService({ store: db.tickets, routing: DEFAULT_ROUTING, clock });
  const server: restify.Server = createServer({
    adapter: createAdapter(parseConfig({}), logger),
    bot: { run: async () => undefined },
    logger,
    maxBodyBytes: 1024 * 1024,
    isReady: () => true,
  });
  registerAgentApi(server, { tickets: options.tickets ?? service, tokens: options.tokens, logger });
  await listen(server, 0, '127.0.0.1');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A logger whose JSON lines the test can read. */
function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

let filed = 0;

/** Files a distinct ticket through the service, as the bot would. */
async function file(service: TicketService, fields: { region?: Region; severity?: Severity } = {}): Promise<Ticket> {
  filed++;
  const draft = ticketDraftSchema.parse(sampleNewTicket({ ...fields, summary: `Problem number ${filed}` }));
  const { ticket } = await service.open(draft, { activityKey: `activity-${filed}` });
  return ticket;
}

async function call(api: Api, path: string, init: { method?: string; token?: string | null; body?: unknown; contentType?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? TOKEN : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const res = await fetch(`${api.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const act = (api: Api, number: string, body: unknown, token?: string | null): Promise<Reply> =>
  call(api, `/api/tickets/${number}/actions`, { body, ...(token !== undefined && { token }) });

const numbers = (reply: Reply): string[] => (reply.json.tickets as Ticket[]).map((ticket) => ticket.number);
const detailPaths = (reply: Reply): string[] => (reply.json.details as { path: string }[]).map((detail) => detail.path);

describe('agent API authentication', () => {
  const { logger, lines: logLines } = capturingLogger();
  let api: Api;
  let number: string;

  beforeAll(async () => {
    api = await startApi({ tokens: [TOKEN, OTHER_TOKEN], logger });
    number = (await file(api.service)).number;
  });
  afterAll(() => api.close());

  it('answers a call without a token 401 with a Bearer challenge and a JSON body', async () => {
    const reply = await call(api, '/api/tickets', { token: null });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="agents"');
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.json.error).toBe('unauthorized');
  });

  it('answers a wrong token 401, also one that differs only in length', async () => {
    for (const wrong of ['not-the-token', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const reply = await call(api, `/api/tickets/${number}`, { token: wrong });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="agents"');
    }
  });

  it('lets every configured token in', async () => {
    expect((await call(api, '/api/tickets', { token: TOKEN })).status).toBe(200);
    expect((await call(api, '/api/tickets', { token: OTHER_TOKEN })).status).toBe(200);
  });

  it('checks the token before reading the body', async () => {
    const reply = await call(api, `/api/tickets/${number}/actions`, { token: 'wrong', body: '{"action": ' });
    expect(reply.status).toBe(401);
  });

  it('never logs a token', async () => {
    await call(api, '/api/tickets', { token: 'a-guessed-token-value' });
    await act(api, number, { action: 'acknowledge', version: 1 });
    const log = logLines.join('');
    expect(log).toContain('unauthorized');
    expect(log).toContain('token-1');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain('a-guessed-token-value');
  });

  it('keeps the tokens it was started with, whatever happens to the configured list later', async () => {
    const tokens = [TOKEN];
    const fixed = await startApi({ tokens });
    try {
      tokens[0] = OTHER_TOKEN;
      expect((await call(fixed, '/api/tickets', { token: TOKEN })).status).toBe(200);
      expect((await call(fixed, '/api/tickets', { token: OTHER_TOKEN })).status).toBe(401);
    } finally {
      await fixed.close();
    }
  });

  it('refuses everyone when no tokens are configured', async () => {
    const closed = await startApi({ tokens: [] });
    try {
      for (const token of [TOKEN, '', 'anything']) {
        const reply = await call(closed, '/api/tickets', { token });
        expect(reply.status).toBe(401);
        expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="agents"');
      }
    } finally {
      await closed.close();
    }
  });
});

describe('agent API: routes and methods it does not have', () => {
  let api: Api;
  let number: string;

  beforeAll(async () => {
    api = await startApi({ tokens: [TOKEN] });
    number = (await file(api.service)).number;
  });
  afterAll(() => api.close());

  it.each([
    ['POST', '/api/tickets', 'GET'],
    ['PUT', '/api/tickets/INC-000001', 'GET'],
    ['DELETE', '/api/tickets/INC-000001', 'GET'],
    ['GET', '/api/tickets/INC-000001/actions', 'POST'],
  ])('answers %s %s 405 in its own JSON format, with Allow: %s', async (method, path, allowed) => {
    for (const token of [TOKEN, null]) {
      const reply = await call(api, path, { method, token });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.headers.get('allow')).toContain(allowed);
      expect(reply.json).toEqual({ error: 'method_not_allowed', message: expect.stringContaining(method) });
    }
  });

  it('answers a path under /api/tickets that is no route 404 in its own JSON format, saying nothing about tickets', async () => {
    for (const token of [TOKEN, null]) {
      const reply = await call(api, `/api/tickets/${number}/history`, { token });
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.json).toEqual({ error: 'not_found', message: 'no such endpoint in the agents API' });
    }
  });

  it('leaves paths outside the API to restify', async () => {
    const reply = await call(api, '/nothing-here', { token: null });
    expect(reply.status).toBe(404);
    expect(reply.json.error).toBeUndefined();
  });

  it('logs a client that aborts its upload at warn, not as a failure', async () => {
    const { logger, lines: logLines } = capturingLogger();
    const listening = await startApi({ tokens: [TOKEN], logger });
    try {
      const { number: filedNumber } = await file(listening.service);
      const { hostname, port } = new URL(listening.url);
      await new Promise<void>((resolve) => {
        const upload = request({ hostname, port, method: 'POST', path: `/api/tickets/${filedNumber}/actions`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': '1000' } });
        upload.on('error', () => resolve());
        // half the body, then the connection is dropped
        upload.write('{"action": "acknowledge", ', () => setTimeout(() => upload.destroy(), 50));
      });
      const entries = async (): Promise<Array<Record<string, unknown>>> => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
      for (let tries = 0; tries < 50 && !(await entries()).some((entry) => entry.msg === 'agent api: the client aborted its upload'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const logged = await entries();
      expect(logged).toContainEqual(expect.objectContaining({ msg: 'agent api: the client aborted its upload', level: 40 }));
      expect(logged.filter((entry) => entry.msg === 'agent api: request failed')).toEqual([]);
      expect((await listening.service.get(filedNumber))?.version).toBe(1);
    } finally {
      await listening.close();
    }
  });
});

describe('agent API: listing tickets', () => {
  let api: Api;
  /** the five tickets, oldest first */
  let seeded: Ticket[];

  beforeAll(async () => {
    api = await startApi({ tokens: [TOKEN] });
    seeded = [];
    const specs: { region: Region; severity: Severity }[] = [
      { region: 'us', severity: 2 },
      { region: 'emea', severity: 1 },
      { region: 'apac', severity: 3 },
      { region: 'us', severity: 4 },
      { region: 'canada', severity: 2 },
    ];
    for (const spec of specs) seeded.push(await file(api.service, spec));
    await api.service.act(seeded[2]!.number, { action: 'acknowledge', version: 1 });
  });
  afterAll(() => api.close());

  it('lists newest first as JSON', async () => {
    const reply = await call(api, '/api/tickets');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(numbers(reply)).toEqual(seeded.map((ticket) => ticket.number).reverse());
    expect(reply.json.nextCursor).toBeUndefined();
  });

  it.each([
    ['queue=us', [3, 0]],
    ['region=emea', [1]],
    ['severity=2', [4, 0]],
    ['status=acknowledged', [2]],
    ['region=us&severity=4', [3]],
  ])('filters by %s', async (query, expected) => {
    const reply = await call(api, `/api/tickets?${query}`);
    expect(reply.status).toBe(200);
    expect(numbers(reply)).toEqual(expected.map((index) => seeded[index]!.number));
  });

  it('pages with limit 2 over five tickets, each exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await call(api, `/api/tickets?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.json.tickets.length).toBeLessThanOrEqual(2);
      seen.push(...numbers(reply));
      cursor = reply.json.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(seeded.map((ticket) => ticket.number).reverse());
  });

  it('refuses a bad severity with 400 naming severity', async () => {
    for (const severity of ['9', 'high', '1.5']) {
      const reply = await call(api, `/api/tickets?severity=${severity}`);
      expect(reply.status).toBe(400);
      expect(reply.json.error).toBe('bad_request');
      expect(detailPaths(reply)).toEqual(['severity']);
      expect(reply.json.details[0].message).toMatch(/severity/);
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['region=mars', 'region'],
    ['status=open', 'status'],
    ['sevrity=1', 'sevrity'],
    ['severity=1&severity=2', 'severity'],
  ])('refuses %s with 400 naming %s', async (query, path) => {
    const reply = await call(api, `/api/tickets?${query}`);
    expect(reply.status).toBe(400);
    expect(detailPaths(reply)).toEqual([path]);
  });

  it('refuses a cursor it did not hand out with 400', async () => {
    const reply = await call(api, '/api/tickets?cursor=not-a-cursor');
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('bad_request');
    expect(detailPaths(reply)).toEqual(['cursor']);
  });
});

describe('agent API: reading and acting on a ticket', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ tokens: [TOKEN] });
  });
  afterAll(() => api.close());

  it('returns one ticket with its evidence and history, also by a lower-case number', async () => {
    const { number } = await file(api.service);
    for (const asTyped of [number, number.toLowerCase()]) {
      const reply = await call(api, `/api/tickets/${asTyped}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.json.number).toBe(number);
      expect(reply.json.evidence).toHaveLength(1);
      expect(reply.json.evidence[0].findings).toContain('POST /services/instances');
      expect(reply.json.history).toEqual([expect.objectContaining({ action: 'open', from: null, to: 'new' })]);
    }
  });

  it('answers 404 for a ticket that does not exist and 400 for something that is no ticket number', async () => {
    const missing = await call(api, '/api/tickets/INC-999999');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('not_found');
    const missingAction = await act(api, 'INC-999999', { action: 'acknowledge', version: 1 });
    expect(missingAction.status).toBe(404);
    const garbage = await call(api, '/api/tickets/12345');
    expect(garbage.status).toBe(400);
    expect(detailPaths(garbage)).toEqual(['number']);
  });

  it('acknowledges at the right version: 200, version + 1 and a history entry', async () => {
    const { number, version } = await file(api.service);
    const reply = await act(api, number, { action: 'acknowledge', agent: 'Grace', note: 'looking at it', version });
    expect(reply.status).toBe(200);
    expect(reply.json.status).toBe('acknowledged');
    expect(reply.json.version).toBe(version + 1);
    expect(reply.json.history.at(-1)).toEqual(expect.objectContaining({ action: 'acknowledge', from: 'new', to: 'acknowledged', agent: 'Grace', note: 'looking at it' }));
    expect((await call(api, `/api/tickets/${number}`)).json.version).toBe(version + 1);
  });

  it('answers 409 with the current version when the version is stale', async () => {
    const { number, version } = await file(api.service);
    expect((await act(api, number, { action: 'acknowledge', version })).status).toBe(200);
    const stale = await act(api, number, { action: 'acknowledge', version });
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual(expect.objectContaining({ error: 'version_conflict', currentVersion: version + 1 }));
  });

  it('answers 422 to a transition the lifecycle does not allow', async () => {
    const { number, version } = await file(api.service);
    const resolved = await act(api, number, { action: 'resolve', note: 'fixed in 4.2', version });
    expect(resolved.status).toBe(200);
    const reply = await act(api, number, { action: 'acknowledge', version: resolved.json.version });
    expect(reply.status).toBe(422);
    expect(reply.json.error).toBe('invalid_transition');
    expect(reply.json.message).toMatch(/acknowledge.*resolved/);
  });

  it('assigns to the named agent, and refuses to assign without one', async () => {
    const { number, version } = await file(api.service);
    const nobody = await act(api, number, { action: 'assign', version });
    expect(nobody.status).toBe(400);
    expect(detailPaths(nobody)).toEqual(['agent']);
    const assigned = await act(api, number, { action: 'assign', agent: 'Grace Hopper', version });
    expect(assigned.status).toBe(200);
    expect(assigned.json).toEqual(expect.objectContaining({ status: 'in_progress', assignee: 'Grace Hopper' }));
  });

  it('refuses a body without a version with 400 naming version', async () => {
    const { number } = await file(api.service);
    const reply = await act(api, number, { action: 'acknowledge' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('bad_request');
    expect(detailPaths(reply)).toEqual(['version']);
    expect(reply.json.message).toMatch(/version/);
  });

  it.each([
    ['an unknown action', { action: 'delete', version: 1 }, 'action'],
    ['version 0', { action: 'resolve', version: 0 }, 'version'],
    ['a version as text', { action: 'resolve', version: '1' }, 'version'],
    ['a note over 2000 characters', { action: 'resolve', note: 'x'.repeat(2001), version: 1 }, 'note'],
    ['a misspelt field', { action: 'resolve', version: 1, verison: 2 }, 'verison'],
    ['an array', [], ''],
  ])('refuses a body with %s with 400 naming %p', async (_case, body, path) => {
    const { number } = await file(api.service);
    const reply = await act(api, number, body);
    expect(reply.status).toBe(400);
    expect(detailPaths(reply)).toEqual([path]);
  });

  it('answers malformed JSON with a clear JSON 400 and keeps serving', async () => {
    const { number, version } = await file(api.service);
    for (const body of ['{"action": "acknowledge", ', '']) {
      const reply = await act(api, number, body);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.json).toEqual({ error: 'bad_request', message: expect.stringMatching(/JSON|empty/) });
    }
    expect((await act(api, number, { action: 'acknowledge', version })).status).toBe(200);
  });

  it('answers 415 to a body that is not application/json', async () => {
    const { number, version } = await file(api.service);
    const reply = await call(api, `/api/tickets/${number}/actions`, { body: JSON.stringify({ action: 'acknowledge', version }), contentType: 'text/plain' });
    expect(reply.status).toBe(415);
    expect(reply.json.error).toBe('unsupported_media_type');
  });

  it('answers 413 to a body over its limit', async () => {
    const { number, version } = await file(api.service);
    const reply = await act(api, number, { action: 'resolve', note: 'x'.repeat(20_000), version });
    expect(reply.status).toBe(413);
    expect(reply.json.error).toBe('payload_too_large');
  });
});

describe('agent API: unexpected failures', () => {
  it('answers 500 {error: internal} without the cause, and logs it with the request id', async () => {
    const { logger, lines: logLines } = capturingLogger();
    const broken = (): never => {
      throw new Error('connection to db-7.internal refused');
    };
    const api = await startApi({ tokens: [TOKEN], logger, tickets: { get: async () => broken(), list: async () => broken(), act: async () => broken() } });
    try {
      const reply = await call(api, '/api/tickets');
      expect(reply.status).toBe(500);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.json).toEqual({ error: 'internal', requestId: expect.any(String) });
      expect(JSON.stringify(reply.json)).not.toContain('db-7');
      const logged = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'agent api: request failed');
      expect(logged).toEqual(expect.objectContaining({ requestId: reply.json.requestId }));
      expect(JSON.stringify(logged)).toContain('db-7.internal');
    } finally {
      await api.close();
    }
  });
});
