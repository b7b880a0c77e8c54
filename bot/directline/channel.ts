import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type restify from 'restify';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';
import { clientActivity, conversationStart } from './activities.js';
import { CONNECTOR_PATH, registerLocalConnector } from './connector.js';
import { ConversationStore, type Conversation, type ConversationStoreOptions, type DirectLineActivity } from './conversations.js';
import { bearerOf, directLineError, loopbackOrigin, publicOrigin, queryOf, readBody, readJsonObject, Refusal, sendFailure, sendJson } from './http.js';
import type { RateLimiter } from './rate-limit.js';
import { randomId, TokenStore, visitorId, type Grant, type TokenStoreOptions } from './tokens.js';

/*
 * A local Direct Line 3.0 endpoint, for development without a Bot Framework registration: the
 * web chat page (or botframework-directlinejs, or any Direct Line client) talks to it under
 * /v3/directline exactly as it would to directline.botframework.com, and the bot gets the
 * customer's activities through its own /api/messages and the CloudAdapter, as from the real
 * service. Served only in local mode without DIRECT_LINE_SECRET. Everything is in memory and
 * capped (see conversations.ts); a restart forgets every conversation.
 *
 * - POST /tokens/generate `{ user?: { id, name } }` → `{ conversationId, token, expires_in }`
 *   (no secret here: anyone who can reach the bot may chat with it, as with the Emulator)
 * - POST /tokens/refresh → a new token for the same conversation and user
 * - POST /conversations → start the token's conversation: `{ conversationId, token, expires_in, streamUrl }`
 * - GET /conversations/:id?watermark= → the same, with a new stream URL (reconnect)
 * - GET /conversations/:id/activities?watermark= → `{ activities, watermark }` (polling)
 * - POST /conversations/:id/activities → `{ id }`, once the bot has taken the turn
 * - POST /conversations/:id/upload?userId= → multipart: `activity` (JSON) and files, which become
 *   attachments served from /v3/directline/attachments/:id (all files together at most
 *   MAX_ATTACHMENT_BYTES)
 * - WebSocket /conversations/:id/stream?t=<stream ticket>&watermark= → `{ activities, watermark }`
 *   frames, empty frames as keep-alive (the client's own empty frames are ignored)
 *
 * Every call but token generation needs `Authorization: Bearer <token>`: 401 without one, 403
 * when it is unknown, expired or for another conversation (clients treat 403 as "expired"), 404
 * for a conversation that is not (or no longer) there.
 */

export const DIRECT_LINE_PATH = '/v3/directline';

export interface LocalDirectLineOptions {
  logger: Logger;
  /** largest activity body (MAX_BODY_BYTES) */
  maxBodyBytes: number;
  /** largest upload, all files together (MAX_ATTACHMENT_BYTES) */
  maxAttachmentBytes: number;
  /** shared with POST /api/directline/token */
  limiter: RateLimiter;
  /** longest the bot may take over one activity (default 60 s) */
  deliveryTimeoutMs?: number;
  tokens?: TokenStoreOptions;
  conversations?: ConversationStoreOptions;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  expiresIn: number;
  userId: string;
}

export interface LocalDirectLine {
  /** A token for a new conversation (what POST /tokens/generate and the web chat token route hand out). */
  issue(user?: { id?: unknown }): IssuedToken;
  readonly store: ConversationStore;
}

const MAX_SMALL_BODY = 16 * 1024;
/** room for the activity part and the multipart framing, besides the files themselves */
const UPLOAD_OVERHEAD = 64 * 1024;
const USER_ID = /^[\w.:@|-]{1,128}$/;
const SAFE_CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

type Reply = { status: number; body: unknown };

