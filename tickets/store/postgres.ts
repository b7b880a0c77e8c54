import pg from 'pg';
import { applyPostgresMigrations, SCHEMA_NAME } from './postgres-schema.js';
import { PostgresTicketStore } from './postgres-tickets.js';
import { PostgresTranscriptStore } from './postgres-transcripts.js';
import { inTransaction } from './postgres-transaction.js';
import { documentValueFrom, jsonText, newETag } from './rows.js';
import { ETagConflictError, type Database, type DocumentStore, type StoredDocument } from './types.js';

/**
 * Connects to PostgreSQL at `url` and brings the schema up to date before returning.
 * `schema` keeps everything in that schema (created when missing; tests use one each);
 * `poolSize` caps the connections this process holds (default 10).
 */
export async function openPostgresDatabase(url: string, options: { schema?: string; poolSize?: number } = {}): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema "${schema}" must be lower-case letters, digits and _ (at most 63)`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // set at connection start, so every pooled connection, however made, works in the schema
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that the server drops must not crash the process; the pool replaces
  // it, the next query reconnects, and ping() reports the database when it is really down.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await applyPostgresMigrations(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  let closed = false;
  return {
    tickets: new PostgresTicketStore(pool),
    documents: new PostgresDocumentStore(pool),
    transcripts: new PostgresTranscriptStore(pool),
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Conversation state documents; an eTag is compared in the UPDATE itself, so check and write are one step. */
class PostgresDocumentStore implements DocumentStore {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    if (keys.length === 0) return found;
    const result = await this.pool.query<{ key: string; value: unknown; etag: string }>(
      'SELECT key, value, etag FROM documents WHERE key = ANY($1)',
      [keys],
    );
    for (const row of result.rows) found.set(row.key, { value: documentValueFrom(row.key, row.value), eTag: row.etag });
    return found;
  }

  async write(changes: { key: string; value: Record<string, unknown>; eTag?: string }[]): Promise<Map<string, string>> {
    return inTransaction(this.pool, async (client) => {
      // conversation state is saved on every turn; it does not wait for the WAL flush (see
      // DocumentStore in types.ts). Tickets and the outbox keep synchronous commits.
      await client.query('SET LOCAL synchronous_commit = off');
      const eTags = new Map<string, string>();
      for (const change of changes) {
        const eTag = newETag();
        const value = jsonText(change.value);
        if (change.eTag === undefined || change.eTag === '*') {
          await client.query(
            `INSERT INTO documents (key, value, etag, updated_at) VALUES ($1, $2, $3, now())
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
            [change.key, value, eTag],
          );
        } else {
          const result = await client.query(
            'UPDATE documents SET value = $2, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4',
            [change.key, value, eTag, change.eTag],
          );
          if (result.rowCount === 0) throw new ETagConflictError(change.key);
        }
        eTags.set(change.key, eTag);
      }
      return eTags;
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.pool.query('DELETE FROM documents WHERE key = ANY($1)', [keys]);
  }
}
