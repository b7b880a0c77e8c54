import { failure, failures, type DownloadResult } from './download-result.js';

/**
 * Attachments that arrive inline as `data:` URLs (the Emulator and some Web Chat setups send
 * small files this way). Decoding them needs no network, but the size cap still applies: a
 * chat message can carry a very large one.
 */

// RFC 2397: a data URL without a media type is US-ASCII text.
const DEFAULT_MEDIA_TYPE = 'text/plain;charset=US-ASCII';
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;
const ASCII_WHITESPACE = /[\t\n\f\r ]/g;

// The body of a data URL is percent-decoded to bytes; "%" not followed by two hex digits stays as it is.
function percentDecode(text: string): Uint8Array {
  const input = Buffer.from(text, 'utf8');
  const output = new Uint8Array(input.length);
  let length = 0;
  for (let index = 0; index < input.length; index++) {
    const byte = input[index] ?? 0;
    const hex = byte === 0x25 ? input.subarray(index + 1, index + 3).toString('latin1') : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      output[length++] = Number.parseInt(hex, 16);
      index += 2;
    } else {
      output[length++] = byte;
    }
  }
  return output.slice(0, length);
}

// Forgiving base64 as browsers decode it: whitespace ignored, padding optional, nothing else accepted.
function base64Payload(text: string): string | null {
  let payload = text.replace(ASCII_WHITESPACE, '');
  if (payload.length % 4 === 0) payload = payload.replace(/==?$/, '');
  if (payload.length % 4 === 1 || !BASE64_ALPHABET.test(payload)) return null;
  return payload;
}

function tooLarge(maxBytes: number): DownloadResult {
  return failures.tooLarge('the inline attachment', maxBytes);
}

/**
 * Decodes a `data:[<mediatype>][;base64],<data>` URL into its bytes, refusing more than
 * `maxBytes`. The result's `finalUrl` is only the URL's header (`data:image/png;base64`), so
 * the payload is not copied into whatever logs the result.
 */
export function decodeDataUrl(url: string, maxBytes: number): DownloadResult {
  const trimmed = url.trim();
  const comma = trimmed.indexOf(',');
  if (!/^data:/i.test(trimmed) || comma < 0) return failures.badUrl();
  const header = trimmed.slice(0, comma);
  const body = trimmed.slice(comma + 1);
  const base64Marker = /;\s*base64\s*$/i.exec(header);
  const mediaType = header.slice('data:'.length, base64Marker?.index ?? header.length).trim();
  const contentType = mediaType === '' ? DEFAULT_MEDIA_TYPE : mediaType.startsWith(';') ? `text/plain${mediaType}` : mediaType;

  const decoded = percentDecode(body);
  if (base64Marker === null) {
    if (decoded.length > maxBytes) return tooLarge(maxBytes);
    return { ok: true, bytes: decoded, contentType, finalUrl: header };
  }
  const payload = base64Payload(Buffer.from(decoded).toString('latin1'));
  if (payload === null) return failure('bad_url', 'The inline attachment is not valid base64.');
  // Checked before decoding so an oversized payload is never copied again.
  if (Math.floor((payload.length * 3) / 4) > maxBytes) return tooLarge(maxBytes);
  return { ok: true, bytes: new Uint8Array(Buffer.from(payload, 'base64')), contentType, finalUrl: header };
}
