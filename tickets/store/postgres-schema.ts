import type pg from 'pg';

/**
 * The PostgreSQL schema as numbered migrations. A migration once released is never edited: a
 * change is a new entry, so every database reaches the same schema by the same steps.
 */
const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tickets, idempotency keys, outbox, queue channels, documents',
    sql: `
      -- numbers come from a sequence: unique across processes without locking the table
      CREATE SEQUENCE ticket_seq;
      CREATE TABLE tickets (
        number text PRIMARY KEY,
        seq bigint NOT NULL UNIQUE,
        status text NOT NULL,
        severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
        region text NOT NULL,
        queue text NOT NULL,
        customer_channel text NOT NULL,
        customer_user_id text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX tickets_newest ON tickets (created_at DESC, seq DESC);
      CREATE INDEX tickets_by_queue ON tickets (queue, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_region ON tickets (region, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_severity ON tickets (severity, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_status ON tickets (status, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_customer ON tickets (customer_channel, customer_user_id, created_at DESC, seq DESC);

      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        ticket_number text NOT NULL REFERENCES tickets (number),
        expires_at timestamptz
      );

      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_number text NOT NULL REFERENCES tickets (number),
        kind text NOT NULL CHECK (kind IN ('queue_card', 'webhook', 'customer_notice')),
        target jsonb NOT NULL,
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        dead boolean NOT NULL DEFAULT false
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE NOT dead;

      CREATE TABLE queue_channels (
        queue text PRIMARY KEY,
        conversation jsonb NOT NULL,
        registered_at timestamptz NOT NULL
      );

      CREATE TABLE documents (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        etag text NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'outbox by ticket',
    // claimOutbox asks, per due message, whether an older live message of the same ticket exists
    sql: 'CREATE INDEX outbox_by_ticket ON outbox (ticket_number, id) WHERE NOT dead;',
  },
  {
    version: 3,
    name: 'transcript lines',
    // appended in batches; a conversation's lines are read and pruned newest first by id
    sql: `
      CREATE TABLE transcript_lines (
        id bigserial PRIMARY KEY,
        conversation text NOT NULL,
        sender text NOT NULL CHECK (sender IN ('customer', 'bot')),
        text text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX transcript_by_conversation ON transcript_lines (conversation, id);
    `,
  },
];

/** A schema name safe to splice into SQL and into the connection's search_path option. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Brings the database (or `schema` in it, created when missing) to the newest schema. An
 * advisory lock makes processes that start together take turns, so each migration runs once;
 * each migration is its own transaction, so a failed one leaves the previous state.
 */
export async function applyPostgresMigrations(client: pg.PoolClient, schema: string | undefined): Promise<void> {
  const lockName = `cloud-support-bot:migrations:${schema ?? 'default'}`;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
  try {
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
  }
}
