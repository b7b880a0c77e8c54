import { AGENT_LOG_FILE_NAME } from './log-locations.js';
import { describeSize } from './wording.js';

/**
 * Turns an attachment's bytes into text, or says in plain words why it cannot be used. Support
 * needs text (logs, request bodies); screenshots and archives are common mistakes worth catching
 * early, before anything tries to parse them.
 */

export type EvidenceDecodeFailureReason = 'too_large' | 'binary' | 'empty';

export type EvidenceDecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: EvidenceDecodeFailureReason; message: string };

/** Above this share of control characters the "text" is really binary data that decoded by luck. */
const MAX_CONTROL_SHARE = 0.1;

const ASK_FOR_TEXT = `please send the text log file ${AGENT_LOG_FILE_NAME}, or paste the text into the chat.`;

interface FileSignature {
  what: string;
  magic: readonly number[];
}

/** Formats people attach instead of a log, so the message can name what they sent. */
const KNOWN_BINARY_SIGNATURES: readonly FileSignature[] = [
  { what: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
  { what: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { what: 'a PDF document', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { what: 'a ZIP archive or Office document', magic: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'a gzip archive', magic: [0x1f, 0x8b] },
];

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Decodes an evidence attachment as text. Accepts UTF-8 (with or without a BOM) and UTF-16 with a
 * BOM, which is what Windows tools such as PowerShell redirection write. Anything larger than
 * `maxBytes`, empty, or that looks binary (NUL bytes, invalid UTF-8, mostly control characters) is
 * refused with a sentence that can be shown to the customer as it is.
 */
export function decodeEvidenceBytes(bytes: Uint8Array, maxBytes: number): EvidenceDecodeResult {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      reason: 'too_large',
      message:
        `That file is ${describeSize(bytes.length, Math.ceil)}, over the ${describeSize(maxBytes)} limit; ` +
        'please send only the part of the log around the time of the problem, or paste those lines into the chat.',
    };
  }
  const known = KNOWN_BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.magic));
  if (known) return binary(known.what);

  const { encoding, bomLength } = detectEncoding(bytes);
  // NUL never appears in UTF-8 text; in UTF-16 it is half of every ASCII character, so it is
  // checked on the decoded text instead
  if (encoding === 'utf-8' && bytes.includes(0)) return binary('it contains NUL bytes');

  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
  } catch {
    return binary(encoding === 'utf-8' ? 'it is not valid UTF-8 text' : 'it is not valid UTF-16 text');
  }

  if (text.trim() === '') {
    return { ok: false, reason: 'empty', message: `That file is empty; ${ASK_FOR_TEXT}` };
  }
  if (text.includes('\0')) return binary('it contains NUL characters');
  if (controlCharacterShare(text) > MAX_CONTROL_SHARE) return binary('it is mostly control characters');
  return { ok: true, text };
}

function binary(why: string): EvidenceDecodeResult {
  return { ok: false, reason: 'binary', message: `That file looks binary (${why}); ${ASK_FOR_TEXT}` };
}

function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Share of characters that no text file has many of. Tab, line breaks and form feed are text; ESC
 * is left out too because coloured log output carries ANSI escape sequences on every line.
 */
function controlCharacterShare(text: string): number {
  let controls = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isC0 = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c && code !== 0x1b;
    const isDelOrC1 = code >= 0x7f && code <= 0x9f;
    if (isC0 || isDelOrC1) controls++;
  }
  return controls / text.length;
}
