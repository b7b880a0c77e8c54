import type restify from 'restify';
import type { z, ZodError, ZodTypeAny } from 'zod';
import { InvalidTransitionError, MissingAgentError } from '../tickets/lifecycle.js';
import type { ActRequest } from '../tickets/service.js';
import { BadCursorError } from '../tickets/store/cursor.js';
import { TicketNotFoundError, VersionConflictError, type TicketFilter } from '../tickets/store/types.js';
import { actionBodySchema, listQuerySchema, ticketPathSchema, type AgentApiDeps } from './agent-api-types.js';
import { agentOf, requireAgent } from './agent-auth.js';
import type { Logger } from './logger.js';

export type { AgentApiDeps, AgentTicketOperations } from './agent-api-types.js';

/*
 * The agents' REST API: list tickets, read one, act on one. Every answer is JSON, errors
 * included: { "error": <code>, "message"?: string, "details"?: [{ "path", "message" }], ... }.
 * Codes: unauthorized 401, bad_request 400, not_found 404, version_conflict 409,
 * unsupported_media_type 415, payload_too_large 413, invalid_transition 422, internal 500.
 */

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A request the API refuses before the ticket service sees it. */
class RequestRejected extends Error {
  constructor(readonly reply: Reply) {
    super(String(reply.body.message ?? reply.body.error));
    this.name = 'RequestRejected';
  }
}

const badRequest = (message: string, details?: { path: string; message: string }[]): RequestRejected =>
  new RequestRejected({ status: 400, body: { error: 'bad_request', message, ...(details !== undefined && { details }) } });

/** zod's issues as { path, message }; an unknown key has no path of its own, so it is named by the key. */
function rejectInvalid(error: ZodError): RequestRejected {
  const details = error.issues.map((issue) => ({
    path: issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.join('.'),
    message: issue.message,
  }));
  return badRequest(details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message)).join('; '), details);
}

function parseOrReject<S extends ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw rejectInvalid(result.error);
  return result.data;
}

/** Query parameters as a record; a repeated parameter becomes an array, which the schema then refuses. */
function queryOf(req: restify.Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(req.url ?? '/', 'http://agent-api.invalid').searchParams) {
    const earlier = query[key];
    query[key] = earlier === undefined ? value : [earlier, value].flat();
  }
  return query;
}

/**
 * The request body as parsed JSON. Read here rather than by restify's bodyParser so that the
 * token is checked before any body is read, and so that every refusal is this API's JSON.
 */
async function readJsonBody(req: restify.Request, maxBytes: number): Promise<unknown> {
  if (req.getContentType() !== 'application/json') {
    throw new RequestRejected({ status: 415, body: { error: 'unsupported_media_type', message: 'send the body as application/json' } });
  }
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new RequestRejected({ status: 415, body: { error: 'unsupported_media_type', message: `content encoding ${encoding} is not supported: send the body uncompressed` } });
  }
  const tooLarge = new RequestRejected({ status: 413, body: { error: 'payload_too_large', message: `the body is larger than ${maxBytes} bytes` } });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge;
  // a body read earlier (by a server-wide body parser) would leave this wait unanswered for ever
  if (req.readableEnded) throw new Error('the request body was consumed before the agent API could read it');

  const bytes = await new Promise<Buffer | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // past the limit the rest is drained, not kept, so the client still gets the 413
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks)));
    req.once('error', reject);
  });
  if (bytes === null) throw tooLarge;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('the body is not valid UTF-8');
  }
  if (text.trim() === '') throw badRequest('the body is empty: send a JSON object');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}

