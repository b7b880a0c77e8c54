import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import restify from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Logger } from './logger.js';
import { ClientGone, readBoundedBody } from './request-body.js';

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: Pick<ActivityHandler, 'run'>;
  logger: Logger;
  maxBodyBytes: number;
  /** GET /healthz answers 200 only once this says so. */
  isReady: () => boolean;
}

/**
 * The HTTP edge: `POST /api/messages` into the adapter and `GET /healthz`. Everything else
 * about a turn happens behind the adapter.
 */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({ name: 'support-bot', handleUncaughtExceptions: false });

  // every route reads its own body (the agent API after checking its caller); there is no server-wide parser
  server.post('/api/messages', async (req, res) => {
    const turnId = randomUUID();
    const started = performance.now();
    const read = await readActivity(req, options.maxBodyBytes);
    if (read === null) return; // the client went away: nobody to answer
    if ('refused' in read) {
      logger.warn({ path: req.path(), status: read.status }, 'request rejected');
      res.status(read.status);
      res.json({ error: read.refused });
      return;
    }
    const body = read.activity;
    // the adapter reads the activity from the request, as a body parser would have left it
    (req as { body?: unknown }).body = body;
    try {
      // restify's request satisfies the adapter's structural Request type; only optional-property strictness differs
      await adapter.process(req as never, res as never, (context) => bot.run(context));
    } finally {
      logger.info({ turnId, type: body.type, channelId: body.channelId, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'turn');
    }
  });

  server.get('/healthz', async (_req, res) => {
    // asked once: the status code and the body must agree even if readiness changes in between
    const ready = options.isReady();
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ok' : 'starting' });
  });

  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
    // malformed JSON and oversized bodies: a clear status, never a stack trace
    logger.warn({ path: req.path(), status: err.statusCode, reason: err.name }, 'request rejected');
    callback();
  });
  return server;
}

type ActivityRead = { activity: { type: string; channelId?: unknown } } | { status: number; refused: string } | null;

/** The activity a channel posted; or why it is refused; or null when the client went away. */
async function readActivity(req: restify.Request, maxBytes: number): Promise<ActivityRead> {
  let bytes: Buffer | null;
  try {
    bytes = await readBoundedBody(req, maxBytes);
  } catch (error) {
    if (error instanceof ClientGone) return null;
    throw error;
  }
  if (bytes === null) return { status: 413, refused: `the body is larger than ${maxBytes} bytes` };
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { status: 400, refused: 'the body is not valid JSON' };
  }
  if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
    return { status: 400, refused: 'the body must be a Bot Framework activity (JSON with a "type")' };
  }
  return { activity: body as { type: string; channelId?: unknown } };
}

export function listen(server: restify.Server, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve) => server.listen(port, host, () => resolve(server.server)));
}
