import type restify from 'restify';
import type { Logger } from '../logger.js';
import { sendJson } from './http.js';
import type { RateLimiter } from './rate-limit.js';
import { visitorId } from './tokens.js';

/*
 * POST /api/directline/token: what the web chat page calls for a Direct Line token. With
 * DIRECT_LINE_SECRET the bot exchanges the secret with the Direct Line service (the secret goes
 * only to that service, in a header, and never into an answer or a log); without it the local
 * Direct Line issues the token. Either way the answer is `{ token, userId, expiresIn? }`: the user
 * id is `dl_` and a random part, bound into the token so that the page cannot choose it.
 */

export const TOKEN_ROUTE = '/api/directline/token';

export interface WebChatToken {
  token: string;
  userId: string;
  expiresIn?: number;
}

/** Hands out one token; throws when it cannot. */
export type TokenSource = () => Promise<WebChatToken>;

/** The Direct Line service did not give a token; the message names the reason, never the secret. */
export class TokenServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenServiceError';
  }
}

export interface ServiceTokenOptions {
  secret: string;
  /** the service's base URL, e.g. https://directline.botframework.com */
  endpoint: string;
  timeoutMs?: number;
}

/** Tokens from the Direct Line service: POST <endpoint>/v3/directline/tokens/generate with the secret. */
export function serviceTokens(options: ServiceTokenOptions): TokenSource {
  const base = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
  const url = new URL('v3/directline/tokens/generate', base);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async () => {
    const userId = visitorId();
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        // the secret must not follow a redirect anywhere
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      throw new TokenServiceError(name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the service could not be reached');
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new TokenServiceError(`the service answered ${res.status}`);
    }
    const body = (await res.json().catch(() => null)) as { token?: unknown; expires_in?: unknown } | null;
    if (typeof body?.token !== 'string' || body.token === '') throw new TokenServiceError('the service answered without a token');
    return { token: body.token, userId, ...(typeof body.expires_in === 'number' && { expiresIn: body.expires_in }) };
  };
}

export interface TokenEndpointOptions {
  /** null: web chat is not available (neither a secret nor the local Direct Line) */
  source: TokenSource | null;
  limiter: RateLimiter;
  logger: Logger;
}

export function registerTokenEndpoint(server: restify.Server, options: TokenEndpointOptions): void {
  const { source, limiter, logger } = options;
  server.post(TOKEN_ROUTE, async (req: restify.Request, res: restify.Response) => {
    const wait = limiter.retryAfter(req);
    if (wait !== null) {
      sendJson(res, 429, { error: 'too many token requests: try again in a minute' }, { 'retry-after': String(wait) });
      return;
    }
    if (source === null) {
      sendJson(res, 503, { error: 'web chat is not set up: set DIRECT_LINE_SECRET (the local Direct Line runs only in local mode)' });
      return;
    }
    try {
      const token = await source();
      sendJson(res, 200, token);
    } catch (error) {
      const reason = error instanceof TokenServiceError ? error.message : error instanceof Error ? error.name : 'unknown';
      logger.warn({ reason }, 'direct line: no web chat token');
      sendJson(res, 502, { error: 'could not get a web chat token from the Direct Line service; try again later' });
    }
  });
}
