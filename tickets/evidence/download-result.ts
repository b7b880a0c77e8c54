import { describeSize } from './wording.js';

/**
 * What fetching an attachment can end in, and the sentences the customer is shown when it
 * fails. Messages name at most the host: a URL's path and query may carry access tokens (a
 * SharePoint `tempauth`, a signed blob URL), and these sentences end up in chats and logs.
 */

export interface DownloadPolicy {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Time allowed for the whole download: DNS, connecting, every redirect and the body. */
  timeoutMs: number;
  /** HTTPS hosts allowed: exact names or `*.suffix` patterns. */
  allowedHosts: string[];
  /** Local mode only: loopback hosts are allowed, over http too, without being on the allowlist. */
  allowLoopback: boolean;
  /** Redirects followed before giving up; 3 when not set. */
  maxRedirects?: number;
}

export type DownloadFailure =
  | 'bad_url'
  | 'scheme_not_allowed'
  | 'host_not_allowed'
  | 'address_not_allowed'
  | 'too_large'
  | 'timeout'
  | 'http_error'
  | 'network_error'
  | 'too_many_redirects';

export type DownloadResult =
  | { ok: true; bytes: Uint8Array; contentType?: string; finalUrl: string }
  // `status` is set for `http_error`: the HTTP status the server answered with.
  | { ok: false; code: DownloadFailure; message: string; status?: number };

export type DownloadFailed = Extract<DownloadResult, { ok: false }>;

export const DEFAULT_MAX_REDIRECTS = 3;

function describeDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} seconds` : `${ms} ms`;
}

/** Builds a failure; `host` is the only part of the URL a message may contain. */
export function failure(code: DownloadFailure, message: string): DownloadFailed {
  return { ok: false, code, message };
}

export const failures = {
  badUrl: (): DownloadFailed => failure('bad_url', 'The attachment link is not a valid web address.'),
  badRedirect: (host: string): DownloadFailed =>
    failure('bad_url', `${host} redirected the download to an address that is not valid.`),
  scheme: (scheme: string): DownloadFailed =>
    failure('scheme_not_allowed', `Attachments can only be downloaded over HTTPS, and this link uses ${scheme}.`),
  host: (host: string): DownloadFailed =>
    failure('host_not_allowed', `I can't download files from ${host}: it is not one of the places chat attachments are stored.`),
  address: (host: string): DownloadFailed =>
    failure('address_not_allowed', `I can't download files from ${host}: it points to a private or internal network address.`),
  tooLarge: (host: string, maxBytes: number): DownloadFailed =>
    failure('too_large', `The file from ${host} is larger than the ${describeSize(maxBytes)} limit.`),
  timeout: (host: string, timeoutMs: number): DownloadFailed =>
    failure('timeout', `The download from ${host} took longer than ${describeDuration(timeoutMs)}, so I stopped it.`),
  http: (host: string, status: number): DownloadFailed => ({
    ...failure('http_error', `${host} answered with HTTP status ${status} instead of the file.`),
    status,
  }),
  network: (host: string): DownloadFailed =>
    failure('network_error', `I couldn't reach ${host} to download the file.`),
  redirects: (host: string, maxRedirects: number): DownloadFailed =>
    failure('too_many_redirects', `${host} redirected the download more than ${maxRedirects} times, so I stopped following it.`),
};
