import type pg from 'pg';
import type { TranscriptTurn } from '../model.js';
import { inTransaction } from './postgres-transaction.js';
import type { TranscriptLine, TranscriptStore } from './types.js';

/** Transcript lines in PostgreSQL; commits do not wait for the WAL flush, like conversation state. */
export class PostgresTranscriptStore implements TranscriptStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(lines: TranscriptLine[], keep: number): Promise<void> {
    if (lines.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      await client.query('SET LOCAL synchronous_commit = off');
      // one statement for the whole batch, in the order given (ids follow the array order)
      await client.query(
        `INSERT INTO transcript_lines (conversation, sender, text, at)
         SELECT c, s, t, a FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS line(c, s, t, a, n)
         ORDER BY n`,
        [lines.map((line) => line.conversation), lines.map((line) => line.from), lines.map((line) => line.text), lines.map((line) => line.at)],
      );
      await client.query(
        `DELETE FROM transcript_lines AS old USING (
           SELECT id FROM (
             SELECT id, row_number() OVER (PARTITION BY conversation ORDER BY id DESC) AS newest
             FROM transcript_lines WHERE conversation = ANY($1)) AS ranked
           WHERE newest > $2) AS stale
         WHERE old.id = stale.id`,
        [[...new Set(lines.map((line) => line.conversation))], keep],
      );
    });
  }

  async recent(conversation: string, limit: number): Promise<TranscriptTurn[]> {
    const result = await this.pool.query<{ sender: TranscriptTurn['from']; text: string; at: Date }>(
      'SELECT sender, text, at FROM transcript_lines WHERE conversation = $1 ORDER BY id DESC LIMIT $2',
      [conversation, limit],
    );
    return result.rows.reverse().map((row) => ({ from: row.sender, text: row.text, at: row.at.toISOString() }));
  }
}
