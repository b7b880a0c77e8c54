import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxNotifier, fullJitterBackoff, type Deliverer, type NotifierLogger, type OutboxNotifierOptions } from '../../tickets/outbox/notifier.js';
import { createWebhookDeliverer, verifyWebhookSignature } from '../../tickets/outbox/webhook.js';
import { parseRoutingConfig, webhookSecrets } from '../../tickets/routing.js';
import { openSqliteDatabase } from '../../tickets/store/sqlite.js';
import type { Database, OutboxMessage, OutboxRow, TicketStore } from '../../tickets/store/types.js';
import { sampleNewTicket } from './fixtures.js';

const start = new Date('2025-03-01T12:00:00.000Z');

/** A clock the test moves by hand. */
function manualClock() {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function recordingLogger() {
  const lines: { level: string; details: object; message: string }[] = [];
  const logger: NotifierLogger = {
    info: (details, message) => lines.push({ level: 'info', details, message }),
    warn: (details, message) => lines.push({ level: 'warn', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
  return { logger, lines };
}

const card = (event = 'opened'): OutboxMessage => ({ kind: 'queue_card', target: { queue: 'us' }, payload: { event } });
const notice: OutboxMessage = { kind: 'customer_notice', target: { conversationId: 'c1' }, payload: { event: 'acknowledge', text: 'hi' } };
const noop: Deliverer = async () => undefined;

describe('OutboxNotifier', () => {
  let dir: string;
  let databases: Database[];
  let servers: Server[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    databases = [];
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    await Promise.all(databases.map((database) => database.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (): TicketStore => {
    const database = openSqliteDatabase(join(dir, 'tickets.db'));
    databases.push(database);
    return database.tickets;
  };

  const file = async (store: TicketStore, outbox: OutboxMessage[]) => (await store.create(sampleNewTicket(), [], outbox, start)).ticket;

  const notifier = (store: TicketStore, deliverers: Partial<OutboxNotifierOptions['deliverers']>, options: Partial<OutboxNotifierOptions> = {}) =>
    new OutboxNotifier({ store, deliverers: { queue_card: noop, webhook: noop, customer_notice: noop, ...deliverers }, ...options });

  it('hands each row once to the deliverer of its kind', async () => {
    const store = open();
    const first = await file(store, [card(), notice]);
    const second = await file(store, [card()]);
    const cards: OutboxRow[] = [];
    const notices: OutboxRow[] = [];
    const outbox = notifier(store, {
      queue_card: async (row) => void cards.push(row),
      customer_notice: async (row) => void notices.push(row),
    });

    expect(await outbox.drain()).toBe(3);
    expect(await outbox.drain()).toBe(0);
    expect(cards.map((row) => row.ticketNumber).sort()).toEqual([first.number, second.number].sort());
    expect(cards[0]).toMatchObject({ kind: 'queue_card', target: { queue: 'us' }, payload: { event: 'opened' }, attempts: 1 });
    expect(notices).toEqual([expect.objectContaining({ ticketNumber: first.number, payload: { event: 'acknowledge', text: 'hi' } })]);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('retries a failing delivery after its backoff and records the attempts', async () => {
    const store = open();
    await file(store, [card()]);
    const time = manualClock();
    const seen: OutboxRow[] = [];
    const backoffs: number[] = [];
    const { logger, lines } = recordingLogger();
    const outbox = notifier(
      store,
      {
        queue_card: async (row) => {
          seen.push(row);
          if (seen.length <= 2) throw new Error(`receiver down ${seen.length}`);
        },
      },
      { clock: time.clock, logger, backoff: (attempt) => (backoffs.push(attempt), attempt * 1000) },
    );

    expect(await outbox.drain()).toBe(0);
    expect(await outbox.drain()).toBe(0);
    time.advance(999);
    expect(await outbox.drain()).toBe(0);
    expect(seen).toHaveLength(1);
    time.advance(1);
    expect(await outbox.drain()).toBe(0);
    time.advance(1999);
    expect(await outbox.drain()).toBe(0);
    expect(seen).toHaveLength(2);
    time.advance(1);
    expect(await outbox.drain()).toBe(1);

    expect(seen.map((row) => row.attempts)).toEqual([1, 2, 3]);
    expect(seen[2]?.lastError).toBe('receiver down 2');
    expect(backoffs).toEqual([1, 2]);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.details)).toEqual([
      expect.objectContaining({ attempt: 1, err: 'receiver down 1', retryInMs: 1000 }),
      expect.objectContaining({ attempt: 2, err: 'receiver down 2', retryInMs: 2000 }),
    ]);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it("waits the receiver's retryAfterMs instead of its backoff", async () => {
    const store = open();
    await file(store, [card()]);
    const time = manualClock();
    let calls = 0;
    const outbox = notifier(
      store,
      {
        queue_card: async () => {
          if (++calls === 1) throw Object.assign(new Error('429'), { retryAfterMs: 5000 });
        },
      },
      { clock: time.clock, backoff: () => 0 },
    );
    expect(await outbox.drain()).toBe(0);
    time.advance(4999);
    expect(await outbox.drain()).toBe(0);
    time.advance(1);
    expect(await outbox.drain()).toBe(1);
    expect(calls).toBe(2);
  });

  it('gives up after maxAttempts, logs it once and never retries it', async () => {
    const store = open();
    await file(store, [card()]);
    const time = manualClock();
    const { logger, lines } = recordingLogger();
    let calls = 0;
    const outbox = notifier(
      store,
      {
        queue_card: async () => {
          calls++;
          throw new Error('410 gone');
        },
      },
      { clock: time.clock, logger, maxAttempts: 3, backoff: () => 0 },
    );

    expect(await outbox.drain()).toBe(0);
    expect(calls).toBe(3);
    expect(await store.pendingOutboxCount()).toBe(0);
    time.advance(24 * 60 * 60 * 1000);
    expect(await outbox.drain()).toBe(0);
    expect(calls).toBe(3);
    expect(lines.filter((line) => line.level === 'error')).toEqual([
      { level: 'error', details: expect.objectContaining({ attempt: 3, err: '410 gone' }), message: expect.stringContaining('given up') },
    ]);
  });

  it('delivers each row exactly once when two processes drain the same database at once', async () => {
    const setup = open();
    for (let index = 0; index < 40; index++) await file(setup, [card(), notice]);
    const delivered: number[] = [];
    const slowly: Deliverer = async (row) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      delivered.push(row.id);
    };
    const one = notifier(open(), { queue_card: slowly, customer_notice: slowly }, { batchSize: 7 });
    const two = notifier(open(), { queue_card: slowly, customer_notice: slowly }, { batchSize: 7 });

    const [byOne, byTwo] = await Promise.all([one.drain(), two.drain()]);
    expect(byOne + byTwo).toBe(80);
    expect(byOne).toBeGreaterThan(0);
    expect(byTwo).toBeGreaterThan(0);
    expect(new Set(delivered).size).toBe(80);
    expect(delivered).toHaveLength(80);
  });

  it('keeps each ticket’s messages in order when two processes drain the same database at once', async () => {
    const setup = open();
    for (let index = 0; index < 20; index++) await file(setup, [card('a'), card('b'), card('c')]);
    const sent = new Map<string, string[]>();
    const record: Deliverer = async (row) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      sent.set(row.ticketNumber, [...(sent.get(row.ticketNumber) ?? []), (row.payload as { event: string }).event]);
    };
    const one = notifier(open(), { queue_card: record }, { batchSize: 7 });
    const two = notifier(open(), { queue_card: record }, { batchSize: 7 });

    // a drain ends when nothing is claimable, which can be while the other holds a ticket's
    // oldest message; draining again picks up what that completion released
    let delivered = 0;
    for (let round = 0; round < 10 && delivered < 60; round++) delivered += (await Promise.all([one.drain(), two.drain()])).reduce((a, b) => a + b, 0);
    expect(delivered).toBe(60);
    expect(sent.size).toBe(20);
    for (const events of sent.values()) expect(events).toEqual(['a', 'b', 'c']);
  });

  it('holds a ticket’s later messages back while an earlier one waits for its retry', async () => {
    const store = open();
    const first = await file(store, [card('a'), card('b')]);
    const second = await file(store, [card('c')]);
    const time = manualClock();
    const events: string[] = [];
    let failures = 1;
    const outbox = notifier(
      store,
      {
        queue_card: async (row) => {
          const event = (row.payload as { event: string }).event;
          if (event === 'a' && failures-- > 0) throw new Error('receiver down');
          events.push(`${row.ticketNumber}:${event}`);
        },
      },
      { clock: time.clock, backoff: () => 1000 },
    );

    expect(await outbox.drain()).toBe(1);
    expect(events).toEqual([`${second.number}:c`]);
    time.advance(1000);
    expect(await outbox.drain()).toBe(2);
    expect(events).toEqual([`${second.number}:c`, `${first.number}:a`, `${first.number}:b`]);
  });

  it('does not record its outcome when its lease ran out and another notifier took the message over', async () => {
    const setup = open();
    await file(setup, [card('a')]);
    await file(setup, [card('b')]);
    const time = manualClock();
    const { logger, lines } = recordingLogger();
    const deliveredByTwo: string[] = [];
    const two = notifier(open(), { queue_card: async (row) => void deliveredByTwo.push((row.payload as { event: string }).event) }, { clock: time.clock, leaseMs: 1000 });
    let takeOver: Promise<number> | undefined;
    const one = notifier(
      open(),
      {
        // slower than the lease: meanwhile the other notifier claims both messages again and delivers them
        queue_card: async (row) => {
          takeOver ??= (time.advance(1001), two.drain());
          await takeOver;
          if ((row.payload as { event: string }).event === 'b') throw new Error('too late anyway');
        },
      },
      { clock: time.clock, leaseMs: 1000, logger, backoff: () => 0 },
    );

    expect(await one.drain()).toBe(0);
    expect(await takeOver).toBe(2);
    expect(deliveredByTwo.sort()).toEqual(['a', 'b']);
    expect(lines.map((line) => [line.level, (line.details as { outcome?: string }).outcome])).toEqual(
      expect.arrayContaining([
        ['warn', 'delivered'],
        ['warn', 'failed'],
      ]),
    );
    expect(lines).toHaveLength(2);
    expect(await setup.pendingOutboxCount()).toBe(0);
  });

  it('never runs two passes at once in one process', async () => {
    const store = open();
    await file(store, [card('a'), card('b'), card('c'), card('d'), card('e'), card('f')]);
    let active = 0;
    let mostActive = 0;
    const events: string[] = [];
    const outbox = notifier(
      store,
      {
        queue_card: async (row) => {
          mostActive = Math.max(mostActive, ++active);
          await new Promise((resolve) => setTimeout(resolve, 5));
          events.push((row.payload as { event: string }).event);
          active--;
        },
      },
      { batchSize: 2 },
    );
    outbox.nudge();
    outbox.nudge();
    const drained = outbox.drain();
    outbox.nudge();
    await drained;
    await outbox.stop();
    expect(mostActive).toBe(1);
    expect(events).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('delivers on its own once started and stops polling after stop()', async () => {
    const store = open();
    await file(store, [card()]);
    let resolveDelivered: () => void = () => undefined;
    const delivered = new Promise<void>((resolve) => (resolveDelivered = resolve));
    const outbox = notifier(store, { queue_card: async () => resolveDelivered() }, { pollIntervalMs: 10 });
    outbox.start();
    await delivered;
    await outbox.stop();
    await file(store, [card()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.pendingOutboxCount()).toBe(1);
  });

  it('drains everything after stop(), for shutdown', async () => {
    const store = open();
    await file(store, [card('a'), card('b'), card('c'), card('d'), card('e')]);
    const outbox = notifier(store, {}, { batchSize: 2 });
    outbox.start();
    await outbox.stop();
    await file(store, [card('f')]);
    // the background pass delivered 'a' before it saw stop(); the rest (b…e, one at a time, and f) is the drain's
    expect(await outbox.drain()).toBe(5);
    expect(await store.pendingOutboxCount()).toBe(0);
  });

  it('spreads retries with full jitter between 0 and the capped exponential bound', () => {
    expect(fullJitterBackoff(1, () => 0.999)).toBe(999);
    expect(fullJitterBackoff(4, () => 0.5)).toBe(4000);
    expect(fullJitterBackoff(30, () => 0.999)).toBe(299_700);
    expect(fullJitterBackoff(3, () => 0)).toBe(0);
  });

  describe('webhooks', () => {
    const secret = 's'.repeat(40);

    interface Received {
      headers: IncomingHttpHeaders;
      body: string;
    }

    /** A receiver answering with the given statuses in turn (the last one from then on). */
    async function receiver(answers: { status: number; headers?: Record<string, string> }[]) {
      const received: Received[] = [];
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
          const answer = answers[Math.min(received.length, answers.length) - 1]!;
          // restify, loaded by other suites in the same worker, patches writeHead to return nothing: no chaining
          response.writeHead(answer.status, answer.headers);
          response.end('ok');
        });
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      return { received, url };
    }

    function webhookNotifier(store: TicketStore, url: string, options: Partial<OutboxNotifierOptions> = {}) {
      const routing = parseRoutingConfig({ queues: { us: { webhook: { url, secretEnv: 'US_HOOK_SECRET' } } }, rules: [{ queue: 'us' }] }, 'test');
      const secrets = webhookSecrets(routing, { US_HOOK_SECRET: secret });
      const clock = options.clock;
      const webhook = createWebhookDeliverer({ store, routing, secrets, timeoutMs: 2000, ...(clock !== undefined && { clock }) });
      return notifier(store, { webhook }, options);
    }

    const hook: OutboxMessage = { kind: 'webhook', target: { queue: 'us' }, payload: { event: 'opened' } };

    it('POSTs the signed ticket, which verifyWebhookSignature accepts and a tampered body fails', async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 204 }]);
      const ticket = await file(store, [hook]);

      expect(await webhookNotifier(store, url).drain()).toBe(1);
      expect(received).toHaveLength(1);
      const [{ headers, body }] = received as [Received];
      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-support-delivery']).toMatch(/^\d+$/);
      const timestamp = headers['x-support-timestamp'] as string;
      const signature = headers['x-support-signature'] as string;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(JSON.parse(body)).toEqual({ event: 'opened', ticket });

      expect(verifyWebhookSignature(secret, timestamp, body, signature)).toBe(true);
      expect(verifyWebhookSignature(secret, timestamp, body, signature, { toleranceSeconds: 300 })).toBe(true);
      expect(verifyWebhookSignature(secret, timestamp, body.replace('"new"', '"closed"'), signature)).toBe(false);
      expect(verifyWebhookSignature(secret, String(Number(timestamp) + 1), body, signature)).toBe(false);
      expect(verifyWebhookSignature('x'.repeat(40), timestamp, body, signature)).toBe(false);
      expect(verifyWebhookSignature(secret, timestamp, body, 'sha256=00')).toBe(false);
      const later = new Date((Number(timestamp) + 301) * 1000);
      expect(verifyWebhookSignature(secret, timestamp, body, signature, { toleranceSeconds: 300, now: later })).toBe(false);
    });

    it('retries after a 503 and delivers on the next attempt, with the same delivery id', async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 503 }, { status: 200 }]);
      await file(store, [hook]);

      expect(await webhookNotifier(store, url, { backoff: () => 0 }).drain()).toBe(1);
      expect(received).toHaveLength(2);
      expect(received[1]?.headers['x-support-delivery']).toBe(received[0]?.headers['x-support-delivery']);
      expect(await store.pendingOutboxCount()).toBe(0);
    });

    it("honours a 429's Retry-After", async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 429, headers: { 'Retry-After': '2' } }, { status: 200 }]);
      await file(store, [hook]);
      const time = manualClock();
      const outbox = webhookNotifier(store, url, { backoff: () => 0, clock: time.clock });

      expect(await outbox.drain()).toBe(0);
      time.advance(1999);
      expect(await outbox.drain()).toBe(0);
      time.advance(1);
      expect(await outbox.drain()).toBe(1);
      expect(received).toHaveLength(2);
    });

    it('reads a Retry-After in decimal seconds', async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 429, headers: { 'Retry-After': '1.5' } }, { status: 200 }]);
      await file(store, [hook]);
      const time = manualClock();
      const outbox = webhookNotifier(store, url, { backoff: () => 0, clock: time.clock });

      expect(await outbox.drain()).toBe(0);
      time.advance(1499);
      expect(await outbox.drain()).toBe(0);
      time.advance(1);
      expect(await outbox.drain()).toBe(1);
      expect(received).toHaveLength(2);
    });

    it('posts to the queue’s URL as configured now, also for a message written with an older URL', async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 204 }]);
      await file(store, [{ ...hook, target: { queue: 'us', url: 'http://127.0.0.1:9/moved-away' } }]);

      expect(await webhookNotifier(store, url).drain()).toBe(1);
      expect(received).toHaveLength(1);
    });

    it('retries other 4xx answers until maxAttempts, then gives up', async () => {
      const store = open();
      const { received, url } = await receiver([{ status: 400 }]);
      await file(store, [hook]);
      const { logger, lines } = recordingLogger();

      expect(await webhookNotifier(store, url, { backoff: () => 0, maxAttempts: 2, logger }).drain()).toBe(0);
      expect(received).toHaveLength(2);
      expect(lines.filter((line) => line.level === 'error').map((line) => line.details)).toEqual([
        expect.objectContaining({ attempt: 2, err: 'webhook of queue "us" answered 400' }),
      ]);
    });

    it('retries a receiver that cannot be reached', async () => {
      const store = open();
      // hangs up on every connection: a closed server's port could be taken by another process meanwhile
      const hangUp = createServer();
      hangUp.on('connection', (socket) => socket.destroy());
      servers.push(hangUp);
      await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(hangUp.address() as AddressInfo).port}/hook`;
      await file(store, [hook]);
      const { logger, lines } = recordingLogger();

      expect(await webhookNotifier(store, url, { backoff: () => 0, maxAttempts: 2, logger }).drain()).toBe(0);
      expect(lines.map((line) => line.level)).toEqual(['warn', 'error']);
      expect(lines[0]?.details).toEqual(expect.objectContaining({ err: expect.stringContaining('webhook of queue "us" unreachable') }));
    });
  });
});
