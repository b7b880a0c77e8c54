import type { RedactionCounts } from '../model.js';
import { MARKER_PREFIX, redactionMarker } from './marker.js';
import { REDACTION_RULES, type RedactionRule } from './rules.js';
import { looksLikeSecretKey } from './secret-names.js';

/**
 * Secrets out of incident evidence before it is stored or shown to an agent. Counts are what
 * this pass hid: a marker already in the input is neither replaced nor counted again, so
 * redacting twice changes nothing the second time.
 */

export interface RedactedText {
  text: string;
  counts: RedactionCounts;
}

export interface Redacted<T> {
  value: T;
  counts: RedactionCounts;
}

const MARKERS = /\[REDACTED:([a-z0-9-]+)\]/g;

function tallyMarkers(text: string, counts: RedactionCounts, step: 1 | -1): void {
  if (!text.includes(MARKER_PREFIX)) return;
  for (const [, type = ''] of text.matchAll(MARKERS)) counts[type] = (counts[type] ?? 0) + step;
}

function withoutEmptyCounts(counts: RedactionCounts): RedactionCounts {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

function replacementFor(rule: RedactionRule, match: RegExpExecArray, marker: string): string {
  const matched = match[0];
  const groups: Record<string, string | undefined> = match.groups ?? {};
  const secret = groups.secret;
  if (secret !== undefined && secret.includes(MARKER_PREFIX)) return matched;
  return rule.replace
    ? rule.replace({ text: matched, groups, marker })
    : `${groups.keep ?? ''}${marker}${groups.tail ?? ''}`;
}

// Each rule's marker, made once rather than on every call
const RULES = REDACTION_RULES.map((rule) => ({ rule, marker: redactionMarker(rule.type) }));

// An exec loop rather than String.replace with a callback: on evidence with hundreds of
// thousands of matches it is several times faster. The rule's own global pattern is used, its
// lastIndex reset first: redact is synchronous, so nothing else moves it in between.
function applyRule(rule: RedactionRule, marker: string, text: string, counts: RedactionCounts): string {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  let redacted = '';
  let copiedUpTo = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === '') {
      pattern.lastIndex += 1;
      continue;
    }
    const replacement = replacementFor(rule, match, marker);
    if (replacement === match[0]) continue;
    // Counted by the markers that appear, not by matches: a rule may name another type
    // (an Authorization header's Bearer token) or leave part of its match untouched.
    tallyMarkers(replacement, counts, 1);
    tallyMarkers(match[0], counts, -1);
    redacted += text.slice(copiedUpTo, match.index) + replacement;
    copiedUpTo = match.index + match[0].length;
  }
  return copiedUpTo === 0 ? text : redacted + text.slice(copiedUpTo);
}

/**
 * Replaces every secret in the text with a `[REDACTED:<type>]` marker and counts them by type.
 * Idempotent: text that went through it once comes back unchanged, with no counts.
 */
export function redact(text: string): RedactedText {
  const counts: RedactionCounts = {};
  let redacted = text;
  for (const { rule, marker } of RULES) {
    if (rule.hint && !rule.hint.test(redacted)) continue;
    redacted = applyRule(rule, marker, redacted, counts);
  }
  return { text: redacted, counts: withoutEmptyCounts(counts) };
}

/** Adds up redaction counts, e.g. of every piece of evidence in a ticket. */
export function mergeCounts(...counts: RedactionCounts[]): RedactionCounts {
  const total: RedactionCounts = {};
  for (const each of counts) addCounts(total, each);
  return withoutEmptyCounts(total);
}

function addCounts(total: RedactionCounts, more: RedactionCounts): void {
  for (const [type, count] of Object.entries(more)) total[type] = (total[type] ?? 0) + count;
}

// Singular and plural names of each type, in the order a summary lists them
const TYPE_NAMES: Readonly<Record<string, readonly [one: string, many: string]>> = {
  'private-key': ['private key', 'private keys'],
  authorization: ['authorization header', 'authorization headers'],
  'bearer-token': ['bearer token', 'bearer tokens'],
  'basic-credentials': ['basic auth credential', 'basic auth credentials'],
  jwt: ['JWT', 'JWTs'],
  'aws-access-key': ['AWS access key', 'AWS access keys'],
  'aws-secret-key': ['AWS secret key', 'AWS secret keys'],
  'azure-storage-key': ['Azure storage key', 'Azure storage keys'],
  'azure-sas-signature': ['Azure SAS signature', 'Azure SAS signatures'],
  'azure-client-secret': ['Azure client secret', 'Azure client secrets'],
  'connection-string': ['connection string password', 'connection string passwords'],
  'url-credentials': ['password in a URL', 'passwords in URLs'],
  'token-param': ['secret URL parameter', 'secret URL parameters'],
  'secret-field': ['secret field', 'secret fields'],
};

function typeName(type: string, count: number): string {
  const [one, many] = TYPE_NAMES[type] ?? [type.replace(/-/g, ' '), `${type.replace(/-/g, ' ')}s`];
  return count === 1 ? one : many;
}

/** One short line for people: "2 bearer tokens, 1 AWS access key, 1 secret field", or "nothing". */
export function describeRedactions(counts: RedactionCounts): string {
  const known = Object.keys(TYPE_NAMES);
  const types = Object.keys(counts)
    .filter((type) => (counts[type] ?? 0) > 0)
    .sort((a, b) => {
      const rank = (type: string) => (known.includes(type) ? known.indexOf(type) : known.length);
      return rank(a) - rank(b) || a.localeCompare(b);
    });
  if (types.length === 0) return 'nothing';
  return types.map((type) => `${counts[type]} ${typeName(type, counts[type] ?? 0)}`).join(', ');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function hideWhole(counts: RedactionCounts): string {
  counts['secret-field'] = (counts['secret-field'] ?? 0) + 1;
  return redactionMarker('secret-field');
}

function redactString(text: string, counts: RedactionCounts): string {
  const result = redact(text);
  addCounts(counts, result.counts);
  return result.text;
}

// Under a secret key a string keeps what the text rules made of it when they found something
// (`Bearer [REDACTED:bearer-token]` says more than a bare marker); otherwise all of it goes.
function redactSecretString(text: string, counts: RedactionCounts): string {
  if (text === '') return text;
  const redacted = redactString(text, counts);
  return redacted.includes(MARKER_PREFIX) ? redacted : hideWhole(counts);
}

function redactValue(value: unknown, underSecretKey: boolean, counts: RedactionCounts): unknown {
  if (typeof value === 'string') return underSecretKey ? redactSecretString(value, counts) : redactString(value, counts);
  if (typeof value === 'number' || typeof value === 'bigint') return underSecretKey ? hideWhole(counts) : value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, underSecretKey, counts));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item, underSecretKey || looksLikeSecretKey(key), counts)]),
    );
  }
  return value;
}

/**
 * Redacts a JSON-like value (a ticket, a transcript): every string goes through `redact`, and
 * values under keys that look secret (`password`, `clientSecret`, `Authorization`) are hidden
 * whatever their format: strings and numbers become markers, objects and arrays under such a
 * key lose every string and number inside. Booleans and null stay. Returns a copy.
 */
export function redactDeep<T>(value: T): Redacted<T> {
  const counts: RedactionCounts = {};
  const redacted = redactValue(value, false, counts) as T;
  return { value: redacted, counts: withoutEmptyCounts(counts) };
}
