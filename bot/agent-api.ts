import type restify from 'restify';
import { z, type ZodError, type ZodTypeAny } from 'zod';
import { InvalidTransitionError, LIFECYCLE_ACTIONS, MissingAgentError } from '../tickets/lifecycle.js';
import { regionSchema, statusSchema, ticketNumberSchema, type Severity, type Ticket } from '../tickets/model.js';
import type { ActRequest } from '../tickets/service.js';
import { BadCursorError } from '../tickets/store/cursor.js';
import { TicketNotFoundError, VersionConflictError, type TicketFilter, type TicketPage } from '../tickets/store/types.js';
import { agentOf, requireAgent } from './agent-auth.js';
import type { Logger } from './logger.js';
import { ClientGone, readBoundedBody } from './request-body.js';

/*
 * The agents' REST API: list tickets, read one, act on one. Every answer is JSON, errors
 * included: { "error": <code>, "message"?: string, "details"?: [{ "path", "message" }], ... }.
 * Codes: unauthorized 401, bad_request 400, not_found 404, method_not_allowed 405,
 * version_conflict 409, unsupported_media_type 415, payload_too_large 413, invalid_transition 422,
 * internal 500. Every request is checked against the schemas below before the service sees it.
 */

/** The part of TicketService the agent API uses (tests may hand in their own). */
export interface AgentTicketOperations {
  get(number: string): Promise<Ticket | undefined>;
  list(filter: TicketFilter): Promise<TicketPage>;
  /** @throws TicketNotFoundError, VersionConflictError, InvalidTransitionError, MissingAgentError */
  act(number: string, request: ActRequest): Promise<Ticket>;
}

export interface AgentApiDeps {
  tickets: AgentTicketOperations;
  /** AGENT_API_TOKENS; empty: every call is refused */
  tokens: string[];
  logger: Logger;
  /** largest action body accepted; an action is a few hundred bytes, so the default is 16 KiB */
  maxBodyBytes?: number;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_NOTE_LENGTH = 2000;
const severityMessage = 'severity is a number from 1 (critical) to 4 (low)';
const limitMessage = `limit is a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** Query of GET /api/tickets. Unknown parameters are refused: a misspelt filter would otherwise silently list everything. */
const listQuerySchema = z
  .object({
    queue: z.string().min(1, 'queue must not be empty').max(100).optional(),
    region: regionSchema.optional(),
    severity: z.coerce
      .number({ invalid_type_error: severityMessage })
      .int(severityMessage)
      .min(1, severityMessage)
      .max(4, severityMessage)
      .transform((value) => value as Severity)
      .optional(),
    status: statusSchema.optional(),
    limit: z.coerce.number({ invalid_type_error: limitMessage }).int(limitMessage).min(1, limitMessage).max(MAX_PAGE_SIZE, limitMessage).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().min(1, 'cursor must not be empty').max(1000).optional(),
  })
  .strict();

/** The route's parameters: agents type numbers by hand, so inc-000123 is accepted too. */
const ticketPathSchema = z.object({
  number: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(ticketNumberSchema),
});

/** Body of POST /api/tickets/:number/actions. */
const actionBodySchema = z
  .object({
    action: z.enum(LIFECYCLE_ACTIONS),
    /** who does it; required for assign (the new assignee), since a token names nobody */
    agent: z.string().trim().min(1, 'agent must not be empty').max(200).optional(),
    note: z.string().max(MAX_NOTE_LENGTH, `note is at most ${MAX_NOTE_LENGTH} characters`).optional(),
    version: z
      .number({ required_error: 'version is required: the ticket version you last saw', invalid_type_error: 'version is a positive whole number' })
      .int('version is a positive whole number')
      .positive('version is a positive whole number'),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.action === 'assign' && body.agent === undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['agent'], message: 'agent is required to assign a ticket: the name of the new assignee' });
    }
  });

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
  const bytes = await readBoundedBody(req, maxBytes);
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

function sendJson(res: restify.Response, reply: Reply, headers: Record<string, string> = {}): void {
  res.sendRaw(reply.status, JSON.stringify(reply.body), { 'content-type': JSON_CONTENT_TYPE, 'cache-control': 'no-store', ...headers });
}

/** A route handler that answers with whatever `work` returns, or with the error's reply. */
function endpoint(logger: Logger, work: (req: restify.Request) => Promise<Reply>): restify.RequestHandler {
  return async (req: restify.Request, res: restify.Response) => {
    let reply: Reply;
    try {
      reply = await work(req);
    } catch (error) {
      if (error instanceof ClientGone) {
        logger.warn({ requestId: req.id(), method: req.method, path: req.path() }, 'agent api: the client aborted its upload');
        return;
      }
      reply = replyForError(error, req, logger);
    }
    sendJson(res, reply);
  };
}

/**
 * The router's own 404 and 405 for paths under /api/tickets, in this API's format instead of
 * restify's. They come before any route's handlers, so before the token check: they say only what
 * the documented route table says (which methods a path has), nothing about tickets.
 */
function answerRouteErrors(server: restify.Server): void {
  const isApiPath = (path: string): boolean => path === '/api/tickets' || path.startsWith('/api/tickets/');
  server.on('MethodNotAllowed', (req: restify.Request, res: restify.Response, _err: Error, callback: () => void) => {
    if (isApiPath(req.path())) {
      // restify has set Allow from the route table
      const allow = String(res.getHeader('allow') ?? '');
      sendJson(res, { status: 405, body: { error: 'method_not_allowed', message: `${req.method} is not allowed here; use ${allow}` } }, { allow });
    }
    callback();
  });
  server.on('NotFound', (req: restify.Request, res: restify.Response, _err: Error, callback: () => void) => {
    if (isApiPath(req.path())) sendJson(res, { status: 404, body: { error: 'not_found', message: 'no such endpoint in the agents API' } });
    callback();
  });
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
  answerRouteErrors(server);

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
