import { lookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { classifyAddress, isForbiddenAddress } from './address-policy.js';
import { failures, type DownloadFailed, type DownloadPolicy } from './download-result.js';
import { isAllowedHost } from './host-allowlist.js';

/**
 * Decides whether one URL of a download (the first, or any redirect) may be fetched, and which
 * addresses it may be fetched from. The addresses are resolved here, once, and the connection
 * is then made to exactly these: resolving again at connect time would let a DNS answer that
 * changed in between (DNS rebinding) reach an address that was never checked.
 */

export interface VettedUrl {
  ok: true;
  url: URL;
  /** The host as it may appear in messages: never the path or query. */
  host: string;
  /** Every address the name resolved to, all checked; for an IP literal, that address. */
  addresses: LookupAddress[];
}

// RFC 6761 reserves these names for the local machine.
function isLocalhostName(name: string): boolean {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower === 'localhost' || lower.endsWith('.localhost');
}

/** Resolves a name to every address it has; a parameter of vetUrl so tests can answer for DNS. */
export type ResolveAll = (name: string, signal: AbortSignal) => Promise<LookupAddress[]>;

const resolveAll: ResolveAll = (name, signal) => {
  // dns.lookup cannot be cancelled, so the deadline is raced against it instead.
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new Error('deadline passed while resolving'));
    signal.addEventListener('abort', onAbort, { once: true });
    lookup(name, { all: true, verbatim: true }, (error, addresses) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(addresses);
    });
  });
};

/**
 * Checks `url` against every rule of `policy`, in the order that gives the most useful answer:
 * scheme, the address when the URL holds an IP literal, plain http (loopback only), the host
 * allowlist, and last the addresses the name resolves to, of which not a single one may be
 * forbidden. Loopback hosts skip the allowlist, and may use http, only when `allowLoopback`;
 * a name let through that way (localhost, *.localhost) must resolve to loopback addresses only.
 */
export async function vetUrl(
  url: URL,
  policy: DownloadPolicy,
  signal: AbortSignal,
  resolve: ResolveAll = resolveAll,
): Promise<VettedUrl | DownloadFailed> {
  const host = url.hostname;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failures.scheme(url.protocol.replace(/:$/, ''));
  // A bracketed IPv6 literal is resolved and checked without its brackets.
  const name = host.startsWith('[') ? host.slice(1, -1) : host;
  const literalFamily = isIP(name);
  if (literalFamily !== 0 && isForbiddenAddress(name, policy.allowLoopback)) return failures.address(host);

  const loopbackName = policy.allowLoopback && literalFamily === 0 && isLocalhostName(name);
  const loopbackHost = loopbackName || (policy.allowLoopback && literalFamily !== 0 && classifyAddress(name) === 'loopback');
  if (url.protocol === 'http:' && !loopbackHost) return failures.scheme('plain http');
  if (!loopbackHost && !isAllowedHost(name, policy.allowedHosts)) return failures.host(host);
  if (literalFamily !== 0) return { ok: true, url, host, addresses: [{ address: name, family: literalFamily }] };

  let addresses: LookupAddress[];
  try {
    addresses = await resolve(name, signal);
  } catch {
    return signal.aborted ? failures.timeout(host, policy.timeoutMs) : failures.network(host);
  }
  if (addresses.length === 0) return failures.network(host);
  if (addresses.some((entry) => isForbiddenAddress(entry.address, policy.allowLoopback))) return failures.address(host);
  // A *.localhost name skipped the allowlist (and may use http) for naming this machine, so it
  // must resolve to this machine only: a DNS server answering a public address for it would
  // otherwise open an unlisted host.
  if (loopbackName && addresses.some((entry) => classifyAddress(entry.address) !== 'loopback')) return failures.address(host);
  return { ok: true, url, host, addresses };
}
