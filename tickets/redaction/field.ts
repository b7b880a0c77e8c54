import type { RuleMatch } from './rules.js';
import { NAME_START } from './secret-names.js';

/**
 * `name: value` fields in JSON, YAML, ini and env files, HTTP headers, form bodies and Python
 * or Ruby hashes: one pattern shape for every rule that hides a field's value, and the
 * replacement that keeps the value's quoting.
 */

/**
 * A quote that does not close the field's opening quote (group `open`): `'` inside
 * `-H "X-Api-Key: it's"`, or any `'` when the field did not start with one. A backreference to
 * a group that captured nothing matches the empty string, so `(?=\k<open>')` holds at a quote
 * exactly when there was no opening quote, and `(?!\k<open>)` when there was another one.
 */
export function quoteUnlessClosing(quote: '"' | "'"): string {
  return String.raw`(?:(?!\k<open>)|(?=\k<open>${quote}))${quote}`;
}

const DOUBLE_QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"`;
const SINGLE_QUOTED = String.raw`'(?:[^'\\\r\n]|\\.)*'`;
// Python's f"...", r'...' and b"..." strings: the prefix stays outside the marker
const STRING_PREFIX = String.raw`(?:[bfru]{1,2}(?=["']))?`;
// JSON escaped inside another JSON string, as request bodies appear in logs: `\"...\"`
const ESCAPED_QUOTED = String.raw`\\"(?:[^"\\\r\n]|\\\\)*\\"`;
// Followed by a letter or a dot, digits start an unquoted word rather than a JSON number
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])`;
// An Azure Resource Manager parameter, `"adminPassword": { "value": "..." }`: deployment bodies
// hold their passwords one object down.
const ARM_PARAMETER = String.raw`\{\s*"value"\s*:\s*${DOUBLE_QUOTED}`;
// An array of strings, `"set-cookie": ["a=1", "b=2"]`: every string in it goes
const STRING_ARRAY = String.raw`\[\s*(?:${DOUBLE_QUOTED}|${SINGLE_QUOTED})(?:\s*,\s*(?:${DOUBLE_QUOTED}|${SINGLE_QUOTED}))*\s*\]`;
// An unquoted value runs to the end of the line, less trailing blanks, and to the closing quote
// when the field opened with one (`-H 'X-Api-Key: ...'`), so the rest of a command stays. After
// `=` (form bodies, env files, URLs) `&`, `;` and `,` end it too; after `:` (a `key: value` line,
// a Cookie header) they are part of it (group `colon`). A double quote or a backslash always ends
// it, so redacting inside a JSON string never eats the string's closing quote (the price: a
// password with a backslash keeps what follows it). It never starts with `[` or `{`, so neither a
// marker nor a JSON object is taken for a value, and never ends with `]` or `}`, so the object
// around `{"clientSecret":null}` keeps its closing brace.
const BARE_VALUE = String.raw`[^\s"'&;,\\\[{](?:(?:[^\r\n"'&;,\\]|(?!\k<colon>)[&;,]|${quoteUnlessClosing("'")})*[^\s"'&;,\\\]}])?`;
const FIELD_VALUE = [
  STRING_PREFIX + DOUBLE_QUOTED,
  STRING_PREFIX + SINGLE_QUOTED,
  ESCAPED_QUOTED,
  NUMBER,
  ARM_PARAMETER,
  STRING_ARRAY,
  BARE_VALUE,
].join('|');

/**
 * `name: value` in any of the formats above: the name in `keep`, the value in `secret`. A quote
 * before the name either closes after it (`"password": ...`, group `keyClose`) or opens a
 * quoted header the value ends in (`'X-Api-Key: ...'`).
 */
export function fieldPattern(name: string): RegExp {
  return new RegExp(
    String.raw`(?<keep>(?:(?<esc>\\)?(?<open>["']))?${NAME_START}${name}(?<keyClose>\k<esc>\k<open>)?[ \t]*(?:(?<colon>:)|=>?)[ \t]*)(?<secret>${FIELD_VALUE})`,
    'gi',
  );
}

const NOT_A_SECRET = /^(?:|null|true|false|none|undefined)$/i;
const ARRAY_ELEMENT = new RegExp(`${DOUBLE_QUOTED}|${SINGLE_QUOTED}`, 'g');
const QUOTING = /^([bfru]{0,2})(\\"|["'])/i;

/**
 * Replaces a `fieldPattern` match. The value's quoting stays, so a JSON body stays valid JSON:
 * a string keeps its quotes and a number under a quoted key becomes a quoted marker. Empty
 * values and literals such as null hide nothing and are left alone.
 */
export function redactFieldValue({ text, groups, marker }: RuleMatch): string {
  const keep = groups.keep ?? '';
  const value = groups.secret ?? '';
  if (value.startsWith('[')) {
    return keep + value.replace(ARRAY_ELEMENT, (element) => {
      const quote = element.charAt(0);
      return NOT_A_SECRET.test(element.slice(1, -1)) ? element : `${quote}${marker}${quote}`;
    });
  }
  if (value.startsWith('{')) {
    const stringStart = value.indexOf('"', value.indexOf(':')) + 1;
    if (NOT_A_SECRET.test(value.slice(stringStart, -1))) return text;
    return `${keep}${value.slice(0, stringStart)}${marker}"`;
  }
  // a bare value never ends in a quote, so one at both ends means a quoted string
  const quoting = QUOTING.exec(value);
  const [prefix, quote] = quoting && value.endsWith(quoting[2] ?? '') ? [quoting[1] ?? '', quoting[2] ?? ''] : ['', ''];
  const unquoted = quote ? value.slice(prefix.length + quote.length, value.length - quote.length) : value;
  if (NOT_A_SECRET.test(unquoted)) return text;
  const valueQuote = quote || (groups.keyClose ?? '');
  return `${keep}${prefix}${valueQuote}${marker}${valueQuote}`;
}
