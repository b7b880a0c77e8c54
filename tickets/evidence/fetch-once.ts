import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { failures, type DownloadPolicy, type DownloadResult } from './download-result.js';
import type { VettedUrl } from './vet-url.js';

/**
 * One HTTP GET of a vetted URL, without following redirects (the caller re-checks each new URL
 * first). The body is read under the size cap and the whole exchange under the caller's
 * deadline; the socket is destroyed as soon as either is exceeded.
 */

export type FetchOutcome = { redirectTo: string } | { result: DownloadResult };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function familyNumber(family: number | string | undefined): number {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}

// Hands the socket the addresses that were checked instead of asking DNS again. The URL's name
// still goes to TLS (SNI, certificate check) and into the Host header.
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = familyNumber(options.family);
    const candidates = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
    const first = candidates[0];
    if (first === undefined) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }), '');
    } else if (options.all === true) {
      callback(null, candidates);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function declaredLength(header: string | undefined): number | null {
  if (header === undefined || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

/**
 * GETs `target.url` from its vetted addresses and resolves with either the redirect's
 * `Location` or the final result; it never rejects. `signal` is the whole download's deadline.
 */
export function fetchOnce(
  target: VettedUrl,
  headers: Record<string, string>,
  policy: DownloadPolicy,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const { host } = target;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: FetchOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const fail = (): void =>
      settle({ result: signal.aborted ? failures.timeout(host, policy.timeoutMs) : failures.network(host) });

    const client = target.url.protocol === 'https:' ? https : http;
    // agent: false gives a fresh connection that closes after the response: a pooled socket
    // could have been opened for an address checked under another policy.
    const request = client.request(target.url, {
      method: 'GET',
      headers,
      agent: false,
      lookup: pinnedLookup(target.addresses),
      signal,
    });
    request.on('error', fail);
    request.on('response', (response) => {
      response.on('error', fail);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        settle({ redirectTo: location });
        request.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        settle({ result: failures.http(host, status) });
        request.destroy();
        return;
      }
      const declared = declaredLength(response.headers['content-length']);
      if (declared !== null && declared > policy.maxBytes) {
        settle({ result: failures.tooLarge(host, policy.maxBytes) });
        request.destroy();
        return;
      }

      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > policy.maxBytes) {
          // Chunked or lying about its length: stop reading and close the connection.
          settle({ result: failures.tooLarge(host, policy.maxBytes) });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        if (!response.complete) return fail();
        const contentType = response.headers['content-type'];
        settle({
          result: {
            ok: true,
            bytes: new Uint8Array(Buffer.concat(chunks, received)),
            ...(contentType === undefined ? {} : { contentType }),
            finalUrl: target.url.href,
          },
        });
      });
    });
    request.end();
  });
}
