import type { WebSocket } from 'ws';
import { randomId } from './tokens.js';

/*
 * The local Direct Line's memory: each conversation's activities (what the client reads, by
 * watermark), the WebSocket streams open on it, and the files uploaded into it. A local
 * development endpoint, so everything is in memory and capped:
 * - at most `maxConversations` conversations (default 1,000): starting one more forgets the one
 *   idle longest (its streams are closed, its files dropped);
 * - at most `maxActivities` activities kept per conversation (default 500): older ones are no
 *   longer returned, watermarks keep counting;
 * - uploaded files: at most `maxFilesPerConversation` per conversation (default 20) and
 *   `maxFileBytes` in all (default 256 MiB, or one largest upload if that is more), oldest dropped first;
 * - at most `maxSocketsPerConversation` open streams per conversation (default 8; the oldest is closed).
 */

export type DirectLineActivity = Record<string, unknown> & { id?: string; type?: string };

/** One frame on the stream and one answer to GET /activities: `{ activities, watermark }`. */
export interface ActivitySet {
  activities: DirectLineActivity[];
  watermark?: string;
}

export interface StoredFile {
  id: string;
  conversationId: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface ConversationStoreOptions {
  maxConversations?: number;
  maxActivities?: number;
  maxFilesPerConversation?: number;
  maxFileBytes?: number;
  maxSocketsPerConversation?: number;
  /** how often an open stream gets an empty frame, which clients ignore and proxies see as traffic (default 15 s) */
  keepAliveMs?: number;
}

export class Conversation {
  /** the log the client reads; seq is the watermark of the activity */
  readonly entries: { seq: number; activity: DirectLineActivity }[] = [];
  readonly sockets = new Set<WebSocket>();
  readonly files: string[] = [];
  lastSeq = 0;
  private lastTimestamp = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly id: string, readonly userId: string, readonly locale: string | undefined) {}

  /** The watermark after everything in the log (undefined while the log is empty). */
  get watermark(): string | undefined {
    return this.lastSeq === 0 ? undefined : String(this.lastSeq);
  }

  /** A server timestamp, strictly increasing within the conversation (web chat orders by it). */
  nextTimestamp(): string {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return new Date(this.lastTimestamp).toISOString();
  }

  /** The next activity id, in Direct Line's `<conversation>|<sequence>` form. */
  nextActivityId(): string {
    return `${this.id}|${String(this.lastSeq + 1).padStart(7, '0')}`;
  }

  /** Runs `task` after every task queued before it: the bot gets one activity of a conversation at a time, in order. */
  serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The activities after `watermark` (all of them without one). */
  after(watermark: string | null | undefined): ActivitySet {
    const from = Number.parseInt(watermark ?? '', 10);
    const since = Number.isFinite(from) && from > 0 ? from : 0;
    const activities = this.entries.filter((entry) => entry.seq > since).map((entry) => entry.activity);
    const mark = this.watermark;
    return { activities, ...(mark !== undefined && { watermark: mark }) };
  }
}

