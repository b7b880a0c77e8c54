import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type TurnContext } from 'botbuilder';
import { DocumentStorage } from '../../bot/document-storage.js';
import { OptimisticConversationState } from '../../bot/optimistic-state.js';
import { openSqliteDatabase } from '../../tickets/store/sqlite.js';
import type { Database } from '../../tickets/store/types.js';

/**
 * The property accessors of the conversation state, over a real SQLite file: a default is
 * copied into the state (so a change to it is saved), never shared between turns, and a read
 * without a default changes nothing.
 */
describe('conversation state properties', () => {
  let dir: string;
  let db: Database;
  let state: OptimisticConversationState;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'state-props-'));
    db = openSqliteDatabase(join(dir, 'support.db'));
    state = new OptimisticConversationState(new DocumentStorage(db.documents));
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One turn of the conversation TestAdapter opens, saved at its end as the bot saves. */
  const turn = (adapter: TestAdapter, text: string) => adapter.send(text).startTest();
  const bot = (logic: (context: TurnContext) => Promise<void>) =>
    new TestAdapter(async (context) => {
      await logic(context);
      await state.saveChanges(context);
    });

  it('copies a default in, saves a change made to it, and never shares the default object', async () => {
    const items = state.createProperty<string[]>('items');
    const fallback: string[] = [];
    const seen: string[][] = [];
    const adapter = bot(async (context) => {
      const list = await items.get(context, fallback);
      list.push(context.activity.text!);
      seen.push([...list]);
    });
    await turn(adapter, 'one');
    await turn(adapter, 'two');
    expect(seen).toEqual([['one'], ['one', 'two']]);
    expect(fallback).toEqual([]);
  });

  it('reads nothing and writes nothing when a property is read without a default', async () => {
    const step = state.createProperty<number>('step');
    const key = 'test/conversations/Convo1/';
    let read: number | undefined = 1;
    const adapter = bot(async (context) => {
      read = await step.get(context);
      if (context.activity.text === 'set') await step.set(context, 3);
    });
    await turn(adapter, 'hello');
    expect(read).toBeUndefined();
    expect((await db.documents.read([key])).size).toBe(0);
    // the same conversation's document, once something is set
    await turn(adapter, 'set');
    expect((await db.documents.read([key])).get(key)?.value).toMatchObject({ step: 3 });
  });

  it('sets and deletes a property, each saved for the next turn', async () => {
    const step = state.createProperty<number>('step');
    const values: (number | undefined)[] = [];
    const adapter = bot(async (context) => {
      values.push(await step.get(context));
      if (context.activity.text === 'set') await step.set(context, 2);
      if (context.activity.text === 'delete') await step.delete(context);
    });
    await turn(adapter, 'set');
    await turn(adapter, 'read');
    await turn(adapter, 'delete');
    await turn(adapter, 'read');
    expect(values).toEqual([undefined, 2, 2, undefined]);
  });
});
