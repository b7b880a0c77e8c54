import { STATUS_CODES } from 'node:http';

/**
 * Reads the API call a customer pasted, in whichever shape they had it: the JSON body alone, the
 * raw HTTP request, or the curl command they ran; and the response they got back. The point is
 * findings an engineer can read at a glance, and a precise pointer when the JSON is broken,
 * because a broken body is the most common cause of a failed call.
 */

export type ApiRequestFormat = 'json' | 'http' | 'curl' | 'text';

export interface JsonSyntaxError {
  message: string;
  /** 1-based, counted within the body */
  line: number;
  /** 1-based, in UTF-16 code units like the editor columns people see */
  column: number;
  /** the offending line and a caret under the column */
  excerpt: string;
}

export type ApiRequestParse =
  | {
      ok: true;
      format: ApiRequestFormat;
      method?: string;
      endpoint?: string;
      headers?: Record<string, string>;
      body?: unknown;
      findings: string[];
    }
  | { ok: false; error: JsonSyntaxError };

export interface HttpResponseParse {
  status?: number;
  reason?: string;
  body?: unknown;
  findings: string[];
}

/** What the three request shapes have in common once taken apart. */
interface RequestParts {
  format: ApiRequestFormat;
  method?: string;
  url?: string;
  headers: Record<string, string>;
  bodyText?: string;
  /** curl's `-d @file`: the body was in a file the customer did not paste */
  bodyFile?: string;
  notes: string[];
}

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
const REQUEST_LINE = new RegExp(`^(${METHODS})\\s+(\\S+)(?:\\s+HTTP/\\d(?:\\.\\d)?)?\\s*$`, 'i');
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):(.*)$/;
/** A shell prompt people copy along with the command. */
const CURL_COMMAND = /^(?:\$\s*|>\s*|PS[^>]*>\s*)?curl(?:\.exe)?\s/i;
const MAX_LISTED_KEYS = 10;
const MAX_QUOTED_CHARS = 300;
const MAX_STATUS_LINE_CHARS = 200;

/**
 * Parses an API request the customer pasted: a JSON body, a raw HTTP request or a curl command.
 * When the body is meant to be JSON and does not parse, returns where (line and column within the
 * body) and an excerpt with a caret; otherwise the method, endpoint, headers, parsed body and
 * findings.
 */
