import { MARKER_PREFIX, redactionMarker } from './marker.js';

/** The credentials of an HTTP Authorization header, hidden by scheme. */

// HTTP authorization schemes whose credentials get a marker of their own
const SCHEME_TYPES: Readonly<Record<string, string>> = {
  bearer: 'bearer-token',
  basic: 'basic-credentials',
};
const SCHEME_AND_CREDENTIALS = /^([A-Za-z][\w.-]*)([ \t]+)(\S.*)$/;
const TOKEN68 = /^[\w.~+/-]+=*/;

/**
 * The header's value with its credentials replaced. The scheme word stays, so a reader still
 * knows it was Bearer or Basic. Bearer and Basic credentials are one token and what follows it
 * stays; other schemes (Digest, AWS4-HMAC-SHA256, SharedKey) carry parameter lists and lose
 * everything after the scheme.
 */
export function redactCredentials(value: string): string {
  const credentials = value.trimEnd();
  const trailing = value.slice(credentials.length);
  if (credentials === '' || credentials.includes(MARKER_PREFIX)) return value;
  const parts = SCHEME_AND_CREDENTIALS.exec(credentials);
  if (!parts) {
    return (SCHEME_TYPES[credentials.toLowerCase()] ? credentials : redactionMarker('authorization')) + trailing;
  }
  const [, scheme = '', gap = '', rest = ''] = parts;
  const schemeType = SCHEME_TYPES[scheme.toLowerCase()];
  if (!schemeType) return `${scheme}${gap}${redactionMarker('authorization')}${trailing}`;
  const token = TOKEN68.exec(rest)?.[0];
  if (!token) return `${scheme}${gap}${redactionMarker(schemeType)}${trailing}`;
  return `${scheme}${gap}${redactionMarker(schemeType)}${rest.slice(token.length)}${trailing}`;
}
