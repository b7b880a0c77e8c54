/**
 * Reads the API call a customer pasted, in whichever shape they had it: the JSON body alone, the
 * raw HTTP request, or the curl command they ran; and the response they got back. The point is
 * findings an engineer can read at a glance, and a precise pointer when the JSON is broken,
 * because a broken body is the most common cause of a failed call.
 */

import { CURL_COMMAND, parseCurl } from './curl-command.js';
import { describeJsonBody, parseJson } from './json-body.js';
import type { JsonSyntaxError } from './json-error-location.js';
import {
  firstNonBlankLine,
  headerValue,
  isJsonContentType,
  looksLikeJson,
  splitHeaders,
  type ApiRequestFormat,
  type RequestParts,
} from './request-parts.js';

export type { ApiRequestFormat } from './request-parts.js';
export type { JsonSyntaxError } from './json-error-location.js';
export { parseHttpResponse, type HttpResponseParse } from './request-response.js';

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

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';
const REQUEST_LINE = new RegExp(`^(${METHODS})\\s+(\\S+)(?:\\s+HTTP/\\d(?:\\.\\d)?)?\\s*$`, 'i');

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
    if (looksLikeJson(bodyText, contentType)) {
      const parsed = parseJson(bodyText);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      body = parsed.value;
      hasBody = true;
      findings.push(describeJsonBody(body));
      if (parts.format !== 'json' && !isJsonContentType(contentType)) {
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

// ---------------------------------------------------------------------------------------------
// Taking the pasted request apart

function splitRequest(text: string): RequestParts {
  const trimmed = text.trim();
  if (CURL_COMMAND.test(trimmed)) return parseCurl(trimmed);

  const lines = text.split(/\r?\n/);
  const first = firstNonBlankLine(lines);
  const requestLine = first >= 0 ? REQUEST_LINE.exec(lines[first]!.trim()) : null;
  if (requestLine) {
    const { headers, body } = splitHeaders(lines, first + 1);
    return { format: 'http', method: requestLine[1]!.toUpperCase(), url: requestLine[2]!, headers, bodyText: body, notes: [] };
  }
  // the text itself is the body, untrimmed, so error lines match what the customer pasted
  if (/^[[{]/.test(trimmed)) return { format: 'json', headers: {}, bodyText: text, notes: [] };
  return { format: 'text', headers: {}, bodyText: text, notes: [] };
}

/** Host and path of a URL as written; no URL parser, so nothing gets re-encoded. */
function splitUrl(url: string | undefined): { host?: string; path?: string } {
  if (url === undefined) return {};
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!absolute) return { path: url };
  const path = absolute[2] || '/';
  return absolute[1] ? { host: absolute[1], path } : { path };
}
