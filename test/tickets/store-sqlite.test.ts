import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../tickets/store/open.js';
import { CorruptTicketError } from '../../tickets/store/rows.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import type { Database } from '../../tickets/store/types.js';
import { sampleNewTicket } from './fixtures.js';
import { describeStoreContract } from './store-contract.js';

const NOW = new Date('2024-05-01T10:00:00.000Z');

/** A fresh SQLite file in its own temp folder; closing the database removes the folder. */
async function openFresh(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'store-sqlite-'));
  const db = openSqliteDatabase(join(dir, 'support.db'));
  return {
    tickets: db.tickets,
    documents: db.documents,
    transcripts: db.transcripts,
    ping: () => db.ping(),
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SQLite', openFresh);

describe('SQLite store specifics', () => {
  let dir: string;
  const opened: Database[] = [];
  const openAt = (file: string): SqliteDatabase => {
    const db = openSqliteDatabase(file);
    opened.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-sqlite-'));
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode with synchronous FULL, a busy timeout and foreign keys', () => {
    const db = openAt(join(dir, 'support.db'));
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('synchronous')).toBe(2);
    expect(db.pragma('busy_timeout')).toBe(5000);
    expect(db.pragma('foreign_keys')).toBe(1);
  });

  it('creates the folder of the file and records the applied migrations', () => {
    const file = join(dir, 'nested', 'deeper', 'support.db');
    openAt(file);
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2, 3]);
    } finally {
      raw.close();
    }
  });

  it('shares one file between two connections: each sees the other’s writes, numbers stay distinct', async () => {
    const file = join(dir, 'support.db');
    const a = openAt(file);
    const b = openAt(file);
    const filed = [];
    for (let i = 0; i < 5; i++) {
      filed.push(await a.tickets.create(sampleNewTicket(), [], [], NOW));
      filed.push(await b.tickets.create(sampleNewTicket(), [], [], NOW));
    }
    filed.push(...(await Promise.all([a, b, a, b].map((db) => db.tickets.create(sampleNewTicket(), [], [], NOW)))));
    const distinct = new Set(filed.map((result) => result.ticket.number));
    expect(distinct.size).toBe(14);
    expect((await a.tickets.list({ limit: 200 })).tickets).toHaveLength(14);
    expect(await b.tickets.get('INC-000001')).toStrictEqual(filed[0]?.ticket);

    const again = await b.tickets.create(sampleNewTicket(), [{ key: 'activity-1' }], [], NOW);
    expect(await a.tickets.create(sampleNewTicket(), [{ key: 'activity-1' }], [], NOW)).toStrictEqual({ ...again, created: false });

    const eTag = (await a.documents.write([{ key: 'conv', value: { step: 1 } }])).get('conv') as string;
    await b.documents.write([{ key: 'conv', value: { step: 2 }, eTag }]);
    expect((await a.documents.read(['conv'])).get('conv')?.value).toEqual({ step: 2 });
  });

  it('keeps everything when the file is opened again', async () => {
    const file = join(dir, 'support.db');
    const first = openAt(file);
    const { ticket } = await first.tickets.create(sampleNewTicket(), [{ key: 'k' }], [{ kind: 'queue_card', target: 'q', payload: {} }], NOW);
    await first.tickets.setQueueChannel({
      queue: 'pci-us',
      conversation: { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversationId: 'c' },
      registeredAt: NOW.toISOString(),
    });
    const eTag = (await first.documents.write([{ key: 'conv', value: { step: 1 } }])).get('conv');
    await first.close();

    const reopened = openAt(file);
    expect(await reopened.tickets.get(ticket.number)).toStrictEqual(ticket);
    expect(await reopened.tickets.pendingOutboxCount()).toBe(1);
    expect(await reopened.tickets.queueChannels()).toHaveLength(1);
    expect((await reopened.documents.read(['conv'])).get('conv')).toStrictEqual({ value: { step: 1 }, eTag });
    expect((await reopened.tickets.create(sampleNewTicket(), [{ key: 'k' }], [], NOW)).created).toBe(false);
    expect((await reopened.tickets.create(sampleNewTicket(), [], [], NOW)).ticket.number).toBe('INC-000002');
  });

  it('reports a corrupt row as an error naming the ticket', async () => {
    const file = join(dir, 'support.db');
    const db = openAt(file);
    await db.tickets.create(sampleNewTicket(), [], [], NOW);
    const raw = new BetterSqlite3(file);
    try {
      raw.prepare(`UPDATE tickets SET body = json_set(body, '$.severity', 9) WHERE number = 'INC-000001'`).run();
    } finally {
      raw.close();
    }
    await expect(db.tickets.get('INC-000001')).rejects.toThrow(/INC-000001.*severity/);
    await expect(db.tickets.get('INC-000001')).rejects.toMatchObject({ constructor: CorruptTicketError, number: 'INC-000001' });
    await expect(db.tickets.list({ limit: 10 })).rejects.toThrow(/INC-000001/);
    await expect(db.tickets.list({ limit: 10 })).rejects.toBeInstanceOf(CorruptTicketError);
  });

  it('is what openDatabase gives without a PostgreSQL URL', async () => {
    const db = await openDatabase({ dataDir: join(dir, 'data') });
    opened.push(db);
    expect(await db.ping()).toBe(true);
    expect(await db.tickets.create(sampleNewTicket(), [], [], NOW)).toMatchObject({ created: true });
    await expect(openDatabase({ databaseUrl: 'mysql://somewhere/db', dataDir: dir })).rejects.toThrow(/postgres:\/\//);
  });
});