export function parseApiRequest(text: string): ApiRequestParse {
  const parts = splitRequest(text);
  const contentType = headerValue(parts.headers, 'content-type');
  const findings: string[] = [];
  const { host, path } = splitUrl(parts.url);

  if (parts.method && path) findings.push(`${parts.method} ${path}`);
  const hostHeader = host ?? headerValue(parts.headers, 'host');
  if (hostHeader) findings.push(`Host: ${hostHeader}`);
  const headerNames = Object.keys(parts.headers);
  if (headerNames.length > 0) findings.push(`Headers: ${headerNames.join(', ')}`);
  findings.push(...parts.notes);

  let body: unknown;
  let hasBody = false;
  const bodyText = parts.bodyText ?? '';
  if (parts.bodyFile !== undefined) {
    findings.push(`Body read from the file ${parts.bodyFile}, which was not included`);
  } else if (bodyText.trim() !== '') {
    const looksLikeJson = /^\s*[[{]/.test(bodyText) || /json/i.test(contentType ?? '');
    if (looksLikeJson) {
      const parsed = parseJson(bodyText);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      body = parsed.value;
      hasBody = true;
      findings.push(describeJsonBody(body));
      if (parts.format !== 'json' && !/json/i.test(contentType ?? '')) {
        findings.push(`JSON body sent without a JSON Content-Type (${contentType ?? 'no Content-Type header'})`);
      }
    } else if (parts.format === 'text') {
      findings.push('Not recognised as JSON, an HTTP request or a curl command');
    } else {
      body = bodyText;
      hasBody = true;
      findings.push(`Body is not JSON (${bodyText.length} characters)`);
    }
  } else if (parts.method && /^(POST|PUT|PATCH)$/.test(parts.method)) {
    findings.push('No request body');
  }

  return {
    ok: true,
    format: parts.format,
    ...(parts.method !== undefined && { method: parts.method }),
    ...(path !== undefined && { endpoint: path }),
    ...(headerNames.length > 0 && { headers: parts.headers }),
    ...(hasBody && { body }),
    findings,
  };
}

/**
 * Reads the response the customer got: the status from an HTTP status line or a bare code such as
 * "500" or "Status: 404 Not Found", and the message and error fields of a JSON error body.
 */
export function parseHttpResponse(text: string): HttpResponseParse {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  // a status line is short; a long first line is body, and skipping it keeps the regexes cheap
  const firstLine = first >= 0 ? lines[first]!.trim() : '';
  const statusLine = firstLine.length <= MAX_STATUS_LINE_CHARS ? firstLine : '';
  let status: number | undefined;
  let reason: string | undefined;
  let bodyText = text;
  let contentType: string | undefined;

  const full = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*?))?\s*$/i.exec(statusLine);
  const bare = /^(?:(?:status(?: code)?|code|error|http)\s*:?\s*)?([1-5]\d\d)\b(?:\s*[-:]?\s*([A-Za-z][A-Za-z '-]*?))?\s*$/i.exec(statusLine);
  if (full) {
    status = Number(full[1]);
    reason = full[2] || undefined;
    const message = splitHeaders(lines, first + 1);
    contentType = headerValue(message.headers, 'content-type');
    bodyText = message.body;
  } else if (bare) {
    status = Number(bare[1]);
    reason = bare[2] || undefined;
    bodyText = lines.slice(first + 1).join('\n');
  }

  const findings: string[] = [];
  let body: unknown;
  let hasBody = false;
  if (bodyText.trim() !== '') {
    hasBody = true;
    body = bodyText;
    if (/^\s*[[{]/.test(bodyText) || /json/i.test(contentType ?? '')) {
      // a response that is not valid JSON is still worth quoting, so no error location here
      try {
        body = JSON.parse(bodyText) as unknown;
      } catch {
        body = bodyText;
      }
    }
    if (typeof body === 'string') {
      findings.push(`Response body: ${quote(describeTextBody(body))}`);
    } else {
      status ??= statusFromBody(body);
      const fields = errorFields(body);
      if (fields.length === 0) findings.push(`Response ${describeJsonBody(body)}`);
      findings.push(...fields.map(([key, value]) => `Response ${key}: ${quote(value)}`));
    }
  }
  if (status !== undefined) {
    reason ??= STATUS_CODES[status];
    findings.unshift(`Response status: ${status}${reason ? ` ${reason}` : ''}`);
  }
  if (findings.length === 0) findings.push('No HTTP status or error body recognised');

  return {
    ...(status !== undefined && { status }),
    ...(reason !== undefined && { reason }),
    ...(hasBody && { body }),
    findings,
  };
}

// ---------------------------------------------------------------------------------------------
// Taking the pasted request apart

function splitRequest(text: string): RequestParts {
  const trimmed = text.trim();
  if (CURL_COMMAND.test(trimmed)) return parseCurl(trimmed);

  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  const requestLine = first >= 0 ? REQUEST_LINE.exec(lines[first]!.trim()) : null;
  if (requestLine) {
    const { headers, body } = splitHeaders(lines, first + 1);
    return { format: 'http', method: requestLine[1]!.toUpperCase(), url: requestLine[2]!, headers, bodyText: body, notes: [] };
  }
  // the text itself is the body, untrimmed, so error lines match what the customer pasted
  if (/^[[{]/.test(trimmed)) return { format: 'json', headers: {}, bodyText: text, notes: [] };
  return { format: 'text', headers: {}, bodyText: text, notes: [] };
}

/**
 * Header lines up to the blank line, then the body. A line that is not a header also ends the
 * headers: people often drop the blank line when pasting.
 */
function splitHeaders(lines: readonly string[], start: number): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  let index = start;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      index++;
      break;
    }
    const header = HEADER_LINE.exec(line);
    if (!header) break;
    addHeader(headers, header[1]!, header[2]!.trim());
  }
  return { headers, body: lines.slice(index).join('\n') };
}

function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  // a repeated header means the values joined by commas (RFC 9110, 5.3)
  if (existing !== undefined) headers[existing] = `${headers[existing]}, ${value}`;
  else headers[name] = value;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Host and path of a URL as written; no URL parser, so nothing gets re-encoded. */
function splitUrl(url: string | undefined): { host?: string; path?: string } {
  if (url === undefined) return {};
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!absolute) return { path: url };
  const path = absolute[2] || '/';
  return absolute[1] ? { host: absolute[1], path } : { path };
}

// ---------------------------------------------------------------------------------------------
// curl

const CURL_DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
/** Options whose value is the next word; needed so that value is not taken for the URL. */
const CURL_VALUE_OPTIONS = new Set([
  '-A', '--user-agent', '-b', '--cookie', '-c', '--cookie-jar', '-e', '--referer', '-E', '--cert', '-F', '--form',
  '-K', '--config', '-m', '--max-time', '-o', '--output', '-r', '--range', '-T', '--upload-file', '-u', '--user',
  '-w', '--write-out', '-x', '--proxy', '--cacert', '--key', '--connect-timeout', '--retry', '--resolve',
  '--limit-rate', '--oauth2-bearer',
]);
/** Short options taking a value, which curl also accepts glued on: -XPOST, -sSH 'Accept: x'. */
const CURL_SHORT_VALUE_LETTERS = new Set(['X', 'H', 'd', ...[...CURL_VALUE_OPTIONS].filter((o) => /^-\w$/.test(o)).map((o) => o[1]!)]);

function parseCurl(command: string): RequestParts {
  const words = shellWords(command.replace(CURL_COMMAND, ''));
  const headers: Record<string, string> = {};
  const data: string[] = [];
  const notes: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  let bodyFile: string | undefined;
  let impliedMethod: string | undefined;
  let jsonOption = false;

  const apply = (option: string, value: string): void => {
    if (option === '-X' || option === '--request') method = value.toUpperCase();
    else if (option === '-H' || option === '--header') {
      const colon = value.indexOf(':');
      if (colon > 0) addHeader(headers, value.slice(0, colon).trim(), value.slice(colon + 1).trim());
    } else if (option === '--url') url = value;
    else if (option === '-u' || option === '--user') notes.push('Credentials given with curl -u');
    else if (CURL_DATA_OPTIONS.has(option)) {
      // curl reads "@name" as a file, except with --data-raw
      if (value.startsWith('@') && option !== '--data-raw') bodyFile = value.slice(1);
      else data.push(value);
      if (option === '--json') jsonOption = true;
    }
  };

  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word === '-I' || word === '--head') impliedMethod = 'HEAD';
    else if (word === '-G' || word === '--get') impliedMethod = 'GET';
    else if (word.startsWith('--')) {
      const takesValue = CURL_DATA_OPTIONS.has(word) || CURL_VALUE_OPTIONS.has(word) || ['--request', '--header', '--url'].includes(word);
      if (takesValue) apply(word, words[++index] ?? '');
    } else if (word.startsWith('-') && word.length > 1) {
      // a cluster of short flags; the first one taking a value takes the rest of the word or the next word
      for (let letter = 1; letter < word.length; letter++) {
        const option = `-${word[letter]}`;
        if (option === '-I') impliedMethod = 'HEAD';
        if (option === '-G') impliedMethod = 'GET';
        if (CURL_SHORT_VALUE_LETTERS.has(word[letter]!)) {
          const glued = word.slice(letter + 1);
          apply(option, glued !== '' ? glued : (words[++index] ?? ''));
          break;
        }
      }
    } else {
      url ??= word;
    }
  }

  // --json sends a JSON Content-Type unless the command sets its own
  if (jsonOption && headerValue(headers, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
  const hasData = data.length > 0 || bodyFile !== undefined;
  method ??= impliedMethod ?? (hasData ? 'POST' : 'GET');
  return {
    format: 'curl',
    method,
    ...(url !== undefined && { url }),
    headers,
    // curl joins several -d values with "&"
    ...(data.length > 0 && { bodyText: data.join('&') }),
    ...(bodyFile !== undefined && { bodyFile }),
    notes,
  };
}

/**
 * Splits a command line into words the way a POSIX shell quotes: single quotes literal, double
 * quotes with backslash escapes. Line continuations from bash (\), cmd (^) and PowerShell (`) are
 * dropped, since people paste multi-line commands from all three.
 */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!;
    if (char === "'") {
      const end = command.indexOf("'", index + 1);
      const stop = end < 0 ? command.length : end;
      word += command.slice(index + 1, stop);
      index = stop;
      inWord = true;
    } else if (char === '"') {
      index++;
      for (; index < command.length && command[index] !== '"'; index++) {
        const next = command[index + 1];
        if (command[index] === '\\' && next !== undefined && '"\\$`'.includes(next)) index++;
        word += command[index];
      }
      inWord = true;
    } else if ((char === '\\' || char === '^' || char === '`') && /^\r?\n/.test(command.slice(index + 1, index + 3))) {
      index += command[index + 1] === '\r' ? 2 : 1;
    } else if (char === '\\' && index + 1 < command.length) {
      word += command[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

// ---------------------------------------------------------------------------------------------
// JSON bodies

type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: locateSyntaxError(text, error instanceof Error ? error.message : String(error)) };
  }
}

function describeJsonBody(body: unknown): string {
  if (Array.isArray(body)) return `JSON body is an array of ${plural(body.length, 'item')}`;
  if (body === null) return 'JSON body is null';
  if (typeof body !== 'object') return `JSON body is a ${typeof body}`;
  const keys = Object.keys(body);
  const listed = keys.slice(0, MAX_LISTED_KEYS).join(', ') + (keys.length > MAX_LISTED_KEYS ? ', …' : '');
  return `JSON body with ${plural(keys.length, 'field')}${keys.length > 0 ? ` (top-level keys: ${listed})` : ''}`;
}

/**
 * Where JSON.parse stopped, as line, column and excerpt. The position comes from the engine's
 * message ("… at position N"); messages without one are either the input ending early, or an
 * unexpected token, for which a small scanner finds the spot.
 */
function locateSyntaxError(text: string, engineMessage: string): JsonSyntaxError {
  const reported = /at position (\d+)/.exec(engineMessage);
  let position: number;
  if (reported) position = Number(reported[1]);
  else if (/end of JSON input/i.test(engineMessage)) position = text.length;
  else position = firstJsonErrorOffset(text);
  const contentEnd = text.trimEnd().length;
  const endsEarly = position >= contentEnd;
  // "the end" means just after the last thing written, not on a trailing blank line
  position = Math.min(position, contentEnd);

  let explanation = endsEarly ? 'the JSON ends too early; a closing quote, bracket or brace may be missing' : withoutPosition(engineMessage);
  const trailingComma = trailingCommaBefore(text, position);
  if (trailingComma !== undefined) {
    explanation = `trailing comma before '${text[position]}' (JSON does not allow one)`;
    // point at the comma: that is what the customer has to delete
    position = trailingComma;
  } else if (text[position] === "'") {
    explanation = 'a single quote, where JSON needs double quotes around names and strings';
  }

  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const line = countNewlines(text, lineStart) + 1;
  const column = position - lineStart + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  return {
    message: `The JSON body does not parse at line ${line}, column ${column}: ${explanation}.`,
    line,
    column,
    excerpt: caretExcerpt(lineText, column),
  };
}

/** The engine's words without the position and quoted source, which line, column and excerpt replace. */
function withoutPosition(engineMessage: string): string {
  return engineMessage.replace(/\s+in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*$/s, '');
}

function trailingCommaBefore(text: string, position: number): number | undefined {
  if (text[position] !== '}' && text[position] !== ']') return undefined;
  let before = position - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  return text[before] === ',' ? before : undefined;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

const EXCERPT_WIDTH = 80;

/** The line, cut to a window around the column when long (minified JSON), and a caret under it. */
function caretExcerpt(lineText: string, column: number): string {
  let start = 0;
  let end = lineText.length;
  if (lineText.length > EXCERPT_WIDTH) {
    start = Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, lineText.length - EXCERPT_WIDTH));
    end = start + EXCERPT_WIDTH;
  }
  const lead = start > 0 ? '…' : '';
  const shown = lead + lineText.slice(start, end) + (end < lineText.length ? '…' : '');
  // keep tabs in the padding so the caret lines up however tabs are displayed
  const padding = (lead + lineText.slice(start, column - 1)).replace(/[^\t]/g, ' ');
  return `${shown}\n${padding}^`;
}

/**
 * Offset of the first character that keeps `text` from being JSON, or text.length when it ends
 * too early. Only used when the engine's message has no position.
 */
function firstJsonErrorOffset(text: string): number {
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (char: string): boolean => {
    skipSpace();
    if (text[at] !== char) return false;
    at++;
    return true;
  };
  const string = (): boolean => {
    if (!expect('"')) return false;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return true;
      }
      if (char < ' ') return false;
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6)) : !'"\\/bfnrt'.includes(escape ?? 'x')) {
          at++;
          return false;
        }
        at += escape === 'u' ? 6 : 2;
      } else {
        at++;
      }
    }
    return false;
  };
  const literal = (word: string): boolean => {
    for (const char of word) {
      if (text[at] !== char) return false;
      at++;
    }
    return true;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): boolean => {
    skipSpace();
    const char = text[at];
    if (char === '{') return members('}', () => string() && expect(':') && value());
    if (char === '[') return members(']', value);
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    NUMBER.lastIndex = at;
    if (!NUMBER.test(text)) return false;
    at = NUMBER.lastIndex;
    return true;
  };
  const members = (close: string, member: () => boolean): boolean => {
    at++;
    if (expect(close)) return true;
    for (;;) {
      if (!member()) return false;
      if (expect(close)) return true;
      if (!expect(',')) return false;
    }
  };

  try {
    if (!value()) return at;
  } catch (error) {
    // nesting deep enough to exhaust the stack: the end is as good a pointer as any
    if (error instanceof RangeError) return text.length;
    throw error;
  }
  skipSpace();
  return at;
}

