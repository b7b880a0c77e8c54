import type restify from 'restify';
import { isLocalMode, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { registerLocalDirectLine, type LocalDirectLine, type LocalDirectLineOptions } from './channel.js';
import { RateLimiter } from './rate-limit.js';
import { registerTokenEndpoint, serviceTokens } from './token-endpoint.js';

export { DIRECT_LINE_PATH } from './channel.js';
export { CONNECTOR_PATH } from './connector.js';
export { TOKEN_ROUTE } from './token-endpoint.js';

export interface DirectLineSetup {
  config: Config;
  logger: Logger;
  /** tests: caps and lifetimes of the local Direct Line */
  local?: Pick<LocalDirectLineOptions, 'tokens' | 'conversations' | 'deliveryTimeoutMs'>;
}

/**
 * Web chat's way in. With DIRECT_LINE_SECRET: POST /api/directline/token exchanges it with the
 * Direct Line service. Without it, in local mode: the bot serves Direct Line 3.0 itself under
 * /v3/directline (and its own connector under /directline-connector) and the same route hands
 * out local tokens. Without either, the route says web chat is not set up.
 * Returns the local Direct Line when it is served.
 */
export function registerDirectLine(server: restify.Server, setup: DirectLineSetup): LocalDirectLine | null {
  const { config, logger } = setup;
  const limiter = new RateLimiter(config.DIRECT_LINE_TOKENS_PER_MINUTE);
  if (config.DIRECT_LINE_SECRET !== undefined) {
    registerTokenEndpoint(server, { source: serviceTokens({ secret: config.DIRECT_LINE_SECRET, endpoint: config.DIRECT_LINE_ENDPOINT }), limiter, logger });
    return null;
  }
  if (!isLocalMode(config)) {
    registerTokenEndpoint(server, { source: null, limiter, logger });
    return null;
  }
  const local = registerLocalDirectLine(server, {
    logger,
    limiter,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxAttachmentBytes: config.MAX_ATTACHMENT_BYTES,
    ...setup.local,
  });
  registerTokenEndpoint(server, {
    source: async () => {
      const issued = local.issue();
      return { token: issued.token, userId: issued.userId, expiresIn: issued.expiresIn };
    },
    limiter,
    logger,
  });
  return local;
}
