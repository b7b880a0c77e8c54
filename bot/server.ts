import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import restify from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Logger } from './logger.js';

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
  // parsed on this route only: other routes (the agent API) read their own bodies, after checking their caller
  const parseBody = restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: false });

  server.post('/api/messages', parseBody, async (req, res) => {
    const turnId = randomUUID();
    const started = performance.now();
    const body = req.body as { type?: unknown; channelId?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.status(400);
      res.json({ error: 'the body must be a Bot Framework activity (JSON with a "type")' });
      return;
    }
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

export function listen(server: restify.Server, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve) => server.listen(port, host, () => resolve(server.server)));
}