export function registerLocalDirectLine(server: restify.Server, options: LocalDirectLineOptions): LocalDirectLine {
  const { logger, maxBodyBytes, maxAttachmentBytes, limiter } = options;
  const httpServer: Server = server.server;
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 60_000;
  const tokens = new TokenStore(options.tokens);
  const store = new ConversationStore({ maxFileBytes: Math.max(256 * 1024 * 1024, maxAttachmentBytes), ...options.conversations });
  registerLocalConnector(server, { store, logger, maxBodyBytes });

  const issue = (user?: { id?: unknown }): IssuedToken => {
    const requested = user?.id;
    if (requested !== undefined && (typeof requested !== 'string' || !USER_ID.test(requested))) {
      throw directLineError(400, 'BadArgument', 'user.id must be 1 to 128 letters, digits or . : @ | - _');
    }
    const userId = requested ?? visitorId();
    const conversationId = randomId(18);
    const { token, expiresIn } = tokens.issue(conversationId, userId);
    return { conversationId, token, expiresIn, userId };
  };

  /** The bot's own /api/messages, with this server's connector as the serviceUrl. */
  const deliver = async (activity: DirectLineActivity): Promise<void> => {
    const origin = loopbackOrigin(httpServer);
    const res = await fetch(`${origin}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: `${origin}${CONNECTOR_PATH}/` }),
      signal: AbortSignal.timeout(deliveryTimeoutMs),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`the bot answered ${res.status}`);
  };

  /** Hands the bot an activity, after the conversation's earlier ones; a failure is the client's 502. */
  const deliverInTurn = async (conversation: Conversation, activity: DirectLineActivity): Promise<void> => {
    try {
      await conversation.serially(() => deliver(activity));
    } catch (error) {
      logger.warn({ err: error, type: activity.type }, 'direct line: the bot did not take the activity');
      throw directLineError(502, 'BotError', 'the bot could not take the activity');
    }
  };

  const grantOf = (req: IncomingMessage): Grant => {
    const token = bearerOf(req);
    if (token === undefined) throw directLineError(401, 'TokenMissing', 'send the Direct Line token: Authorization: Bearer <token>');
    const check = tokens.check(token);
    if (!check.ok) throw directLineError(403, check.reason === 'expired' ? 'TokenExpired' : 'TokenInvalid', check.reason === 'expired' ? 'the token has expired' : 'the token is not valid');
    return check.grant;
  };

  const conversationOf = (req: restify.Request): { grant: Grant; conversation: Conversation } => {
    const grant = grantOf(req);
    const id = String(req.params?.conversationId ?? '');
    if (grant.conversationId !== id) throw directLineError(403, 'TokenInvalid', 'the token is not valid for this conversation');
    const conversation = store.get(id);
    if (conversation === undefined) throw directLineError(404, 'ConversationNotFound', 'no such conversation: start one with POST /v3/directline/conversations');
    return { grant, conversation };
  };

  const describe = (req: IncomingMessage, grant: Grant, watermark: string | null): Record<string, unknown> => {
    const origin = publicOrigin(req, loopbackOrigin(httpServer));
    const query = new URLSearchParams({ ...(watermark !== null && watermark !== '' && { watermark }), t: tokens.streamTicket(grant.conversationId) });
    return {
      conversationId: grant.conversationId,
      token: bearerOf(req),
      expires_in: tokens.secondsLeft(grant),
      streamUrl: `${origin.ws}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(grant.conversationId)}/stream?${query}`,
    };
  };

  const endpoint =
    (name: string, work: (req: restify.Request) => Promise<Reply>): restify.RequestHandler =>
    async (req, res) => {
      try {
        const reply = await work(req);
        sendJson(res, reply.status, reply.body);
      } catch (error) {
        sendFailure(res, error, logger, 'local Direct Line', { route: name });
      }
    };

  server.post(
    `${DIRECT_LINE_PATH}/tokens/generate`,
    endpoint('tokens/generate', async (req) => {
      const wait = limiter.retryAfter(req);
      if (wait !== null) throw directLineError(429, 'TooManyRequests', 'too many tokens asked for: try again in a minute', { 'retry-after': String(wait) });
      const body = await readJsonObject(req, MAX_SMALL_BODY, true);
      const user = typeof body.user === 'object' && body.user !== null ? (body.user as { id?: unknown }) : undefined;
      const issued = issue(user);
      return { status: 200, body: { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn } };
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/tokens/refresh`,
    endpoint('tokens/refresh', async (req) => {
      const grant = grantOf(req);
      const { token, expiresIn } = tokens.issue(grant.conversationId, grant.userId);
      return { status: 200, body: { conversationId: grant.conversationId, token, expires_in: expiresIn } };
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations`,
    endpoint('conversations', async (req) => {
      const grant = grantOf(req);
      const body = await readJsonObject(req, MAX_SMALL_BODY, true);
      let conversation = store.get(grant.conversationId);
      const started = conversation === undefined;
      if (conversation === undefined) {
        const locale = typeof body.locale === 'string' && body.locale.length <= 35 ? body.locale : undefined;
        conversation = store.create(grant.conversationId, grant.userId, locale);
        // the bot hears that the user joined (and welcomes them) before anything the user says
        const start = conversationStart(conversation);
        void conversation.serially(() => deliver(start)).catch((error: unknown) => logger.warn({ err: error }, 'direct line: the bot did not take the conversation start'));
      }
      return { status: started ? 201 : 200, body: describe(req, grant, null) };
    }),
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:conversationId`,
    endpoint('reconnect', async (req) => {
      const { grant } = conversationOf(req);
      return { status: 200, body: describe(req, grant, queryOf(req).get('watermark')) };
    }),
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    endpoint('get activities', async (req) => {
      const { conversation } = conversationOf(req);
      return { status: 200, body: conversation.after(queryOf(req).get('watermark')) };
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations/:conversationId/activities`,
    endpoint('post activity', async (req) => {
      const { conversation } = conversationOf(req);
      const activity = clientActivity(await readJsonObject(req, maxBodyBytes), conversation);
      // typing goes to the bot only; everything else is also echoed to the client, with its id
      const sent = activity.type === 'typing' ? { ...activity, id: `${conversation.id}|typing-${randomId(6)}` } : store.append(conversation, activity);
      await deliverInTurn(conversation, sent);
      return { status: 200, body: { id: sent.id } };
    }),
  );

  server.post(
    `${DIRECT_LINE_PATH}/conversations/:conversationId/upload`,
    endpoint('upload', async (req) => {
      const { conversation } = conversationOf(req);
      const contentType = req.headers['content-type'] ?? '';
      if (!/^multipart\/form-data\s*;/i.test(contentType)) throw directLineError(415, 'BadArgument', 'send the files as multipart/form-data');
      const tooLarge = (): Refusal => directLineError(413, 'MessageSizeTooBig', `the files are larger than ${maxAttachmentBytes} bytes in all`);
      const bytes = await readBody(req, maxAttachmentBytes + UPLOAD_OVERHEAD, tooLarge);
      let form: FormData;
      try {
        form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      } catch {
        throw directLineError(400, 'BadArgument', 'the body is not valid multipart/form-data');
      }
      let template: Record<string, unknown> = { type: 'message' };
      const files: File[] = [];
      for (const [field, value] of form) {
        if (field === 'activity') template = await activityPart(value);
        else if (typeof value !== 'string') files.push(value);
      }
      if (files.reduce((sum, file) => sum + file.size, 0) > maxAttachmentBytes) throw tooLarge();
      if (template.type !== 'message') throw directLineError(400, 'BadArgument', 'an upload is a message');

      const publicBase = `${publicOrigin(req, loopbackOrigin(httpServer)).http}${DIRECT_LINE_PATH}/attachments`;
      const botBase = `${loopbackOrigin(httpServer)}${DIRECT_LINE_PATH}/attachments`;
      const stored = await Promise.all(
        files.map(async (file) => {
          const type = SAFE_CONTENT_TYPE.test(file.type.split(';')[0] ?? '') ? file.type : 'application/octet-stream';
          return store.addFile(conversation, file.name.slice(0, 255) || 'file', type, Buffer.from(await file.arrayBuffer()));
        }),
      );
      const attachmentsAt = (base: string): Record<string, unknown>[] => stored.map((file) => ({ contentType: file.contentType, contentUrl: `${base}/${file.id}`, name: file.name }));
      // the client gets links it can open (its own origin); the bot gets the same files on loopback, which it may fetch in local mode
      const activity = store.append(conversation, clientActivity({ ...template, attachments: attachmentsAt(publicBase) }, conversation));
      await deliverInTurn(conversation, { ...activity, attachments: attachmentsAt(botBase) });
      return { status: 200, body: { id: activity.id } };
    }),
  );

  server.get(`${DIRECT_LINE_PATH}/attachments/:attachmentId`, async (req: restify.Request, res: restify.Response) => {
    const file = store.file(String(req.params?.attachmentId ?? ''));
    if (file === undefined) {
      sendJson(res, 404, { error: { code: 'NotFound', message: 'no such attachment' } });
      return;
    }
    const disposition = INLINE_TYPES.has(file.contentType) ? 'inline' : 'attachment';
    res.sendRaw(200, file.bytes, {
      'content-type': file.contentType,
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      // the customer chose the bytes and the type: never let them run as a page of this origin
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=3600',
    });
  });

  attachStreams(httpServer, store, tokens, logger);
  return { issue, store };
}

async function activityPart(value: string | File): Promise<Record<string, unknown>> {
  const text = typeof value === 'string' ? value : await value.text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw directLineError(400, 'BadArgument', 'the "activity" part must be a JSON object');
}

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);

/** The WebSocket streams: upgrade requests on /v3/directline/conversations/:id/stream with a valid stream ticket. */
function attachStreams(httpServer: Server, store: ConversationStore, tokens: TokenStore, logger: Logger): void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const refuse = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://directline.invalid');
    const match = STREAM_PATH.exec(url.pathname);
    if (match === null) {
      // someone else's upgrade, or nobody's
      if (httpServer.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(match[1] ?? '');
    } catch {
      refuse(socket, 400, 'Bad Request');
      return;
    }
    if (!tokens.redeemStreamTicket(url.searchParams.get('t'), conversationId)) {
      refuse(socket, 403, 'Forbidden');
      return;
    }
    const conversation = store.get(conversationId);
    if (conversation === undefined) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      store.attach(conversation, ws, url.searchParams.get('watermark'));
      logger.debug({ streams: conversation.sockets.size }, 'direct line: stream opened');
    });
  });

  // open streams would keep server.close() waiting for ever: they end when the server stops
  const close = httpServer.close.bind(httpServer);
  httpServer.close = ((callback?: (error?: Error) => void) => {
    store.closeAll();
    return close(callback);
  }) as Server['close'];
}
