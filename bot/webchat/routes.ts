import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import type { Logger } from '../logger.js';
import { assetSources, loadAsset, type AssetName, type StaticAsset } from './assets.js';
import { contentSecurityPolicy, webChatPage } from './page.js';

/*
 * The customer's web chat, served by the bot itself:
 *   GET /webchat                    the page (per-response CSP nonce, never cached)
 *   GET /webchat/webchat.js         botframework-webchat's prebuilt bundle from node_modules
 *   GET /webchat/webchat-page.js    the page's script: token, Direct Line, renderWebChat
 *   GET /webchat/webchat-page.css   the page's layout and brand
 * The files carry a content-hash ETag (304 on If-None-Match), come gzipped when the browser
 * takes gzip, and are cached for a year when asked for by the versioned URL the page uses.
 */

export interface WebChatOptions {
  logger: Logger;
  /**
   * The Direct Line service the page talks to when it is not the bot's own local one (with
   * DIRECT_LINE_SECRET set: DIRECT_LINE_ENDPOINT, such as https://directline.botframework.com).
   * The page connects to it (and the CSP allows it); the token still comes from this bot.
   */
  remoteDirectLine?: string;
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function registerWebChat(server: restify.Server, options: WebChatOptions): void {
  const { logger } = options;
  const remote = options.remoteDirectLine === undefined ? undefined : new URL(options.remoteDirectLine);
  const directLineOrigins = remote ? [remote.origin] : [];
  const directLineDomain = remote ? directLineDomainOf(remote) : undefined;
  let loading: Promise<Record<AssetName, StaticAsset>> | null = null;
  // read on first use, kept for the life of the process; a failed read is tried again next time
  const assets = (): Promise<Record<AssetName, StaticAsset>> => {
    loading ??= loadAll().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };

  const page = async (req: restify.Request, res: restify.Response): Promise<void> => {
    let files: Record<AssetName, StaticAsset>;
    try {
      files = await assets();
    } catch (error) {
      logger.error({ err: error }, 'web chat files could not be read');
      return sendPlain(res, 500, 'The web chat is not available on this server.');
    }
    const nonce = randomBytes(18).toString('base64');
    const html = Buffer.from(webChatPage(nonce, { bundle: files['webchat.js'].version, script: files['webchat-page.js'].version, stylesheet: files['webchat-page.css'].version }, directLineDomain));
    res.statusCode = 200;
    setCommonHeaders(res);
    res.setHeader('Content-Security-Policy', contentSecurityPolicy({ nonce, host: req.headers.host, directLineOrigins }));
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.setHeader('Content-Length', html.length);
    res.end(html);
  };
  server.get('/webchat', page);
  server.get('/webchat/', page);

  for (const name of ['webchat.js', 'webchat-page.js', 'webchat-page.css'] as const) {
    server.get(`/webchat/${name}`, async (req: restify.Request, res: restify.Response) => {
      let asset: StaticAsset;
      try {
        asset = (await assets())[name];
      } catch (error) {
        logger.error({ err: error, file: name }, 'web chat files could not be read');
        return sendPlain(res, 500, 'The web chat is not available on this server.');
      }
      sendAsset(req, res, asset);
    });
  }
}

/** The Direct Line 3.0 base URL of a service given by its origin (or already by its /v3/directline URL). */
export function directLineDomainOf(endpoint: URL): string {
  const path = endpoint.pathname.replace(/\/+$/, '');
  return `${endpoint.origin}${path.endsWith('/v3/directline') ? path : `${path}/v3/directline`}`;
}

async function loadAll(): Promise<Record<AssetName, StaticAsset>> {
  const sources = assetSources();
  const entries = await Promise.all(
    (Object.keys(sources) as AssetName[]).map(async (name) => [name, await loadAsset(sources[name].path, sources[name].contentType)] as const),
  );
  return Object.fromEntries(entries) as Record<AssetName, StaticAsset>;
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset): void {
  const zipped = asset.gzipped !== null && acceptsGzip(req.headers['accept-encoding']);
  const body = zipped ? asset.gzipped! : asset.body;
  // strong ETags differ between representations: the gzip copy has its own
  const etag = `"${asset.version}${zipped ? '-gz' : ''}"`;
  const versioned = new URL(req.url ?? '/', 'http://localhost').searchParams.get('v') === asset.version;
  setCommonHeaders(res);
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('ETag', etag);
  res.setHeader('Vary', 'Accept-Encoding');
  // the page asks for ?v=<content hash>, so that URL never changes meaning; any other URL revalidates
  res.setHeader('Cache-Control', versioned ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'public, max-age=0, must-revalidate');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (zipped) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function sendPlain(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text);
  res.statusCode = status;
  setCommonHeaders(res);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** gzip listed and not refused with q=0. */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') continue;
    const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

/** If-None-Match with the weak comparison RFC 9110 asks for on GET: `*`, or any listed tag equal to ours ignoring W/. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
