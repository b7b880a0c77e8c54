import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A local stand-in for the Bot Connector service (the serviceUrl the bot posts to), speaking the
 * REST calls CloudAdapter makes: create a conversation (in Teams: a new thread of a channel),
 * send or reply to an activity, update an activity, list members. It records every call and can
 * be told to answer the next calls with a failure (429 with Retry-After, 503, 403, ...).
 *
 * In local mode (no MicrosoftAppId) the adapter fetches no token and calls this plain-http URL
 * as is: the recorded calls carry no Authorization header.
 */

export interface ConnectorCall {
  method: string;
  /** the raw path, e.g. /v3/conversations/19%3Aabc%40thread.tacv2/activities */
  path: string;
  /** decoded from the path, when the call names one */
  conversationId?: string;
  activityId?: string;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const json = { 'content-type': 'application/json' };

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly scripted: ScriptedAnswer[] = [];
  private readonly waiters = new Set<() => void>();
  private counter = 0;

  private readonly server: Server = createServer((req, res) => this.receive(req, res));
  private port = 0;

  private constructor() {}

  /** Starts listening on 127.0.0.1 on a free port. */
  static async start(): Promise<FakeConnector> {
    const connector = new FakeConnector();
    await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
    connector.port = (connector.server.address() as AddressInfo).port;
    return connector;
  }

  /** The serviceUrl to put on activities and conversation references (ends with a slash, as Teams' do). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The next `times` calls get this answer instead of the normal one (e.g. 429 with Retry-After: 2). */
  failNext(answer: ScriptedAnswer, times = 1): void {
    for (let i = 0; i < times; i++) this.scripted.push(answer);
  }

  /** Resolves with the first recorded call (past or future) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 5000): Promise<ConnectorCall> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.calls.find(predicate);
        if (found === undefined) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching connector call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none'}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Forgets the recorded calls and any scripted failures still pending. */
  reset(): void {
    this.calls.length = 0;
    this.scripted.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = this.handle(req.method ?? 'GET', req.url ?? '/', text ? safeJson(text) : undefined, req.headers);
      res.writeHead(answer.status, { ...json, ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  }

  private handle(method: string, rawPath: string, body: unknown, headers: IncomingHttpHeaders): ScriptedAnswer {
    const path = rawPath.split('?')[0] ?? rawPath;
    const segments = path.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
    const call: ConnectorCall = { method, path, body, headers };
    if (segments[2] !== undefined) call.conversationId = segments[2];
    if (segments[3] === 'activities' && segments[4] !== undefined) call.activityId = segments[4];
    this.calls.push(call);
    for (const waiter of [...this.waiters]) waiter();
    return this.scripted.shift() ?? this.answer(method, segments, body);
  }

  private answer(method: string, segments: string[], body: unknown): ScriptedAnswer {
    const [version, conversations, conversationId, collection, item] = segments;
    if (version !== 'v3' || conversations !== 'conversations') return { status: 404, body: { error: { code: 'NotFound', message: 'unknown path' } } };
    const n = ++this.counter;
    if (method === 'POST' && conversationId === undefined) {
      // Teams answers a new channel thread with "<channel id>;messageid=<root activity id>"
      const channel = (body as { channelData?: { channel?: { id?: string } } } | undefined)?.channelData?.channel?.id;
      const id = channel !== undefined ? `${channel};messageid=${1700000000000 + n}` : `conversation-${n}`;
      return { status: 201, body: { id, activityId: channel !== undefined ? String(1700000000000 + n) : `activity-${n}` } };
    }
    if (collection === 'activities' && method === 'POST') return { status: 201, body: { id: `activity-${n}` } };
    if (collection === 'activities' && method === 'PUT' && item !== undefined) return { status: 200, body: { id: item } };
    if (collection === 'members' && method === 'GET') return { status: 200, body: item === undefined ? [] : { id: item, name: 'Member' } };
    return { status: 404, body: { error: { code: 'NotFound', message: `${method} not supported here` } } };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
