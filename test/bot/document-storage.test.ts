import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestAdapter, type TurnContext } from 'botbuilder';
import pg from 'pg';
import { DialogSet, TextPrompt, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { DocumentStorage } from '../../bot/document-storage.js';
import { OptimisticConversationState } from '../../bot/optimistic-state.js';
import { openSqliteDatabase } from '../../tickets/store/sqlite.js';
import { openPostgresDatabase } from '../../tickets/store/postgres.js';
import { ETagConflictError, type Database } from '../../tickets/store/types.js';

/**
 * Conversation state in the database: the botbuilder Storage contract with real eTags, a
 * dialog that resumes after a restart, and two "processes" (two database connections) taking
 * turns of one conversation.
 */

type Opener = () => Promise<{ open: () => Promise<Database>; cleanup: () => Promise<void> }>;

const sqlite: Opener = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'state-'));
  return { open: async () => openSqliteDatabase(join(dir, 'support.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
};

const postgresUrl = process.env.TEST_DATABASE_URL;
const postgres: Opener = async () => {
  const schema = `state_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return {
    open: async () => {
      return openPostgresDatabase(postgresUrl!, { schema, poolSize: 2 });
    },
    cleanup: async () => {
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
};

/** A two-step dialog: asks a name, then a city, then says both. */
function conversation(storage: DocumentStorage) {
  const state = new OptimisticConversationState(storage);
  const dialogState = state.createProperty<DialogState>('dialogState');
  const dialogs = new DialogSet(dialogState);
  dialogs.add(new TextPrompt('text'));
  dialogs.add(
    new WaterfallDialog('ask', [
      async (step) => step.prompt('text', 'Your name?'),
      async (step) => {
        (step.values as Record<string, unknown>).name = step.result;
        return step.prompt('text', 'Your city?');
      },
      async (step) => {
        await step.context.sendActivity(`${String((step.values as Record<string, unknown>).name)} from ${String(step.result)}`);
        return step.endDialog();
      },
    ]),
  );
  const logic = async (context: TurnContext): Promise<void> => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === 'empty') await dc.beginDialog('ask');
    await state.saveChanges(context);
  };
  return logic;
}

const suites: [string, Opener, boolean][] = [
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, Boolean(postgresUrl)],
];

for (const [name, opener, enabled] of suites) {
  const describeIt = enabled ? describe : describe.skip;
  if (!enabled) console.warn(`${name} conversation state: skipped, TEST_DATABASE_URL is not set`);
  describeIt(`${name} conversation state`, () => {
    let env: Awaited<ReturnType<Opener>>;
    const open: Database[] = [];
    const connect = async (): Promise<Database> => {
      const db = await env.open();
      open.push(db);
      return db;
    };

    beforeEach(async () => {
      env = await opener();
    });
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close().catch(() => undefined);
      await env.cleanup();
    });

    test('Storage contract: read, write with eTags, conflicts, "*", delete', async () => {
      const storage = new DocumentStorage((await connect()).documents);
      expect(await storage.read(['a'])).toEqual({});
      const first = { count: 1 };
      await storage.write({ a: first });
      const read1 = await storage.read(['a']);
      expect(read1.a).toMatchObject({ count: 1 });
      const eTag = read1.a.eTag as string;
      expect(typeof eTag).toBe('string');
      await storage.write({ a: { count: 2, eTag } });
      await expect(storage.write({ a: { count: 3, eTag } })).rejects.toBeInstanceOf(ETagConflictError);
      expect((await storage.read(['a'])).a).toMatchObject({ count: 2 });
      await storage.write({ a: { count: 4, eTag: '*' } });
      expect((await storage.read(['a'])).a).toMatchObject({ count: 4 });
      await storage.delete(['a']);
      expect(await storage.read(['a'])).toEqual({});
    });

    test('a dialog resumes where it was after a restart', async () => {
      const before = await connect();
      await new TestAdapter(conversation(new DocumentStorage(before.documents))).send('hi').assertReply('Your name?').send('Ada').assertReply('Your city?');
      await before.close();
      open.splice(open.indexOf(before), 1);

      const after = await connect();
      await new TestAdapter(conversation(new DocumentStorage(after.documents))).send('Zurich').assertReply('Ada from Zurich');
    });

    test('two processes take turns of one conversation', async () => {
      const one = conversation(new DocumentStorage((await connect()).documents));
      const two = conversation(new DocumentStorage((await connect()).documents));
      await new TestAdapter(one).send('hi').assertReply('Your name?');
      await new TestAdapter(two).send('Grace').assertReply('Your city?');
      await new TestAdapter(one).send('Arlington').assertReply('Grace from Arlington');
    });

    test('two saves of one loaded state: the second is refused instead of overwriting the first', async () => {
      const storage = new DocumentStorage((await connect()).documents);
      const state = new OptimisticConversationState(storage);
      const step = state.createProperty<number>('step');
      await new TestAdapter(async (context) => {
        await step.set(context, 1);
        await state.saveChanges(context);
      }).send('first');
      // two turns (as in two processes) load the same version, then both change it and save
      let bothLoaded!: () => void;
      const loaded = new Promise<void>((resolve) => (bothLoaded = resolve));
      let loads = 0;
      const outcomes: unknown[] = [];
      const turn = (value: number) => async (context: TurnContext): Promise<void> => {
        await step.get(context);
        if (++loads === 2) bothLoaded();
        await loaded;
        await step.set(context, value);
        if (value === 3) await new Promise((resolve) => setTimeout(resolve, 50)); // the second writer comes later
        outcomes[value - 2] = await state.saveChanges(context).then(() => 'saved', (error: unknown) => error);
      };
      await Promise.all([new TestAdapter(turn(2)).send('a'), new TestAdapter(turn(3)).send('b')]);
      expect(outcomes[0]).toBe('saved');
      expect(outcomes[1]).toBeInstanceOf(ETagConflictError);
      let stored: number | undefined;
      await new TestAdapter(async (context) => {
        stored = await step.get(context);
      }).send('read');
      expect(stored).toBe(2);
    });
  });
}
