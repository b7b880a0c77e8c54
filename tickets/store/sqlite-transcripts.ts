import type BetterSqlite3 from 'better-sqlite3';
import type { TranscriptTurn } from '../model.js';
import type { TranscriptLine, TranscriptStore } from './types.js';

/** Transcript lines in SQLite, on the conversation-state connection (no sync per commit). */
export class SqliteTranscriptStore implements TranscriptStore {
  private readonly appendLines;
  private readonly readRecent;

  constructor(db: BetterSqlite3.Database) {
    const insert = db.prepare('INSERT INTO transcript_lines (conversation, sender, text, at) VALUES (?, ?, ?, ?)');
    // everything older than the conversation's newest `keep` lines
    const prune = db.prepare(`
      DELETE FROM transcript_lines WHERE conversation = ? AND id <= (
        SELECT id FROM transcript_lines WHERE conversation = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`);
    this.readRecent = db.prepare('SELECT sender, text, at FROM transcript_lines WHERE conversation = ? ORDER BY id DESC LIMIT ?');
    this.appendLines = db.transaction((lines: TranscriptLine[], keep: number) => {
      for (const line of lines) insert.run(line.conversation, line.from, line.text, line.at);
      for (const conversation of new Set(lines.map((line) => line.conversation))) prune.run(conversation, conversation, keep);
    });
  }

  async append(lines: TranscriptLine[], keep: number): Promise<void> {
    if (lines.length) this.appendLines.immediate(lines, keep);
  }

  async recent(conversation: string, limit: number): Promise<TranscriptTurn[]> {
    const rows = this.readRecent.all(conversation, limit) as { sender: TranscriptTurn['from']; text: string; at: string }[];
    return rows.reverse().map((row) => ({ from: row.sender, text: row.text, at: row.at }));
  }
}
