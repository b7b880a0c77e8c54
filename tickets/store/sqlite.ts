import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { documentValueFrom, jsonText, newETag } from './rows.js';
import { applySqliteMigrations } from './sqlite-schema.js';
import { SqliteTicketStore } from './sqlite-tickets.js';
import { SqliteTranscriptStore } from './sqlite-transcripts.js';
import { ETagConflictError, type Database, type DocumentStore, type StoredDocument } from './types.js';

/** The SQLite database, with a way to read its connection's settings (for tests and diagnostics). */
export interface SqliteDatabase extends Database {
  /** The value of a PRAGMA on this connection, e.g. `pragma('journal_mode')` → 'wal'. */
  pragma(name: string): unknown;
}

/**
 * Opens (creating it and its folder when missing) the SQLite database in `file` and brings
 * its schema up to date. Several processes may open the same file: writes serialize on the
 * file's lock, waiting up to 5 s for each other.
 */
export function openSqliteDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, { timeout: 5000 });
  try {
    db.pragma('busy_timeout = 5000');
    // WAL: readers never block the writer; FULL: a committed ticket survives a power cut
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    applySqliteMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const tickets = new SqliteTicketStore(db);
  // conversation state on a connection of its own without a sync per commit (see
  // DocumentStore in types.ts); an in-memory database has only one connection
  const stateDb = file === ':memory:' ? db : openStateConnection(file);
  const documents = new SqliteDocumentStore(stateDb);
  return {
    tickets,
    documents,
    transcripts: new SqliteTranscriptStore(stateDb),
    async ping() {
      try {
        return db.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (stateDb.open) stateDb.close();
      if (db.open) db.close();
    },
    pragma(name: string) {
      return db.pragma(name, { simple: true });
    },
  };
}

/** A second connection to the same file, for conversation state: WAL (set by the first), NORMAL sync. */
function openStateConnection(file: string): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file, { timeout: 5000 });
  connection.pragma('busy_timeout = 5000');
  connection.pragma('synchronous = NORMAL');
  return connection;
}

/** Conversation state documents; an eTag is compared in the UPDATE itself, so check and write are one step. */
class SqliteDocumentStore implements DocumentStore {
  private readonly readOne;
  private readonly upsert;
  private readonly replaceIfTagged;
  private readonly remove;
  private readonly readKeysTogether;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.readOne = db.prepare('SELECT value, etag FROM documents WHERE key = ?');
    this.upsert = db.prepare(`
      INSERT INTO documents (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`);
    this.replaceIfTagged = db.prepare(
      'UPDATE documents SET value = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?',
    );
    this.remove = db.prepare('DELETE FROM documents WHERE key = ?');
    this.readKeysTogether = db.transaction((keys: string[]) => this.readKeys(keys));
  }

  async read(keys: string[]): Promise<Map<string, StoredDocument>> {
    // one statement is one moment by itself; several are read in one transaction, so that they
    // come from one moment even while another process writes
    return keys.length === 1 ? this.readKeys(keys) : this.readKeysTogether(keys);
  }

  private readKeys(keys: string[]): Map<string, StoredDocument> {
    const found = new Map<string, StoredDocument>();
    for (const key of keys) {
      const row = this.readOne.get(key) as { value: string; etag: string } | undefined;
      if (row !== undefined) found.set(key, { value: documentValueFrom(key, row.value), eTag: row.etag });
    }
    return found;
  }

  async write(changes: { key: string; value: Record<string, unknown>; eTag?: string }[]): Promise<Map<string, string>> {
    return this.db
      .transaction(() => {
        const eTags = new Map<string, string>();
        const now = new Date().toISOString();
        for (const change of changes) {
          const eTag = newETag();
          const value = jsonText(change.value);
          if (change.eTag === undefined || change.eTag === '*') {
            this.upsert.run(change.key, value, eTag, now);
          } else if (this.replaceIfTagged.run(value, eTag, now, change.key, change.eTag).changes === 0) {
            throw new ETagConflictError(change.key);
          }
          eTags.set(change.key, eTag);
        }
        return eTags;
      })
      .immediate();
  }

  async delete(keys: string[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const key of keys) this.remove.run(key);
      })
      .immediate();
  }
}
