/** Parsing a JSON body, and describing a parsed one in a finding. */

import { locateSyntaxError, type JsonSyntaxError } from './json-error-location.js';
import { plural } from './wording.js';

const MAX_LISTED_KEYS = 10;

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: locateSyntaxError(text, error instanceof Error ? error.message : String(error)) };
  }
}

export function describeJsonBody(body: unknown): string {
  if (Array.isArray(body)) return `JSON body is an array of ${plural(body.length, 'item')}`;
  if (body === null) return 'JSON body is null';
  if (typeof body !== 'object') return `JSON body is a ${typeof body}`;
  const keys = Object.keys(body);
  const listed = keys.slice(0, MAX_LISTED_KEYS).join(', ') + (keys.length > MAX_LISTED_KEYS ? ', …' : '');
  return `JSON body with ${plural(keys.length, 'field')}${keys.length > 0 ? ` (top-level keys: ${listed})` : ''}`;
}
