import type { TranscriptTurn } from './model.js';
import type { TranscriptLine, TranscriptStore } from './store/types.js';

export interface TranscriptLogOptions {
  /** Lines kept per conversation. */
  keep: number;
  /** How long a line waits for others to share its write (default 10 ms). */
  flushDelayMs?: number;
  /** How long to wait before writing again after a failed write (default 1 s). */
  retryDelayMs?: number;
  /** Lines held while the database cannot be written; the oldest go first beyond it (default 10,000). */
  maxPending?: number;
  /** Told when a write fails or lines had to be dropped (for the log). */
  onError?: (error: unknown) => void;
}

/**
 * The conversations' transcripts, written in batches. A turn hands its lines over and goes on:
 * lines gathered within a few milliseconds share one transaction, so recording costs a turn
 * nothing it waits for, and many turns cost one commit. Reading merges what is stored with
 * what is still waiting, so a ticket filed right after a question still carries it. When the
 * database cannot be written, lines wait in memory (up to `maxPending`) and are written later.
 */
export class TranscriptLog {
  private pending: TranscriptLine[] = [];
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly flushDelayMs: number;
  private readonly retryDelayMs: number;
  private readonly maxPending: number;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly store: TranscriptStore, private readonly options: TranscriptLogOptions) {
    this.flushDelayMs = options.flushDelayMs ?? 10;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxPending = options.maxPending ?? 10_000;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Queues the line for the next batch; never waits and never throws. */
  append(line: TranscriptLine): void {
    this.pending.push(line);
    this.dropBeyondLimit();
    this.schedule(this.flushDelayMs);
  }

  /** The newest `limit` lines of the conversation, oldest first: stored ones, then waiting ones. */
  async recent(conversation: string, limit: number): Promise<TranscriptTurn[]> {
    // a batch being written is in neither place until it lands (or fails and waits again)
    await this.writing?.catch(() => undefined);
    const stored = await this.store.recent(conversation, limit);
    const waiting = this.pending.filter((line) => line.conversation === conversation).map(({ from, text, at }) => ({ from, text, at }));
    return [...stored, ...waiting].slice(-limit);
  }

  /** Writes everything waiting now; rejects when the database refuses it (the lines wait on). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const written = this.store.append(batch, this.options.keep).catch((error: unknown) => {
      // back in front of anything queued since, so the order of lines holds
      this.pending = [...batch, ...this.pending];
      this.dropBeyondLimit();
      this.onError(error);
      this.schedule(this.retryDelayMs);
      throw error;
    });
    this.writing = written.finally(() => {
      this.writing = null;
    });
    await this.writing;
  }

  /** Writes what is waiting and stops: called before the database closes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined); // reported through onError and retried
    }, delayMs);
    // a process with nothing else to do may end; close() writes what waits
    this.timer.unref();
  }

  private dropBeyondLimit(): void {
    const excess = this.pending.length - this.maxPending;
    if (excess <= 0) return;
    this.pending.splice(0, excess);
    this.onError(new Error(`${excess} transcript lines dropped: the database has not accepted writes for a while`));
  }
}
