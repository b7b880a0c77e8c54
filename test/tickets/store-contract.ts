import type { Severity, Ticket } from '../../tickets/model.js';
import { BadCursorError } from '../../tickets/store/cursor.js';
import {
  ETagConflictError,
  TicketNotFoundError,
  VersionConflictError,
  type Database,
  type OutboxMessage,
  type OutboxRow,
  type TicketFilter,
} from '../../tickets/store/types.js';
import { SAMPLE_TIME, sampleNewTicket } from './fixtures.js';

/** The time `minutes` after SAMPLE_TIME. */
const at = (minutes: number): Date => new Date(Date.parse(SAMPLE_TIME) + minutes * 60_000);
const isoAt = (minutes: number): string => at(minutes).toISOString();
const filedAt = (minutes: number) => sampleNewTicket({ createdAt: isoAt(minutes), updatedAt: isoAt(minutes) });

const CONVERSATION = { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversationId: '19:queue@thread.tacv2' };

/**
 * The behaviour every Database implementation owes the product. Each test opens a fresh,
 * empty database with `open` and closes it afterwards.
 */
export function describeStoreContract(name: string, open: () => Promise<Database>): void {
  describe(`${name} store contract`, () => {
    let db: Database;
    beforeEach(async () => {
      db = await open();
    });
    afterEach(async () => {
      await db?.close();
    });

    const file = async (minutes = 0, keys: { key: string; ttlMs?: number }[] = [], outbox: OutboxMessage[] = []) =>
      (await db.tickets.create(filedAt(minutes), keys, outbox, at(minutes))).ticket;
    const listAll = async (filter: Omit<TicketFilter, 'limit'> = {}) => (await db.tickets.list({ limit: 200, ...filter })).tickets;
    const numbers = (tickets: Ticket[]) => tickets.map((ticket) => ticket.number);

    describe('creating and reading tickets', () => {
      it('numbers tickets INC-000001, INC-000002… at version 1', async () => {
        const first = await db.tickets.create(sampleNewTicket(), [], [], at(0));
        const second = await db.tickets.create(sampleNewTicket(), [], [], at(0));
        expect(first).toStrictEqual({ ticket: { ...sampleNewTicket(), number: 'INC-000001', version: 1 }, created: true });
        expect(second.ticket.number).toBe('INC-000002');
        expect(second.ticket.version).toBe(1);
      });

      it('gives back the whole ticket from get and list', async () => {
        const input = sampleNewTicket({ assignee: 'agent-7', summary: 'Grüße, 日本語, emoji 🚀 and "quotes"' });
        const { ticket } = await db.tickets.create(input, [], [], at(0));
        expect(await db.tickets.get(ticket.number)).toStrictEqual({ ...input, number: 'INC-000001', version: 1 });
        expect(await db.tickets.list({ limit: 10 })).toStrictEqual({ tickets: [ticket] });
        expect(await db.tickets.get('INC-999999')).toBeUndefined();
        expect(await db.tickets.get('not a number')).toBeUndefined();
      });

      it('lists newest first, the later filed first among equal times', async () => {
        await file(0);
        await file(2);
        await file(1);
        await file(1);
        expect(numbers(await listAll())).toEqual(['INC-000002', 'INC-000004', 'INC-000003', 'INC-000001']);
      });

      it('filters by queue, region, severity, status and customer', async () => {
        const base = sampleNewTicket();
        await db.tickets.create(base, [], [], at(0));
        await db.tickets.create(
          sampleNewTicket({
            queue: 'pci-emea',
            region: 'emea',
            severity: 1,
            status: 'acknowledged',
            customer: { ...base.customer, userId: 'u2' },
          }),
          [],
          [],
          at(1),
        );
        await db.tickets.create(
          sampleNewTicket({ severity: 3, status: 'resolved', customer: { ...base.customer, channel: 'webchat' } }),
          [],
          [],
          at(2),
        );
        expect(numbers(await listAll({ queue: 'pci-us' }))).toEqual(['INC-000003', 'INC-000001']);
        expect(numbers(await listAll({ queue: 'pci-emea' }))).toEqual(['INC-000002']);
        expect(numbers(await listAll({ region: 'emea' }))).toEqual(['INC-000002']);
        expect(numbers(await listAll({ region: 'apac' }))).toEqual([]);
        expect(numbers(await listAll({ severity: 3 }))).toEqual(['INC-000003']);
        expect(numbers(await listAll({ status: 'new' }))).toEqual(['INC-000001']);
        expect(numbers(await listAll({ customer: { channel: 'msteams', userId: 'u1' } }))).toEqual(['INC-000001']);
        expect(numbers(await listAll({ customer: { channel: 'webchat', userId: 'u1' } }))).toEqual(['INC-000003']);
        expect(numbers(await listAll({ queue: 'pci-us', severity: 2 }))).toEqual(['INC-000001']);
      });

      it('pages with limit and cursor through every ticket exactly once', async () => {
        for (const minutes of [0, 1, 1, 1, 2, 3, 3]) await file(minutes);
        const everything = numbers(await listAll());
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await db.tickets.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
          seen.push(...numbers(page.tickets));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined);
        expect(seen).toEqual(everything);
        expect(pages).toBe(3);

        const firstTwo = await db.tickets.list({ limit: 2, status: 'new' });
        expect(firstTwo.nextCursor).toEqual(expect.any(String));
        const rest = await db.tickets.list({ limit: 5, status: 'new', cursor: firstTwo.nextCursor as string });
        expect([...numbers(firstTwo.tickets), ...numbers(rest.tickets)]).toEqual(everything);
        expect(rest.nextCursor).toBeUndefined();
      });

      it('has no next page when the last page is exactly full', async () => {
        for (const minutes of [0, 1, 2, 3]) await file(minutes);
        const first = await db.tickets.list({ limit: 2 });
        const second = await db.tickets.list({ limit: 2, cursor: first.nextCursor as string });
        expect(second.tickets).toHaveLength(2);
        expect(second.nextCursor).toBeUndefined();
      });

      it('refuses a bad cursor with BadCursorError and a bad limit with RangeError', async () => {
        await file(0);
        const forged = Buffer.from(JSON.stringify(['yesterday', 1])).toString('base64url');
        for (const cursor of ['not a cursor!', '', 'e30', forged]) {
          await expect(db.tickets.list({ limit: 5, cursor })).rejects.toBeInstanceOf(BadCursorError);
        }
        await expect(db.tickets.list({ limit: 0 })).rejects.toBeInstanceOf(RangeError);
        await expect(db.tickets.list({ limit: 201 })).rejects.toBeInstanceOf(RangeError);
      });

      it('gives 50 concurrent filings 50 different numbers', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, () => db.tickets.create(sampleNewTicket(), [], [], at(0))));
        expect(new Set(results.map((result) => result.ticket.number)).size).toBe(50);
        expect(await listAll()).toHaveLength(50);
      });
    });

    describe('updating tickets', () => {
      const acknowledged = (ticket: Ticket): Ticket => ({
        ...ticket,
        status: 'acknowledged',
        assignee: 'agent-1',
        updatedAt: isoAt(5),
        history: [...ticket.history, { at: isoAt(5), action: 'acknowledge', from: 'new', to: 'acknowledged', agent: 'agent-1' }],
      });

      it('replaces the ticket at the expected version, as version + 1 with updatedAt as given', async () => {
        const ticket = await file(0);
        const updated = await db.tickets.update(acknowledged(ticket), 1, []);
        expect(updated).toStrictEqual({ ...acknowledged(ticket), version: 2 });
        expect(await db.tickets.get(ticket.number)).toStrictEqual(updated);
        expect(numbers(await listAll({ status: 'acknowledged' }))).toEqual([ticket.number]);
        expect(await listAll({ status: 'new' })).toEqual([]);
      });

      it('refuses a stale version with VersionConflictError and changes nothing', async () => {
        const ticket = await file(0);
        const updated = await db.tickets.update(acknowledged(ticket), 1, []);
        const stale = db.tickets.update({ ...ticket, summary: 'stale' }, 1, [{ kind: 'webhook', target: 'x', payload: {} }]);
        await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
        await expect(stale).rejects.toMatchObject({ number: ticket.number, expected: 1, actual: 2 });
        expect(await db.tickets.get(ticket.number)).toStrictEqual(updated);
        expect(await db.tickets.pendingOutboxCount()).toBe(0);
      });

      it('rewrites the columns that lists filter on, so the ticket is found by its new values only', async () => {
        const ticket = await file(0);
        const later = await file(1);
        const moved: Ticket = { ...ticket, queue: 'pci-emea', region: 'emea', severity: 1, status: 'in_progress', updatedAt: isoAt(5) };
        await db.tickets.update(moved, 1, []);
        expect(numbers(await listAll({ queue: 'pci-emea', region: 'emea', severity: 1, status: 'in_progress' }))).toEqual([ticket.number]);
        expect(numbers(await listAll({ queue: 'pci-us' }))).toEqual([later.number]);
        expect(numbers(await listAll({ region: 'us' }))).toEqual([later.number]);
        // what an update does not rewrite still places and finds it: filing time and customer
        expect(numbers(await listAll({ customer: { channel: 'msteams', userId: 'u1' } }))).toEqual([later.number, ticket.number]);
      });

      it('refuses an unknown ticket with TicketNotFoundError', async () => {
        const ticket = await file(0);
        await expect(db.tickets.update({ ...ticket, number: 'INC-999999' }, 1, [])).rejects.toBeInstanceOf(TicketNotFoundError);
      });
    });

    describe('idempotency keys', () => {
      it('files once for the same key and gives the first ticket back', async () => {
        const message: OutboxMessage = { kind: 'queue_card', target: 'pci-us', payload: { card: 1 } };
        const first = await db.tickets.create(sampleNewTicket(), [{ key: 'activity-1' }], [message], at(0));
        const again = await db.tickets.create(sampleNewTicket({ summary: 'resent' }), [{ key: 'activity-1' }], [message], at(1));
        const byOtherKey = await db.tickets.create(sampleNewTicket(), [{ key: 'new-key' }, { key: 'activity-1' }], [], at(1));
        expect(first.created).toBe(true);
        expect(again).toStrictEqual({ ticket: first.ticket, created: false });
        expect(byOtherKey).toStrictEqual({ ticket: first.ticket, created: false });
        expect(await listAll()).toHaveLength(1);
        expect(await db.tickets.pendingOutboxCount()).toBe(1);
      });

      it('lets a key expire after its ttl and then holds the new filing', async () => {
        const key = { key: 'draft-1', ttlMs: 60_000 };
        const first = await db.tickets.create(sampleNewTicket(), [key], [], at(0));
        expect((await db.tickets.create(sampleNewTicket(), [key], [], at(0.5))).created).toBe(false);
        const second = await db.tickets.create(sampleNewTicket(), [key], [], at(1));
        expect(second.created).toBe(true);
        expect(second.ticket.number).not.toBe(first.ticket.number);
        expect(await db.tickets.create(sampleNewTicket(), [key], [], at(1.5))).toStrictEqual({ ticket: second.ticket, created: false });
      });

      it('gives back the ticket of the first live key in the caller’s order when the keys name different tickets', async () => {
        // the priority key is spelled to sort after the draft key: the order given decides, not the spelling
        const draft = { key: 'draft:d', ttlMs: 60_000 };
        const a = await db.tickets.create(sampleNewTicket(), [{ key: 'x-activity:a1' }, draft], [], at(0));
        // the draft key expires and is taken over by B
        const b = await db.tickets.create(sampleNewTicket(), [{ key: 'x-activity:b1' }, draft], [], at(2));
        expect(b.created).toBe(true);
        expect(await db.tickets.create(sampleNewTicket(), [{ key: 'x-activity:a1' }, draft], [], at(2.5))).toStrictEqual({ ticket: a.ticket, created: false });
        expect(await db.tickets.create(sampleNewTicket(), [draft, { key: 'x-activity:a1' }], [], at(2.5))).toStrictEqual({ ticket: b.ticket, created: false });
        expect(await listAll()).toHaveLength(2);
      });

      it('leaves no ticket, key or message behind when a filing fails', async () => {
        const unserialisable: OutboxMessage = { kind: 'webhook', target: 'https://itsm.example/hook', payload: { n: BigInt(1) } };
        await expect(db.tickets.create(sampleNewTicket(), [{ key: 'k' }], [unserialisable], at(0))).rejects.toThrow();
        const invalid = sampleNewTicket({ severity: 7 as unknown as Severity });
        await expect(db.tickets.create(invalid, [{ key: 'k' }], [], at(0))).rejects.toThrow();
        expect(await listAll()).toEqual([]);
        expect(await db.tickets.pendingOutboxCount()).toBe(0);
        expect((await db.tickets.create(sampleNewTicket(), [{ key: 'k' }], [], at(0))).created).toBe(true);
      });

      it('leaves the ticket as it was when an update fails', async () => {
        const ticket = await file(0);
        const unserialisable: OutboxMessage = { kind: 'webhook', target: 'x', payload: BigInt(2) };
        await expect(db.tickets.update({ ...ticket, summary: 'changed' }, 1, [unserialisable])).rejects.toThrow();
        expect(await db.tickets.get(ticket.number)).toStrictEqual(ticket);
      });
    });

    describe('outbox', () => {
      const queueCard: OutboxMessage = { kind: 'queue_card', target: { queue: 'pci-us' }, payload: { title: 'New ticket ✓' } };
      const notice: OutboxMessage = { kind: 'customer_notice', target: CONVERSATION, payload: { text: 'We have it.' } };
      // a bare string target: PostgreSQL's jsonb must give back a string, not parse it as JSON text
      const webhook: OutboxMessage = { kind: 'webhook', target: 'https://itsm.example/hook', payload: { n: [1, 2] } };
      const leaseEnd = (minutes: number, leaseMs: number): string => new Date(at(minutes).getTime() + leaseMs).toISOString();
      const claimOne = async (minutes: number, leaseMs = 30_000): Promise<OutboxRow> => {
        const rows = await db.tickets.claimOutbox(at(minutes), 10, leaseMs);
        if (rows.length !== 1 || rows[0] === undefined) throw new Error(`expected one message, got ${rows.length}`);
        return rows[0];
      };

      /** One ticket with three messages: two from its filing, one from an update. */
      async function fileWithMessages(): Promise<Ticket> {
        const ticket = await file(0, [], [queueCard, notice]);
        await db.tickets.update({ ...ticket, status: 'acknowledged', updatedAt: isoAt(1) }, 1, [webhook]);
        return ticket;
      }

      it('hands out the messages of creates and updates, leased, one at a time in the order written', async () => {
        const ticket = await fileWithMessages();
        expect(await db.tickets.pendingOutboxCount()).toBe(3);
        const first = await claimOne(10);
        expect(first).toStrictEqual({ ...queueCard, id: first.id, ticketNumber: ticket.number, attempts: 1, nextAttemptAt: leaseEnd(10, 30_000) });
        expect(await db.tickets.claimOutbox(at(10), 10, 30_000)).toEqual([]);
        expect(await db.tickets.claimOutbox(at(10.49), 10, 30_000)).toEqual([]);
        const again = await claimOne(10.5);
        expect([again.id, again.attempts]).toEqual([first.id, 2]);
        expect(await db.tickets.completeOutbox(again.id, again.attempts)).toBe(true);

        const second = await claimOne(11);
        expect(second).toStrictEqual({ ...notice, id: second.id, ticketNumber: ticket.number, attempts: 1, nextAttemptAt: leaseEnd(11, 30_000) });
        expect(await db.tickets.completeOutbox(second.id, 1)).toBe(true);
        const third = await claimOne(12);
        expect(third).toStrictEqual({ ...webhook, id: third.id, ticketNumber: ticket.number, attempts: 1, nextAttemptAt: leaseEnd(12, 30_000) });
        expect(await db.tickets.completeOutbox(third.id, 1)).toBe(true);
        expect([first.id < second.id, second.id < third.id]).toEqual([true, true]);
        expect(await db.tickets.pendingOutboxCount()).toBe(0);
      });

      it('does not hand out messages before they are due, and respects the limit', async () => {
        await file(0, [], [queueCard]);
        await file(0, [], [notice]);
        await file(1, [], [webhook]);
        const tenMinutes = 600_000;
        expect(await db.tickets.claimOutbox(at(-1), 10, tenMinutes)).toEqual([]);
        const due = await db.tickets.claimOutbox(at(0), 10, tenMinutes);
        expect(due).toHaveLength(2);
        expect(due.map((row) => row.kind)).toEqual(['queue_card', 'customer_notice']);
        expect((await db.tickets.claimOutbox(at(2), 1, tenMinutes)).map((row) => row.kind)).toEqual(['webhook']);
        expect(await db.tickets.claimOutbox(at(2), 1, tenMinutes)).toEqual([]);
      });

      it('removes a delivered message, retries a failed one later and never a dead one', async () => {
        await file(0, [], [queueCard]);
        await file(0, [], [notice]);
        await file(0, [], [webhook]);
        const [delivered, failed, dead] = await db.tickets.claimOutbox(at(10), 10, 1000);
        if (delivered === undefined || failed === undefined || dead === undefined) throw new Error('expected three messages');
        expect(await db.tickets.completeOutbox(delivered.id, delivered.attempts)).toBe(true);
        expect(await db.tickets.failOutbox(failed.id, failed.attempts, 'HTTP 503', at(20), false)).toBe(true);
        expect(await db.tickets.failOutbox(dead.id, dead.attempts, 'HTTP 410 gone', at(20), true)).toBe(true);
        expect(await db.tickets.pendingOutboxCount()).toBe(1);
        expect(await db.tickets.claimOutbox(at(19), 10, 1000)).toEqual([]);
        const retried = await db.tickets.claimOutbox(at(20), 10, 1000);
        expect(retried).toStrictEqual([{ ...failed, attempts: 2, lastError: 'HTTP 503', nextAttemptAt: leaseEnd(20, 1000) }]);
        expect(await db.tickets.failOutbox(failed.id, 2, 'HTTP 503', at(30), false)).toBe(true);
        expect(numbersOf(await db.tickets.claimOutbox(at(60 * 24 * 365 * 100), 10, 1000))).toEqual([failed.id]);
      });

      describe('per-ticket order', () => {
        it('does not hand out a ticket’s next message while the one before is leased or waiting for its retry', async () => {
          const ticket = await file(0, [], [queueCard, notice]);
          const card = await claimOne(0);
          expect(card.kind).toBe('queue_card');
          // leased: the notice is due, but waits behind the card
          expect(await db.tickets.claimOutbox(at(0.1), 10, 30_000)).toEqual([]);
          expect(await db.tickets.failOutbox(card.id, card.attempts, 'HTTP 503', at(5), false)).toBe(true);
          // failed and not due again yet: the notice still waits
          expect(await db.tickets.claimOutbox(at(1), 10, 30_000)).toEqual([]);
          const retried = await claimOne(5);
          expect([retried.id, retried.attempts]).toEqual([card.id, 2]);
          expect(await db.tickets.completeOutbox(retried.id, retried.attempts)).toBe(true);
          // completed: now the notice is the ticket's oldest
          expect(await claimOne(5)).toMatchObject({ ...notice, ticketNumber: ticket.number, attempts: 1 });
        });

        it('hands out the oldest message of every ticket in one claim, never two of one ticket', async () => {
          const one = await file(0, [], [queueCard, notice]);
          const two = await file(0, [], [webhook, queueCard]);
          const rows = await db.tickets.claimOutbox(at(1), 10, 30_000);
          expect(rows.map((row) => [row.ticketNumber, row.kind])).toEqual([
            [one.number, 'queue_card'],
            [two.number, 'webhook'],
          ]);
        });

        it('does not let a dead message hold back the ones after it', async () => {
          const ticket = await file(0, [], [queueCard, notice, webhook]);
          const card = await claimOne(0);
          // decided: a dead message is never sent, so waiting for it would silence the ticket for good
          expect(await db.tickets.failOutbox(card.id, card.attempts, 'HTTP 410 gone', at(0), true)).toBe(true);
          expect(await claimOne(0)).toMatchObject({ ...notice, ticketNumber: ticket.number });
          expect(await db.tickets.pendingOutboxCount()).toBe(2);
        });
      });

      describe('lease fencing', () => {
        it('ignores a late outcome from a notifier whose lease ran out and whose message was claimed again', async () => {
          await file(0, [], [queueCard]);
          const stale = await claimOne(1, 1000);
          // the lease ends at 1 min + 1 s; another notifier claims it after that
          const current = await claimOne(2, 60_000);
          expect([current.id, current.attempts]).toEqual([stale.id, 2]);

          expect(await db.tickets.completeOutbox(stale.id, stale.attempts)).toBe(false);
          expect(await db.tickets.failOutbox(stale.id, stale.attempts, 'late failure', at(100), true)).toBe(false);
          expect(await db.tickets.pendingOutboxCount()).toBe(1);
          // still leased by the current holder, not dead and not rescheduled by the stale call
          expect(await db.tickets.claimOutbox(at(2.5), 10, 60_000)).toEqual([]);

          expect(await db.tickets.failOutbox(current.id, current.attempts, 'HTTP 503', at(4), false)).toBe(true);
          expect(await db.tickets.claimOutbox(at(4), 10, 1000)).toStrictEqual([
            { ...current, attempts: 3, lastError: 'HTTP 503', nextAttemptAt: leaseEnd(4, 1000) },
          ]);
          expect(await db.tickets.completeOutbox(current.id, current.attempts)).toBe(false);
          expect(await db.tickets.completeOutbox(current.id, 3)).toBe(true);
          expect(await db.tickets.pendingOutboxCount()).toBe(0);
        });
      });
    });

    describe('queue channels', () => {
      it('registers, replaces and lists the queues’ channels', async () => {
        expect(await db.tickets.queueChannels()).toEqual([]);
        await db.tickets.setQueueChannel({ queue: 'pci-us', conversation: CONVERSATION, registeredAt: isoAt(0) });
        await db.tickets.setQueueChannel({ queue: 'pci-emea', conversation: CONVERSATION, registeredAt: isoAt(1) });
        const moved = { ...CONVERSATION, conversationId: '19:other@thread.tacv2', tenantId: 't1' };
        await db.tickets.setQueueChannel({ queue: 'pci-us', conversation: moved, registeredAt: isoAt(2) });
        expect(await db.tickets.queueChannels()).toStrictEqual([
          { queue: 'pci-emea', conversation: CONVERSATION, registeredAt: isoAt(1) },
          { queue: 'pci-us', conversation: moved, registeredAt: isoAt(2) },
        ]);
      });
    });

    describe('documents', () => {
      const write = (key: string, value: Record<string, unknown>, eTag?: string) =>
        db.documents.write([{ key, value, ...(eTag === undefined ? {} : { eTag }) }]);
      const eTagOf = async (key: string) => (await db.documents.read([key])).get(key)?.eTag;

      it('reads nothing for a missing key', async () => {
        expect((await db.documents.read(['missing'])).size).toBe(0);
        expect((await db.documents.read([])).size).toBe(0);
      });

      it('writes without an eTag, then only with the current one', async () => {
        const first = (await write('conv/1', { step: 1 })).get('conv/1');
        expect(first).toEqual(expect.any(String));
        expect(await db.documents.read(['conv/1', 'missing'])).toStrictEqual(
          new Map([['conv/1', { value: { step: 1 }, eTag: first }]]),
        );
        const second = (await write('conv/1', { step: 2 }, first)).get('conv/1');
        expect(second).not.toBe(first);
        await expect(write('conv/1', { step: 3 }, first)).rejects.toBeInstanceOf(ETagConflictError);
        expect(await db.documents.read(['conv/1'])).toStrictEqual(new Map([['conv/1', { value: { step: 2 }, eTag: second }]]));
      });

      it('refuses an eTag for a key that does not exist', async () => {
        await expect(write('conv/new', { step: 1 }, 'some-etag')).rejects.toBeInstanceOf(ETagConflictError);
        expect((await db.documents.read(['conv/new'])).size).toBe(0);
      });

      it('overwrites with "*" whatever is stored', async () => {
        const first = (await write('conv/1', { step: 1 })).get('conv/1');
        const forced = (await write('conv/1', { step: 9 }, '*')).get('conv/1');
        expect(forced).not.toBe(first);
        expect((await db.documents.read(['conv/1'])).get('conv/1')).toStrictEqual({ value: { step: 9 }, eTag: forced });
      });

      it('deletes, also keys that are not there', async () => {
        await write('conv/1', { step: 1 });
        await write('conv/2', { step: 1 });
        await db.documents.delete(['conv/1', 'never-written']);
        expect([...(await db.documents.read(['conv/1', 'conv/2'])).keys()]).toEqual(['conv/2']);
      });

      it('writes all changes of one call or none', async () => {
        const eTag = (await write('conv/1', { step: 1 })).get('conv/1') as string;
        await write('conv/1', { step: 2 }, eTag);
        const batch = db.documents.write([
          { key: 'conv/2', value: { fresh: true } },
          { key: 'conv/1', value: { step: 3 }, eTag },
        ]);
        await expect(batch).rejects.toBeInstanceOf(ETagConflictError);
        expect((await db.documents.read(['conv/2'])).size).toBe(0);
        expect((await db.documents.read(['conv/1'])).get('conv/1')?.value).toEqual({ step: 2 });

        const current = await eTagOf('conv/1');
        const both = await db.documents.write([
          { key: 'conv/2', value: { fresh: true } },
          { key: 'conv/1', value: { step: 3 }, ...(current === undefined ? {} : { eTag: current }) },
        ]);
        expect([...both.keys()].sort()).toEqual(['conv/1', 'conv/2']);
      });

      it('keeps unicode and nested values as written', async () => {
        const value = { text: 'Grüße — 日本語 — 🚀', nested: { list: [1, 'два', null, true, { deep: 'ok' }] }, empty: {} };
        await write('conv/ü', value);
        expect((await db.documents.read(['conv/ü'])).get('conv/ü')?.value).toStrictEqual(value);
      });
    });

    describe('transcript lines', () => {
      const line = (conversation: string, n: number, from: 'customer' | 'bot' = n % 2 ? 'customer' : 'bot') => ({
        conversation,
        from,
        text: `line ${n} — Grüße 🚀`,
        at: isoAt(n),
      });

      it('gives back the newest lines of one conversation, oldest first, as written', async () => {
        await db.transcripts.append([line('webchat/conversations/a', 1), line('webchat/conversations/b', 1), line('webchat/conversations/a', 2)], 20);
        await db.transcripts.append([line('webchat/conversations/a', 3)], 20);
        expect(await db.transcripts.recent('webchat/conversations/a', 20)).toStrictEqual([
          { from: 'customer', text: 'line 1 — Grüße 🚀', at: isoAt(1) },
          { from: 'bot', text: 'line 2 — Grüße 🚀', at: isoAt(2) },
          { from: 'customer', text: 'line 3 — Grüße 🚀', at: isoAt(3) },
        ]);
        expect((await db.transcripts.recent('webchat/conversations/a', 2)).map((turn) => turn.text)).toEqual(['line 2 — Grüße 🚀', 'line 3 — Grüße 🚀']);
        expect(await db.transcripts.recent('webchat/conversations/b', 20)).toHaveLength(1);
        expect(await db.transcripts.recent('webchat/conversations/none', 20)).toEqual([]);
      });

      it('keeps only the newest `keep` lines of each conversation it appends to', async () => {
        await db.transcripts.append([1, 2, 3, 4, 5].map((n) => line('a', n)), 3);
        await db.transcripts.append([line('b', 1), line('a', 6)], 3);
        expect((await db.transcripts.recent('a', 100)).map((turn) => turn.text.split(' ')[1])).toEqual(['4', '5', '6']);
        expect(await db.transcripts.recent('b', 100)).toHaveLength(1);
      });

      it('appends nothing for an empty batch', async () => {
        await db.transcripts.append([], 20);
        expect(await db.transcripts.recent('a', 20)).toEqual([]);
      });
    });

    it('answers ping while open, and not after close', async () => {
      expect(await db.ping()).toBe(true);
      await db.close();
      expect(await db.ping()).toBe(false);
    });
  });
}

function numbersOf(rows: { id: number }[]): number[] {
  return rows.map((row) => row.id);
}