/** What the client hears about an error; unexpected ones are logged and answered without detail. */
function replyForError(error: unknown, req: restify.Request, logger: Logger): Reply {
  if (error instanceof RequestRejected) return error.reply;
  if (error instanceof BadCursorError) {
    return badRequest('cursor is not one this API handed out: start again without it', [{ path: 'cursor', message: 'not a valid cursor' }]).reply;
  }
  if (error instanceof TicketNotFoundError) return { status: 404, body: { error: 'not_found', message: `ticket ${error.number} does not exist` } };
  if (error instanceof VersionConflictError) {
    return { status: 409, body: { error: 'version_conflict', message: `the ticket changed since version ${error.expected}: reload it and try again`, currentVersion: error.actual } };
  }
  if (error instanceof InvalidTransitionError) return { status: 422, body: { error: 'invalid_transition', message: error.message } };
  if (error instanceof MissingAgentError) return badRequest(error.message, [{ path: 'agent', message: error.message }]).reply;

  const requestId = req.id();
  logger.error({ err: error, requestId, method: req.method, path: req.path() }, 'agent api: request failed');
  return { status: 500, body: { error: 'internal', requestId } };
}

function sendJson(res: restify.Response, reply: Reply): void {
  res.sendRaw(reply.status, JSON.stringify(reply.body), { 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'no-store' });
}

/** A route handler that answers with whatever `work` returns, or with the error's reply. */
function endpoint(logger: Logger, work: (req: restify.Request) => Promise<Reply>): restify.RequestHandler {
  return async (req: restify.Request, res: restify.Response) => {
    let reply: Reply;
    try {
      reply = await work(req);
    } catch (error) {
      reply = replyForError(error, req, logger);
    }
    sendJson(res, reply);
  };
}

/**
 * Adds the agents' REST API to `server`, every route behind a bearer token:
 * - `GET /api/tickets?queue&region&severity&status&limit&cursor` → `{ tickets, nextCursor? }`, newest first
 * - `GET /api/tickets/:number` → the ticket, with evidence and history
 * - `POST /api/tickets/:number/actions` `{ action, agent?, note?, version }` → the updated ticket
 *
 * The routes read their own bodies: `server` must not parse bodies server-wide.
 */
export function registerAgentApi(server: restify.Server, deps: AgentApiDeps): void {
  const { tickets, logger } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const guard = requireAgent(deps.tokens, logger);

  server.get(
    '/api/tickets',
    guard,
    endpoint(logger, async (req) => {
      const query = parseOrReject(listQuerySchema, queryOf(req));
      const filter: TicketFilter = {
        limit: query.limit,
        ...(query.queue !== undefined && { queue: query.queue }),
        ...(query.region !== undefined && { region: query.region }),
        ...(query.severity !== undefined && { severity: query.severity }),
        ...(query.status !== undefined && { status: query.status }),
        ...(query.cursor !== undefined && { cursor: query.cursor }),
      };
      const page = await tickets.list(filter);
      return { status: 200, body: { tickets: page.tickets, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) } };
    }),
  );

  server.get(
    '/api/tickets/:number',
    guard,
    endpoint(logger, async (req) => {
      const { number } = parseOrReject(ticketPathSchema, { number: req.params?.number });
      const ticket = await tickets.get(number);
      if (ticket === undefined) throw new TicketNotFoundError(number);
      return { status: 200, body: ticket };
    }),
  );

  server.post(
    '/api/tickets/:number/actions',
    guard,
    endpoint(logger, async (req) => {
      const { number } = parseOrReject(ticketPathSchema, { number: req.params?.number });
      const body = parseOrReject(actionBodySchema, await readJsonBody(req, maxBodyBytes));
      const request: ActRequest = {
        action: body.action,
        version: body.version,
        ...(body.agent !== undefined && { agent: body.agent }),
        ...(body.note !== undefined && { note: body.note }),
      };
      const ticket = await tickets.act(number, request);
      // the audit trail: who (by token position), what, which ticket; never the note, which may quote the customer's data
      logger.info({ requestId: req.id(), caller: agentOf(req)?.id, ticket: number, action: body.action, version: ticket.version }, 'agent api: action');
      return { status: 200, body: ticket };
    }),
  );
}