// ---------------------------------------------------------------------------------------------
// Responses

const ERROR_FIELDS = new Set(['message', 'error', 'error_description', 'errors', 'detail', 'details', 'reason', 'title', 'description', 'code']);

/**
 * Message- and error-like fields as [path, text] pairs, following nested error objects and
 * arrays (`{ error: { message } }`, `{ errors: [{ detail }] }`) a couple of levels down.
 */
function errorFields(body: unknown, prefix = '', depth = 0): Array<[string, string]> {
  if (body === null || typeof body !== 'object' || depth > 2) return [];
  const fields: Array<[string, string]> = [];
  const entries = Array.isArray(body) ? body.slice(0, 3).map((item, index) => [String(index), item] as const) : Object.entries(body);
  for (const [key, value] of entries) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Array.isArray(body) && !ERROR_FIELDS.has(key.toLowerCase())) continue;
    if (typeof value === 'string' || typeof value === 'number') fields.push([path, String(value)]);
    else fields.push(...errorFields(value, path, depth + 1));
  }
  return fields;
}

function statusFromBody(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const candidate = record['status'] ?? record['statusCode'] ?? record['status_code'];
  return typeof candidate === 'number' && candidate >= 100 && candidate <= 599 ? candidate : undefined;
}

/** An HTML error page says most in its title; anything else in its first line. */
function describeTextBody(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body);
  if (title) return title[1]!.trim();
  return body.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
}

function quote(text: string): string {
  const short = text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
  return `"${short}"`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
