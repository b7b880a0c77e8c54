import { decodeDataUrl } from './data-url.js';
import { DEFAULT_MAX_REDIRECTS, failures, type DownloadPolicy, type DownloadResult } from './download-result.js';
import { fetchOnce } from './fetch-once.js';
import { vetUrl } from './vet-url.js';

/**
 * Fetches a customer's attachment (an agent log file) without letting the link reach anything
 * it should not: the URL, every redirect and every resolved address are checked before a
 * connection is made, and the size and time spent are capped.
 */

export { isForbiddenAddress } from './address-policy.js';
export { decodeDataUrl } from './data-url.js';
export type { DownloadFailure, DownloadPolicy, DownloadResult } from './download-result.js';
export { DEFAULT_ATTACHMENT_HOSTS, isAllowedHost } from './host-allowlist.js';

function parseUrl(text: string, base?: URL): URL | null {
  try {
    const url = new URL(text, base);
    // A link from a chat must not make the bot send credentials it was handed in the URL.
    url.username = '';
    url.password = '';
    return url;
  } catch {
    return null;
  }
}

async function followRedirects(
  start: URL,
  policy: DownloadPolicy,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<DownloadResult> {
  const maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const target = await vetUrl(url, policy, signal);
    if (!target.ok) return target;
    if (signal.aborted) return failures.timeout(target.host, policy.timeoutMs);
    // The caller's headers (the bot's bearer token) go only to the origin they were meant for.
    const outcome = await fetchOnce(target, url.origin === start.origin ? headers : {}, policy, signal);
    if ('result' in outcome) return outcome.result;
    if (redirects >= maxRedirects) return failures.redirects(target.host, maxRedirects);
    const next = parseUrl(outcome.redirectTo, url);
    if (next === null) return failures.badRedirect(target.host);
    url = next;
  }
}

/**
 * Downloads the attachment at `url` under `policy` and never throws: every refusal or failure
 * is a result with a code and a sentence fit to show the customer (it names the host, never the
 * path or query, which may hold tokens). Only https is fetched, from allow-listed hosts whose
 * every resolved address is public; loopback (and http to it) only when `allowLoopback`.
 * Redirects are followed by hand, each new URL checked again, up to `policy.maxRedirects`.
 * `headers` (e.g. the bot's Authorization) are sent to the original origin only. A `data:` URL
 * is decoded in place, under the same size cap.
 */
export async function downloadAttachment(
  url: string,
  policy: DownloadPolicy,
  headers: Record<string, string> = {},
): Promise<DownloadResult> {
  if (/^\s*data:/i.test(url)) return decodeDataUrl(url, policy.maxBytes);
  const start = parseUrl(url.trim());
  if (start === null) return failures.badUrl();

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), policy.timeoutMs);
  try {
    return await followRedirects(start, policy, headers, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
