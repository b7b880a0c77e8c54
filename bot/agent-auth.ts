import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from './logger.js';

/**
 * Bearer-token authentication for the agents' REST API. Tokens are shared secrets from the
 * AGENT_API_TOKENS setting; they name nobody, so an agent is known by the position of its token
 * in that list. A token is never logged, not even in part.
 */

/** Who called: the position (1-based) of the matching token in AGENT_API_TOKENS. */
interface AgentIdentity {
  /** e.g. "token-2": safe to log, says which configured token was used without revealing it */
  id: string;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

// sha256 of both sides gives equal-length inputs, so neither the comparison nor its failure reveals the token's length
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The caller's identity when `authorization` is `Bearer <a token>` whose digest is one of
 * `tokenDigests` (the configured tokens', hashed once at start-up), otherwise null. No tokens
 * configured means nobody gets in.
 */
function authenticateAgent(authorization: string | undefined, tokenDigests: readonly Buffer[]): AgentIdentity | null {
  const presented = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  if (presented === undefined) return null;
  const presentedDigest = digest(presented);
  let matched = -1;
  // every token is compared, so the time taken does not say which position matched
  tokenDigests.forEach((tokenDigest, index) => {
    if (timingSafeEqual(presentedDigest, tokenDigest) && matched === -1) matched = index;
  });
  return matched === -1 ? null : { id: `token-${matched + 1}` };
}

const authenticated = new WeakMap<restify.Request, AgentIdentity>();

/** The identity `requireAgent` let through for this request (undefined on a route it does not guard). */
export function agentOf(req: restify.Request): AgentIdentity | undefined {
  return authenticated.get(req);
}

/**
 * A restify handler that lets a request with a valid bearer token through and answers every
 * other one 401 with `WWW-Authenticate: Bearer realm="agents"` and a JSON body.
 */
export function requireAgent(tokens: readonly string[], logger: Logger): restify.RequestHandler {
  // hashed once, here: the list is fixed at start-up (whatever the caller does with its array
  // later), and hashing every token on every request is work for nothing. An empty token cannot
  // match: BEARER needs at least one character, and no such text has the empty text's digest.
  const digests = tokens.map(digest);
  return (req, res, next) => {
    const identity = authenticateAgent(req.headers.authorization, digests);
    if (identity === null) {
      const reason = digests.length === 0 ? 'no agent tokens configured' : req.headers.authorization === undefined ? 'no token' : 'unknown token';
      logger.warn({ requestId: req.id(), method: req.method, path: req.path(), reason }, 'agent api: unauthorized');
      const body = JSON.stringify({ error: 'unauthorized', message: 'a valid bearer token is required (Authorization: Bearer <token>)' });
      res.sendRaw(401, body, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer realm="agents"' });
      next(false);
      return;
    }
    authenticated.set(req, identity);
    next();
  };
}
