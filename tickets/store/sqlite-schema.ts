import type BetterSqlite3 from 'better-sqlite3';

/**
 * The SQLite schema as numbered migrations. A migration once released is never edited: a
 * change is a new entry, so every database reaches the same schema by the same steps.
 *
 * Times are ISO text from Date.toISOString(): one fixed-width spelling, so text order is time
 * order. Tables are STRICT so a wrong type is refused instead of silently stored.
 */
const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tickets, idempotency keys, outbox, queue channels, documents',
    sql: `
      CREATE TABLE tickets (
        number TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        status TEXT NOT NULL,
        severity INTEGER NOT NULL,
        region TEXT NOT NULL,
        queue TEXT NOT NULL,
        customer_channel TEXT NOT NULL,
        customer_user_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX tickets_newest ON tickets (created_at DESC, seq DESC);
      CREATE INDEX tickets_by_queue ON tickets (queue, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_region ON tickets (region, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_severity ON tickets (severity, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_status ON tickets (status, created_at DESC, seq DESC);
      CREATE INDEX tickets_by_customer ON tickets (customer_channel, customer_user_id, created_at DESC, seq DESC);

      CREATE TABLE idempotency_keys (
        key TEXT PRIMARY KEY,
        ticket_number TEXT NOT NULL REFERENCES tickets (number),
        expires_at TEXT
      ) STRICT;

      -- AUTOINCREMENT: a delivered message's id is never given to a new one, so a late
      -- completeOutbox from a slow notifier cannot remove somebody else's message
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_number TEXT NOT NULL REFERENCES tickets (number),
        kind TEXT NOT NULL CHECK (kind IN ('queue_card', 'webhook', 'customer_notice')),
        target TEXT NOT NULL CHECK (json_valid(target)),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        dead INTEGER NOT NULL DEFAULT 0 CHECK (dead IN (0, 1))
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE dead = 0;

      CREATE TABLE queue_channels (
        queue TEXT PRIMARY KEY,
        conversation TEXT NOT NULL CHECK (json_valid(conversation)),
        registered_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        etag TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'outbox by ticket',
    // claimOutbox asks, per due message, whether an older live message of the same ticket exists
    sql: 'CREATE INDEX outbox_by_ticket ON outbox (ticket_number, id) WHERE dead = 0;',
  },
  {
    version: 3,
    name: 'transcript lines',
    // appended in batches; a conversation's lines are read and pruned newest first by id
    sql: `
      CREATE TABLE transcript_lines (
        id INTEGER PRIMARY KEY,
        conversation TEXT NOT NULL,
        sender TEXT NOT NULL CHECK (sender IN ('customer', 'bot')),
        text TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transcript_by_conversation ON transcript_lines (conversation, id);
    `,
  },
];

/**
 * Brings the database to the newest schema. Runs in one BEGIN IMMEDIATE transaction, so two
 * processes opening the same new file at once apply each migration exactly once.
 */
export function applySqliteMigrations(db: BetterSqlite3.Database): void {
  const migrate = db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  migrate.immediate();
}
