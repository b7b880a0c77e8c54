import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { evidenceOptions } from '../../bot/evidence-options.js';
import { createLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import type { IncidentKnowledge } from '../../dialogs/ports.js';
import type { QuestionAnswerer } from '../../dialogs/routes.js';
import { DEFAULT_ROUTING } from '../../tickets/routing.js';
import { openSqliteDatabase, type SqliteDatabase } from '../../tickets/store/sqlite.js';

/*
 * The whole bot over real HTTP on loopback, as main.ts wires it (local mode, a SQLite file of
 * its own in a temp folder), and a customer that talks to it with `deliveryMode: expectReplies`.
 */

export interface RunningBot {
  url: string;
  app: App;
  db: SqliteDatabase;
  /** The SQLite file, for reading what was stored directly. */
  databaseFile: string;
  /** Stops the server and the notifier, closes the database and removes the temp folder. */
  close(): Promise<void>;
}

export async function startBot(env: Record<string, string>, knowledge: QuestionAnswerer & IncidentKnowledge): Promise<RunningBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-e2e-'));
  const db = openSqliteDatabase(join(dataDir, 'support.db'));
  const config = parseConfig({ LOG_LEVEL: 'silent', ...env });
  const evidence = evidenceOptions(config);
  const logger = createLogger(config.LOG_LEVEL);
  const app = buildApp({ config, logger, database: db, routing: DEFAULT_ROUTING, webhookSecrets: {}, knowledge: () => knowledge, evidence });
  await listen(app.server, 0, '127.0.0.1');
  const { port } = app.server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    databaseFile: join(dataDir, 'support.db'),
    async close() {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await app.notifier.stop();
      await app.transcripts.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Activity = Record<string, unknown> & { text?: string; attachments?: { contentType?: string; content?: unknown }[] };

export interface Turn {
  status: number;
  activities: Activity[];
  /** what each reply shows: its text, its cards' fallback and body text, its buttons */
  texts: string[];
  /** every reply's text, one after the other */
  all: string;
  /** the text of the last reply (the question the bot is waiting on) */
  last: string;
}

/** What a reply shows a customer: text, Adaptive Card fallback and TextBlocks and facts, button titles. */
export function visibleText(activity: Activity): string {
  const parts: string[] = [activity.text ?? ''];
  for (const attachment of activity.attachments ?? []) {
    const card = attachment.content as { fallbackText?: string; body?: { text?: string; facts?: { title: string; value: string }[] }[] } | undefined;
    if (card?.fallbackText) parts.push(card.fallbackText);
    for (const block of card?.body ?? []) {
      if (block.text) parts.push(block.text);
      for (const fact of block.facts ?? []) parts.push(`${fact.title}: ${fact.value}`);
    }
  }
  const actions = (activity.suggestedActions as { actions?: { title?: string }[] } | undefined)?.actions ?? [];
  parts.push(...actions.map((action) => `[${action.title ?? ''}]`));
  // a card's fallback repeats the text: each part once
  return [...new Set(parts.filter(Boolean))].join('\n');
}

/** One customer in one conversation, posting to /api/messages; `serviceUrl` is where proactive notices go. */
export class Customer {
  readonly conversationId = `e2e-${randomUUID()}`;
  readonly user = { id: `customer-${randomUUID().slice(0, 8)}`, name: 'Customer' };

  constructor(private readonly botUrl: string, private readonly serviceUrl: string) {}

  /** Sends a message (text, or fields such as attachments); every message gets an id of its own unless given one. */
  async send(message: string | Record<string, unknown>, id: string = randomUUID()): Promise<Turn> {
    const fields = typeof message === 'string' ? { text: message } : message;
    const body = {
      type: 'message',
      id,
      channelId: 'webchat',
      serviceUrl: this.serviceUrl,
      from: this.user,
      recipient: { id: 'bot', name: 'Support Bot' },
      conversation: { id: this.conversationId },
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      ...fields,
    };
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const raw = await res.text();
    const activities = ((raw ? JSON.parse(raw) : {}) as { activities?: Activity[] }).activities ?? [];
    const texts = activities.map(visibleText);
    return { status: res.status, activities, texts, all: texts.join('\n---\n'), last: texts[texts.length - 1] ?? '' };
  }

  /**
   * Answers the bot's questions until a reply matches `until`: each turn's last reply is matched
   * against `answers` in order and the first match's answer is sent. Returns every turn, first included.
   */
  async converse(first: string, answers: [RegExp, string | Record<string, unknown>][], until: RegExp, maxTurns = 12): Promise<Turn[]> {
    const turns = [await this.send(first)];
    for (let i = 0; i < maxTurns; i++) {
      const turn = turns[turns.length - 1]!;
      if (until.test(turn.all)) return turns;
      const answer = answers.find(([question]) => question.test(turn.last))?.[1];
      if (answer === undefined) throw new Error(`no answer for the bot's question:\n${turn.all}`);
      turns.push(await this.send(answer));
    }
    throw new Error(`never reached ${until}; last replies:\n${turns[turns.length - 1]!.all}`);
  }
}

/** The agents' REST API with a bearer token. */
export async function agentCall(url: string, token: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The number of the ticket a turn filed ("Filed INC-000123 …"); throws with the replies when none was. */
export function ticketNumberIn(turn: Turn): string {
  const number = /Filed (INC-\d+)/.exec(turn.all)?.[1];
  if (number === undefined) throw new Error(`no ticket was filed:\n${turn.all}`);
  return number;
}
