import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../tickets/store/open.js';
import { openPostgresDatabase } from '../../tickets/store/postgres.js';
import { CorruptTicketError } from '../../tickets/store/rows.js';
import type { Database } from '../../tickets/store/types.js';
import { sampleNewTicket } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

const url = process.env.TEST_DATABASE_URL ?? '';
const NOW = new Date('2024-05-01T10:00:00.000Z');

const freshSchemaName = (): string => `store_test_${randomBytes(6).toString('hex')}`;

/** Runs one statement on a connection of its own (to set up or break things behind the store's back). */
async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The database in a fresh schema of its own; closing it drops the schema. */
async function openFresh(): Promise<Database> {
  const schema = freshSchemaName();
  const db = await openPostgresDatabase(url, { schema, poolSize: 5 });
  return {
    tickets: db.tickets,
    documents: db.documents,
    transcripts: db.transcripts,
    ping: () => db.ping(),
    close: async () => {
      await db.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

if (url === '') {
  console.warn('PostgreSQL store tests are skipped: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  describe.skip('PostgreSQL store: skipped, TEST_DATABASE_URL is not set', () => {
    describeStoreContract('PostgreSQL', openFresh);
  });
} else {
  describeStoreContract('PostgreSQL', openFresh);

  describe('PostgreSQL store specifics', () => {
    let schema: string;
    let a: Database;
    let b: Database;

    // two pools on one schema stand for two processes; opening both at once races the migrations
    beforeEach(async () => {
      schema = freshSchemaName();
      [a, b] = await Promise.all([
        openPostgresDatabase(url, { schema, poolSize: 5 }),
        openPostgresDatabase(url, { schema, poolSize: 5 }),
      ]);
    });
    afterEach(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    it('is what openDatabase opens for a postgres:// URL (the client is loaded only then)', async () => {
      const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
      try {
        expect(await db.ping()).toBe(true);
        expect('pragma' in db).toBe(false); // not the SQLite database
      } finally {
        await db.close();
      }
    });

    it('gives two processes filing at once distinct numbers', async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).tickets.create(sampleNewTicket(), [], [], NOW)),
      );
      expect(new Set(results.map((result) => result.ticket.number)).size).toBe(40);
      expect((await a.tickets.list({ limit: 200 })).tickets).toHaveLength(40);
    });

    it('files exactly one ticket when two processes file the same key at once', async () => {
      const keys = Array.from({ length: 10 }, (_, i) => `activity-${i}`);
      const pairs = await Promise.all(
        keys.map((key) =>
          Promise.all([a, b].map((db) => db.tickets.create(sampleNewTicket(), [{ key }], [{ kind: 'queue_card', target: key, payload: {} }], NOW))),
        ),
      );
      for (const [first, second] of pairs) {
        expect([first?.created, second?.created].sort()).toEqual([false, true]);
        expect(first?.ticket).toStrictEqual(second?.ticket);
      }
      expect((await a.tickets.list({ limit: 200 })).tickets).toHaveLength(10);
      expect(await b.tickets.pendingOutboxCount()).toBe(10);
    });

    it('never hands one outbox message, nor two of one ticket, to processes claiming at once', async () => {
      for (let i = 0; i < 30; i++) {
        await a.tickets.create(sampleNewTicket(), [], [1, 2, 3].map((n) => ({ kind: 'webhook', target: `hook-${n}`, payload: { i } })), NOW);
      }
      const claims = await Promise.all([a, b, a, b].map((db) => db.tickets.claimOutbox(NOW, 12, 60_000)));
      const rows = claims.flat();
      const ids = rows.map((row) => row.id);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      // each ticket's first message only: the later ones wait until it is completed
      expect(new Set(rows.map((row) => row.ticketNumber)).size).toBe(30);
      expect(new Set(rows.map((row) => row.target))).toEqual(new Set(['hook-1']));
    });

    it('hands a ticket’s messages to two processes in order, one after the other', async () => {
      const messages = [1, 2, 3, 4, 5, 6].map((n) => ({ kind: 'webhook' as const, target: `hook-${n}`, payload: {} }));
      await a.tickets.create(sampleNewTicket(), [], messages, NOW);
      const sent: string[] = [];
      // both keep claiming; whoever gets the ticket's oldest message completes it, then the next becomes claimable
      const work = async (db: Database) => {
        for (let round = 0; round < 50 && sent.length < 6; round++) {
          const rows = await Promise.all([db.tickets.claimOutbox(NOW, 5, 60_000), db.tickets.claimOutbox(NOW, 5, 60_000)]);
          const claimed = rows.flat();
          expect(claimed.length).toBeLessThanOrEqual(1);
          for (const row of claimed) {
            sent.push(row.target as string);
            expect(await db.tickets.completeOutbox(row.id, row.attempts)).toBe(true);
          }
        }
      };
      await Promise.all([work(a), work(b)]);
      expect(sent).toEqual(messages.map((message) => message.target));
    });

    it('reports a corrupt row as an error naming the ticket', async () => {
      await a.tickets.create(sampleNewTicket(), [], [], NOW);
      await adminQuery(`UPDATE ${schema}.tickets SET body = jsonb_set(body, '{severity}', '9') WHERE number = 'INC-000001'`);
      await expect(b.tickets.get('INC-000001')).rejects.toThrow(/INC-000001.*severity/);
      await expect(b.tickets.get('INC-000001')).rejects.toMatchObject({ constructor: CorruptTicketError, number: 'INC-000001' });
    });

    it('refuses a schema name that cannot be used safely', async () => {
      await expect(openPostgresDatabase(url, { schema: 'x"; DROP TABLE tickets; --' })).rejects.toThrow(/schema/);
    });
  });
}
