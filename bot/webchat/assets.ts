import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);

/**
 * The web chat page's static files: the botframework-webchat bundle from node_modules and the
 * page's own script and stylesheet (bot/webchat/public). Each is read once, kept in memory with
 * a gzip copy, and named by a content hash that versions its URL and is its ETag.
 */

export interface StaticAsset {
  contentType: string;
  body: Buffer;
  /** gzip of body, or null when gzip does not make it smaller */
  gzipped: Buffer | null;
  /** first 16 hex digits of the SHA-256 of body: the `?v=` of its URL and the root of its ETags */
  version: string;
}

export type AssetName = 'webchat.js' | 'webchat-page.js' | 'webchat-page.css';

/** Where each file served under /webchat/ is read from. */
export function assetSources(): Record<AssetName, { path: string; contentType: string }> {
  const publicDir = publicFolder();
  return {
    'webchat.js': { path: webChatBundlePath(), contentType: 'text/javascript; charset=utf-8' },
    'webchat-page.js': { path: join(publicDir, 'webchat-page.js'), contentType: 'text/javascript; charset=utf-8' },
    'webchat-page.css': { path: join(publicDir, 'webchat-page.css'), contentType: 'text/css; charset=utf-8' },
  };
}

export async function loadAsset(path: string, contentType: string): Promise<StaticAsset> {
  const body = await readFile(path);
  const zipped = await gzip(body, { level: 9 });
  return {
    contentType,
    body,
    gzipped: zipped.length < body.length ? zipped : null,
    version: createHash('sha256').update(body).digest('hex').slice(0, 16),
  };
}

/**
 * The prebuilt browser bundle of botframework-webchat (it defines `window.WebChat`). The
 * package's exports map hides `dist/`, so the bundle is found next to the entry point it does
 * export, in the package's own folder.
 */
export function webChatBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'botframework-webchat') {
      return join(dir, 'dist', 'webchat.js');
    }
  }
  throw new Error(`botframework-webchat's package folder was not found above ${entry}`);
}

/**
 * bot/webchat/public: next to this module when it runs from source; from the compiled copy
 * (dist/bot/webchat, where tsc does not copy it) the same folder of the project it was built in.
 */
function publicFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'public')];
  for (let dir = dirname(here); dir !== dirname(dir); dir = dirname(dir)) candidates.push(join(dir, 'bot', 'webchat', 'public'));
  const found = candidates.find((candidate) => existsSync(join(candidate, 'webchat-page.js')));
  if (!found) throw new Error(`the web chat page's files (bot/webchat/public) were not found from ${here}`);
  return found;
}
