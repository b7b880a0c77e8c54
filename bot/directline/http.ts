import type { IncomingMessage, Server } from 'node:http';
import type restify from 'restify';
import type { Logger } from '../logger.js';
import { ClientGone, readBoundedBody } from '../request-body.js';

/** Small HTTP helpers shared by the Direct Line routes (they read their own bodies, after checking the caller). */

/** A request refused with a status and a JSON body. */
export class Refusal extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>, readonly headers: Record<string, string> = {}) {
    super(`refused with ${status}`);
    this.name = 'Refusal';
  }
}


/** Direct Line's error shape: `{ error: { code, message } }`. */
export function directLineError(status: number, code: string, message: string, headers: Record<string, string> = {}): Refusal {
  return new Refusal(status, { error: { code, message } }, headers);
}

export function sendJson(res: restify.Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.sendRaw(status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
}

/**
 * The answer of a route that threw: nothing when the client went away, the refusal's own status
 * and body, or else a 500 naming `service` (logged with `details`, never shown to the client).
 */
export function sendFailure(res: restify.Response, error: unknown, logger: Pick<Logger, 'error'>, service: string, details: Record<string, unknown>): void {
  if (error instanceof ClientGone) return;
  if (error instanceof Refusal) {
    sendJson(res, error.status, error.body, error.headers);
    return;
  }
  logger.error({ err: error, ...details }, `${service}: request failed`);
  sendJson(res, 500, { error: { code: 'ServiceError', message: `the ${service} failed` } });
}

/** The raw body, at most `maxBytes` (413 beyond, the rest drained so that the client hears it). */
export async function readBody(req: IncomingMessage, maxBytes: number, tooLarge: () => Refusal): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') throw directLineError(415, 'BadArgument', 'send the body uncompressed');
  const bytes = await readBoundedBody(req, maxBytes);
  if (bytes === null) throw tooLarge();
  return bytes;
}

/** A JSON object body; an empty body is `{}` when `optional`. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number, optional = false): Promise<Record<string, unknown>> {
  const bytes = await readBody(req, maxBytes, () => directLineError(413, 'MessageSizeTooBig', `the body is larger than ${maxBytes} bytes`));
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    if (optional) return {};
    throw directLineError(400, 'BadArgument', 'the body is empty: send a JSON object');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw directLineError(400, 'BadArgument', 'the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw directLineError(400, 'BadArgument', 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://directline.invalid').searchParams;
}

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin the client used to reach the bot (its Host header, and X-Forwarded-Proto behind a
 * TLS proxy): where the web page's stream URL and attachment links must point. Anything that is
 * not a plain host falls back to the bot's loopback address.
 */
export function publicOrigin(req: IncomingMessage, fallback: string): { http: string; ws: string } {
  const host = req.headers.host;
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  const secure = proto === 'https';
  if (typeof host !== 'string' || !HOST.test(host)) {
    return { http: fallback, ws: fallback.replace(/^http/, 'ws') };
  }
  return { http: `${secure ? 'https' : 'http'}://${host}`, ws: `${secure ? 'wss' : 'ws'}://${host}` };
}

/**
 * The bot's own address on loopback, as it listens now: known only after listen() (tests listen
 * on port 0), so it is asked for each time it is needed rather than fixed when routes are set up.
 */
export function loopbackOrigin(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const any = address.address === '0.0.0.0' || address.address === '::';
  const host = any ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Whether a request comes from this machine (the adapter calling the local connector does). */
export function fromLoopback(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? '';
  return remote === '::1' || remote.startsWith('127.') || remote.startsWith('::ffff:127.');
}
