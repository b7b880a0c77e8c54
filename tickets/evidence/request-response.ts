/** Reading the response a customer got back: its status and the error it reported. */

import { STATUS_CODES } from 'node:http';

import { describeJsonBody } from './json-body.js';
import { firstNonBlankLine, headerValue, looksLikeJson, splitHeaders } from './request-parts.js';

export interface HttpResponseParse {
  status?: number;
  reason?: string;
  body?: unknown;
  findings: string[];
}

const MAX_QUOTED_CHARS = 300;
const MAX_STATUS_LINE_CHARS = 200;
const ERROR_FIELDS = new Set(['message', 'error', 'error_description', 'errors', 'detail', 'details', 'reason', 'title', 'description', 'code']);

/**
 * Reads the response the customer got: the status from an HTTP status line or a bare code such as
 * "500" or "Status: 404 Not Found", and the message and error fields of a JSON error body.
 */
export function parseHttpResponse(text: string): HttpResponseParse {
  const lines = text.split(/\r?\n/);
  const first = firstNonBlankLine(lines);
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
    if (looksLikeJson(bodyText, contentType)) {
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
  const lines = body.split(/\r?\n/);
  return lines[firstNonBlankLine(lines)]?.trim() ?? '';
}

function quote(text: string): string {
  const short = text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
  return `"${short}"`;
}
