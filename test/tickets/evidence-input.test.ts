import { decodeEvidenceBytes } from '../../tickets/evidence/index.js';

const MB = 1024 * 1024;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out: number[] = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const [high, low] = [code >> 8, code & 0xff];
    out.push(...(endian === 'le' ? [low, high] : [high, low]));
  }
  return Uint8Array.from(out);
}

/** Deterministic "random" bytes, so a failure can be reproduced. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[index] = state >>> 24;
  }
  return out;
}

const LOG_LINE = '2024-03-05 10:22:01,123 - elasticbox.agent - ERROR - Failed to run configure script\n';
const PNG_HEADER = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);

describe('decodeEvidenceBytes: text it accepts', () => {
  it.each<[string, Uint8Array, string]>([
    ['plain UTF-8', utf8(LOG_LINE), LOG_LINE],
    ['UTF-8 with a BOM, which is dropped', concat(bytes(0xef, 0xbb, 0xbf), utf8(LOG_LINE)), LOG_LINE],
    ['UTF-8 beyond ASCII', utf8('Überprüfung fehlgeschlagen ✓ 東京\n'), 'Überprüfung fehlgeschlagen ✓ 東京\n'],
    ['UTF-16 LE with a BOM', utf16('Start-Service ElasticBoxAgent\r\nÉchec\r\n', 'le'), 'Start-Service ElasticBoxAgent\r\nÉchec\r\n'],
    ['UTF-16 BE with a BOM', utf16('INFO agent started\n', 'be'), 'INFO agent started\n'],
    ['coloured output with ANSI escapes', utf8('\x1b[32mINFO\x1b[0m ok\n\x1b[31mERR\x1b[0m x\n'), '\x1b[32mINFO\x1b[0m ok\n\x1b[31mERR\x1b[0m x\n'],
    ['tabs and form feeds', utf8('a\tb\fc\n'), 'a\tb\fc\n'],
  ])('%s', (_name, input, expected) => {
    expect(decodeEvidenceBytes(input, MB)).toEqual({ ok: true, text: expected });
  });

  it('accepts a file of exactly the limit', () => {
    const atLimit = utf8('x'.repeat(1000));
    expect(decodeEvidenceBytes(atLimit, 1000).ok).toBe(true);
  });
});

describe('decodeEvidenceBytes: what it refuses', () => {
  it.each<[string, Uint8Array, 'binary' | 'empty', string]>([
    ['a PNG screenshot', PNG_HEADER, 'binary', 'a PNG image'],
    ['a JPEG photo', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), 'binary', 'a JPEG image'],
    ['a zipped log', concat(bytes(0x50, 0x4b, 0x03, 0x04), utf8('elasticbox-agent.log')), 'binary', 'a ZIP archive'],
    ['random bytes', pseudoRandomBytes(4096, 42), 'binary', 'That file looks binary'],
    ['text with a NUL byte', concat(utf8('INFO ok\n'), bytes(0), utf8('more\n')), 'binary', 'NUL bytes'],
    ['invalid UTF-8 (Latin-1 é)', bytes(0x63, 0x61, 0x66, 0xe9, 0x0a), 'binary', 'not valid UTF-8'],
    ['mostly control characters', bytes(0x01, 0x02, 0x03, 0x41, 0x04, 0x05, 0x06, 0x42, 0x07, 0x08), 'binary', 'control characters'],
    ['UTF-16 cut off mid-character', concat(utf16('ok', 'le'), bytes(0x41)), 'binary', 'not valid UTF-16'],
    ['UTF-16 holding NULs', utf16('a\0b', 'le'), 'binary', 'NUL characters'],
    ['nothing at all', new Uint8Array(0), 'empty', 'That file is empty'],
    ['only a BOM', bytes(0xef, 0xbb, 0xbf), 'empty', 'That file is empty'],
    ['only blank lines', utf8('\n\r\n  \t\n'), 'empty', 'That file is empty'],
  ])('%s', (_name, input, reason, inMessage) => {
    const result = decodeEvidenceBytes(input, MB);
    expect(result).toMatchObject({ ok: false, reason });
    if (result.ok) return;
    expect(result.message).toContain(inMessage);
    // the message goes to the customer as it is: one plain sentence that says what to send
    expect(result.message).toMatch(/^That file .*\.$/);
    expect(result.message).toContain('elasticbox-agent.log');
  });

  it.each<[string, number, number, string]>([
    ['a 1.5 MB file over a 1 MB limit', 1.5 * MB, MB, 'That file is 1.5 MB, over the 1 MB limit'],
    ['one byte over a 10 MB limit, shown as more than the limit', 10 * MB + 1, 10 * MB, 'That file is 10.1 MB, over the 10 MB limit'],
    ['a 25 MB file over a 2.5 MB limit', 25 * MB, 2.5 * MB, 'That file is 25 MB, over the 2.5 MB limit'],
  ])('refuses %s', (_name, size, limit, inMessage) => {
    const result = decodeEvidenceBytes(new Uint8Array(size).fill(0x61), limit);
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    if (!result.ok) expect(result.message).toContain(inMessage);
  });

  it('checks the size before looking at the content', () => {
    expect(decodeEvidenceBytes(PNG_HEADER, 8)).toMatchObject({ ok: false, reason: 'too_large' });
  });
});