export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly files = new Map<string, StoredFile>();
  private fileBytes = 0;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly maxFilesPerConversation: number;
  private readonly maxFileBytes: number;
  private readonly maxSockets: number;
  private readonly keepAliveMs: number;

  constructor(options: ConversationStoreOptions = {}) {
    this.maxConversations = options.maxConversations ?? 1000;
    this.maxActivities = options.maxActivities ?? 500;
    this.maxFilesPerConversation = options.maxFilesPerConversation ?? 20;
    this.maxFileBytes = options.maxFileBytes ?? 256 * 1024 * 1024;
    this.maxSockets = options.maxSocketsPerConversation ?? 8;
    this.keepAliveMs = options.keepAliveMs ?? 15_000;
  }

  get size(): number {
    return this.conversations.size;
  }

  /** The conversation, marked as just used. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation !== undefined) {
      // Map order is the order of last use: the first entry is the one idle longest
      this.conversations.delete(id);
      this.conversations.set(id, conversation);
    }
    return conversation;
  }

  /** Starts a conversation, forgetting the one idle longest when full. */
  create(id: string, userId: string, locale?: string): Conversation {
    while (this.conversations.size >= this.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
    const conversation = new Conversation(id, userId, locale);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /**
   * Adds an activity to the log with the next watermark and a server timestamp, and pushes it to
   * the open streams. An activity with an `id` keeps it (an update replaces the earlier version).
   */
  append(conversation: Conversation, activity: DirectLineActivity): DirectLineActivity {
    const stored: DirectLineActivity = { ...activity, id: activity.id ?? conversation.nextActivityId(), timestamp: conversation.nextTimestamp() };
    const seq = ++conversation.lastSeq;
    conversation.entries.push({ seq, activity: stored });
    if (conversation.entries.length > this.maxActivities) conversation.entries.splice(0, conversation.entries.length - this.maxActivities);
    this.push(conversation, { activities: [stored], watermark: String(seq) });
    return stored;
  }

  /** Replaces an activity: the new version goes to the end of the log (and the streams), so readers past the old one see it. */
  replace(conversation: Conversation, id: string, activity: DirectLineActivity): DirectLineActivity | undefined {
    const index = conversation.entries.findIndex((entry) => entry.activity.id === id);
    if (index < 0) return undefined;
    conversation.entries.splice(index, 1);
    return this.append(conversation, { ...activity, id });
  }

  /** Sends an activity to the open streams without keeping it (typing indicators). */
  announce(conversation: Conversation, activity: DirectLineActivity): DirectLineActivity {
    const sent: DirectLineActivity = { ...activity, id: activity.id ?? `${conversation.id}|typing-${randomId(6)}`, timestamp: conversation.nextTimestamp() };
    const watermark = conversation.watermark;
    this.push(conversation, { activities: [sent], ...(watermark !== undefined && { watermark }) });
    return sent;
  }

  /** Attaches an open WebSocket: it gets what came after `watermark` at once, then every new activity. */
  attach(conversation: Conversation, socket: WebSocket, watermark: string | null): void {
    if (conversation.sockets.size >= this.maxSockets) {
      const oldest = conversation.sockets.values().next().value;
      if (oldest !== undefined) {
        conversation.sockets.delete(oldest);
        oldest.close(1000, 'too many streams on this conversation');
      }
    }
    const backlog = conversation.after(watermark);
    if (backlog.activities.length > 0) socket.send(JSON.stringify(backlog));
    conversation.sockets.add(socket);
    const keepAlive = setInterval(() => {
      if (socket.readyState === socket.OPEN) socket.send('');
    }, this.keepAliveMs);
    keepAlive.unref();
    socket.on('close', () => {
      clearInterval(keepAlive);
      conversation.sockets.delete(socket);
    });
    // the client's own frames are keep-alives (empty): nothing to do with them
    socket.on('error', () => socket.terminate());
  }

  /** Keeps an uploaded file; its id goes into the contentUrl. */
  addFile(conversation: Conversation, name: string, contentType: string, bytes: Buffer): StoredFile {
    const file: StoredFile = { id: randomId(24), conversationId: conversation.id, name, contentType, bytes };
    const cap = Math.max(this.maxFileBytes, bytes.length);
    while (this.fileBytes + bytes.length > cap && this.files.size > 0) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.dropFile(oldest);
    }
    while (conversation.files.length >= this.maxFilesPerConversation) {
      const oldest = conversation.files[0];
      if (oldest === undefined) break;
      this.dropFile(oldest);
    }
    this.files.set(file.id, file);
    this.fileBytes += bytes.length;
    conversation.files.push(file.id);
    return file;
  }

  file(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  /** Closes every stream (the server is stopping). */
  closeAll(): void {
    for (const conversation of this.conversations.values()) {
      for (const socket of conversation.sockets) socket.terminate();
      conversation.sockets.clear();
    }
  }

  private push(conversation: Conversation, frame: ActivitySet): void {
    if (conversation.sockets.size === 0) return;
    const text = JSON.stringify(frame);
    for (const socket of conversation.sockets) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  private forget(id: string): void {
    const conversation = this.conversations.get(id);
    this.conversations.delete(id);
    if (conversation === undefined) return;
    for (const socket of conversation.sockets) socket.close(1000, 'conversation ended');
    for (const file of [...conversation.files]) this.dropFile(file);
  }

  private dropFile(id: string): void {
    const file = this.files.get(id);
    if (file === undefined) return;
    this.files.delete(id);
    this.fileBytes -= file.bytes.length;
    const owner = this.conversations.get(file.conversationId);
    if (owner !== undefined) {
      const index = owner.files.indexOf(id);
      if (index >= 0) owner.files.splice(index, 1);
    }
  }
}
