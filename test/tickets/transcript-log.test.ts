import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';
import type { TranscriptLine, TranscriptStore } from '../../tickets/store/types.js';
import { TranscriptLog } from '../../tickets/transcript-log.js';

const line = (conversation: string, n: number): TranscriptLine => ({ conversation, from: 'customer', text: `line ${n}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString() });
const texts = (turns: { text: string }[]) => turns.map((turn) => turn.text);

describe('TranscriptLog', () => {
  let dir: string;
  let file: string;
  let db: SqliteDatabase;
  /** The store the log writes to, counting its batches; its database can be swapped (closed, reopened). */
  let batches: number[];
  let store: TranscriptStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'transcript-log-'));
    file = join(dir, 'support.db');
    db = openSqliteDatabase(file);
    batches = [];
    store = {
      append: (lines, keep) => {
        batches.push(lines.length);
        return db.transcripts.append(lines, keep);
      },
      recent: (conversation, limit) => db.transcripts.recent(conversation, limit),
    };
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the lines of many turns in one batch, in order', async () => {
    const log = new TranscriptLog(store, { keep: 20, flushDelayMs: 5 });
    for (let n = 1; n <= 30; n++) log.append(line(`c${n % 3}`, n));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toEqual([30]);
    expect(texts(await db.transcripts.recent('c1', 20))).toEqual(['line 1', 'line 4', 'line 7', 'line 10', 'line 13', 'line 16', 'line 19', 'line 22', 'line 25', 'line 28']);
    await log.close();
  });

  it('reads lines that are still waiting to be written, after the stored ones', async () => {
    const log = new TranscriptLog(store, { keep: 20, flushDelayMs: 60_000 });
    log.append(line('c', 1));
    await log.flush();
    log.append(line('c', 2));
    log.append(line('other', 3));
    expect(texts(await log.recent('c', 20))).toEqual(['line 1', 'line 2']);
    expect(texts(await log.recent('c', 1))).toEqual(['line 2']);
    expect(batches).toEqual([1]);
    await log.close();
    expect(texts(await db.transcripts.recent('c', 20))).toEqual(['line 1', 'line 2']);
  });

  it('keeps the lines when the database is down and writes them, in order, once it is back', async () => {
    const errors: unknown[] = [];
    const log = new TranscriptLog(store, { keep: 20, flushDelayMs: 60_000, retryDelayMs: 60_000, onError: (error) => errors.push(error) });
    log.append(line('c', 1));
    await db.close();
    await expect(log.flush()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    log.append(line('c', 2));
    db = openSqliteDatabase(file);
    // still readable while waiting
    expect(texts(await log.recent('c', 20))).toEqual(['line 1', 'line 2']);
    await log.flush();
    expect(texts(await db.transcripts.recent('c', 20))).toEqual(['line 1', 'line 2']);
    await log.close();
  });

  it('drops the oldest waiting lines beyond its limit, and says so', async () => {
    const errors: unknown[] = [];
    const log = new TranscriptLog(store, { keep: 20, flushDelayMs: 60_000, maxPending: 3, onError: (error) => errors.push(error) });
    for (let n = 1; n <= 5; n++) log.append(line('c', n));
    expect(errors).toHaveLength(2);
    expect(String(errors[0])).toMatch(/1 transcript lines dropped/);
    await log.close();
    expect(texts(await db.transcripts.recent('c', 20))).toEqual(['line 3', 'line 4', 'line 5']);
  });
});
