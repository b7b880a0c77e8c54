/**
 * What counts as a secret in incident evidence, as data: an ordered list of rules that
 * `redact` applies one after the other. Order matters twice over: a rule only ever sees text
 * the rules before it left, so the specific formats (a PEM block, an HTTP header, a JWT) come
 * before the generic "field whose name looks secret" rule, and the most specific type is the
 * one counted.
 *
 * Every pattern must stay linear on 10 MB of evidence: names start only where a word starts
 * (a one-character lookbehind), repeated groups cannot split the same text two ways, and the
 * lazy scans are bounded.
 */

/** One kind of secret and how to find it. */
export interface RedactionRule {
  /** Names the marker, `[REDACTED:<type>]`, and the count. */
  readonly type: string;
  /**
   * Global. A match reads as the named groups `keep`, `secret` and `tail`: by default the secret
   * becomes the marker and the rest stays, so a reader still sees which field or header it was.
   */
  readonly pattern: RegExp;
  /** When swapping one group is not enough: returns what replaces the whole match. */
  readonly replace?: (match: RuleMatch) => string;
}

export interface RuleMatch {
  readonly text: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** `[REDACTED:<type>]` of the rule that matched */
  readonly marker: string;
}

export const MARKER_PREFIX = '[REDACTED:';

/** The text that stands in for a secret of the given type. */
export function redactionMarker(type: string): string {
  return `${MARKER_PREFIX}${type}]`;
}

// Ends of key names that mark the value as secret. Only the end counts, so `db_password` and
// `x-api-key` are secret while `passwordPolicy`, `token_type` and `max_tokens` are not.
const SECRET_NAME_ENDINGS = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token',
  'api key', 'client secret', 'connection string', 'authorization', 'private key',
  'credential', 'credentials', 'access key', 'secret key', 'account key', 'subscription key',
  'master key', 'session id', 'sessid', 'cookie', 'cookies',
] as const;

const NAME_SEPARATORS = /[\s_.-]+/g;
const NORMALIZED_ENDINGS = SECRET_NAME_ENDINGS.map((ending) => ending.replace(NAME_SEPARATORS, ''));

/** Whether a field, header or parameter with this name holds a secret (`clientSecret`, `X-Api-Key`, `DB_PASSWORD`). */
export function looksLikeSecretKey(name: string): boolean {
  const normalized = name.toLowerCase().replace(NAME_SEPARATORS, '');
  return NORMALIZED_ENDINGS.some((ending) => normalized.endsWith(ending));
}

// The same endings inside a pattern (`api[ _.-]?key`), case-insensitive through the flags
const SECRET_NAME_ENDING = `(?:${SECRET_NAME_ENDINGS.map((ending) => ending.split(' ').join('[ _.-]?')).join('|')})`;

// A name starts where a word does, or right after a newline or tab written out as `\n` in a
// logged string (`...\r\nAuthorization: ...`). Starting nowhere else keeps the patterns linear.
const NAME_START = String.raw`(?:(?<![\w.-])|(?<=\\[nrt]))`;
// Key-value separators of JSON, YAML, ini and env files, and Ruby or PHP hashes
const KEY_SEPARATOR = String.raw`[ \t]*(?::|=>?)[ \t]*`;
const DOUBLE_QUOTED = String.raw`"(?:[^"\\\r\n]|\\.)*"`;
const SINGLE_QUOTED = String.raw`'(?:[^'\\\r\n]|\\.)*'`;
// JSON escaped inside another JSON string, as request bodies appear in logs: `\"...\"`
const ESCAPED_QUOTED = String.raw`\\"(?:[^"\\\r\n]|\\\\)*\\"`;
// Followed by a letter or a dot, digits start an unquoted word rather than a JSON number
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])`;
// An Azure Resource Manager parameter, `"adminPassword": { "value": "..." }`: deployment bodies
// hold their passwords one object down.
const ARM_PARAMETER = String.raw`\{\s*"value"\s*:\s*${DOUBLE_QUOTED}`;
// An array of strings, `"set-cookie": ["a=1", "b=2"]`: every string in it goes
const STRING_ARRAY = String.raw`\[\s*(?:${DOUBLE_QUOTED}|${SINGLE_QUOTED})(?:\s*,\s*(?:${DOUBLE_QUOTED}|${SINGLE_QUOTED}))*\s*\]`;
// An unquoted value runs to the end of the line, `&`, `;` or `,`, less trailing blanks. A double
// quote or a backslash ends it too, so redacting inside a JSON string never eats the string's
// closing quote (the price: a password with a backslash keeps what follows it). It never
// starts with `[` or `{`, so neither a marker nor a JSON object is taken for a value.
const BARE_VALUE = String.raw`[^\s"'&;,\\\[{](?:[^\r\n"&;,\\]*[^\s"&;,\\])?`;
const FIELD_VALUE = [DOUBLE_QUOTED, SINGLE_QUOTED, ESCAPED_QUOTED, NUMBER, ARM_PARAMETER, STRING_ARRAY, BARE_VALUE].join('|');

// HTTP authorization schemes whose credentials get a marker of their own
const SCHEME_TYPES: Readonly<Record<string, string>> = {
  bearer: 'bearer-token',
  basic: 'basic-credentials',
};
const SCHEME_AND_CREDENTIALS = /^([A-Za-z][\w.-]*)([ \t]+)(\S.*)$/;
const TOKEN68 = /^[\w.~+/-]+=*/;

// The scheme word stays, so a reader still knows it was Bearer or Basic. Bearer and Basic
// credentials are one token and what follows it stays; other schemes (Digest, AWS4-HMAC-SHA256,
// SharedKey) carry parameter lists and lose everything after the scheme.
function redactCredentials(value: string): string {
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

// A header quoted on a command line (`-H 'Authorization: ...'`) ends at its closing quote, not
// at the end of the line, or the URL after it would go too.
function splitAtClosingQuote(value: string, quote: string): [inside: string, after: string] {
  for (let index = 0; index < value.length; index += 1) {
    if (value[index] === '\\') index += 1;
    else if (value[index] === quote) return [value.slice(0, index), value.slice(index)];
  }
  return [value, ''];
}

// `name: value` in any of the formats above: the name in `keep`, the value in `secret`.
function fieldPattern(name: string): RegExp {
  return new RegExp(
    String.raw`(?<keep>(?<keyQuote>(?:\\?["'])?)${NAME_START}${name}\k<keyQuote>${KEY_SEPARATOR})(?<secret>${FIELD_VALUE})`,
    'gi',
  );
}

const NOT_A_SECRET = /^(?:|null|true|false|none|undefined)$/i;
const ARRAY_ELEMENT = new RegExp(`${DOUBLE_QUOTED}|${SINGLE_QUOTED}`, 'g');

// The value's quoting stays, so a JSON body stays valid JSON: a string keeps its quotes and a
// number under a quoted key becomes a quoted marker. Empty values and literals such as null
// hide nothing and are left alone.
function redactFieldValue({ text, groups, marker }: RuleMatch): string {
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
  const quote = value.startsWith('\\"') ? '\\"' : /^["']/.test(value) ? value.charAt(0) : '';
  const unquoted = quote ? value.slice(quote.length, value.length - quote.length) : value;
  if (NOT_A_SECRET.test(unquoted)) return text;
  const keyQuote = groups.keyQuote ?? '';
  const valueQuote = quote || keyQuote;
  return `${keep}${valueQuote}${marker}${valueQuote}`;
}

/** The rules in the order they run. Types named here are the markers' and the counts' names. */
export const REDACTION_RULES: readonly RedactionRule[] = [
  {
    // PEM private keys, also written with \n escapes inside a JSON string. Without an END line
    // (a truncated paste) the block still goes, up to the first character a PEM body cannot
    // hold, such as a space: the first word after it may go with it, which is the safe side.
    type: 'private-key',
    pattern: new RegExp(
      String.raw`-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----(?:(?!-----END)[A-Za-z0-9+/=\r\n\t:,\\-]|(?<=:) )*(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----)?`,
      'g',
    ),
  },
  {
    // "Authorization": "Bearer ..." in JSON or a Python dict of headers
    type: 'authorization',
    pattern: new RegExp(
      String.raw`(?<keep>(?<q>["'])(?:Proxy-)?Authorization\k<q>[ \t]*:[ \t]*\k<q>)(?<value>(?:(?!\k<q>)[^\\\r\n]|\\.)*)(?<tail>\k<q>)`,
      'gi',
    ),
    replace: ({ groups }) => `${groups.keep ?? ''}${redactCredentials(groups.value ?? '')}${groups.tail ?? ''}`,
  },
  {
    // An HTTP header line, a curl -H argument or a logged request (`\r\n` written out)
    type: 'authorization',
    pattern: new RegExp(
      String.raw`(?<keep>(?<open>["']?)${NAME_START}(?:Proxy-)?Authorization[ \t]*:[ \t]*)(?<value>(?:(?!\\[rn])[^\r\n])*)`,
      'gi',
    ),
    replace: ({ groups }) => {
      const open = groups.open ?? '';
      const [inside, after] = open ? splitAtClosingQuote(groups.value ?? '', open) : [groups.value ?? '', ''];
      return `${groups.keep ?? ''}${redactCredentials(inside)}${after}`;
    },
  },
  {
    // Every cookie in a Cookie or Set-Cookie header: session cookies have all sorts of names.
    // Before the JWT rule, or a JWT cookie would leave its neighbours in plain view.
    type: 'secret-field',
    pattern: new RegExp(
      String.raw`(?<keep>${NAME_START}(?:Set-)?Cookie[ \t]*:[ \t]*)(?<secret>(?:(?!\\[rn])[^\r\n"'])*[^\s"'\\])`,
      'gi',
    ),
  },
  {
    type: 'jwt',
    pattern: /(?<![\w-])eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*(?:\.[\w-]+){0,2}/g,
  },
  {
    // A bare "Bearer <token>" anywhere. The token must hold a digit and be 8 characters or
    // more, so prose ("a Bearer token", "bearer authentication") stays as written.
    type: 'bearer-token',
    pattern: /(?<keep>(?<![\w-])bearer[ \t]+)(?<secret>(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*)/gi,
  },
  {
    type: 'aws-access-key',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    // aws_secret_access_key = ..., "SecretAccessKey": "...", secretKey: ...
    type: 'aws-secret-key',
    pattern: new RegExp(
      String.raw`(?<keep>(?<keyQuote>["']?)${NAME_START}(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key\k<keyQuote>${KEY_SEPARATOR}["']?)(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
  },
  {
    // AccountKey=... in a storage connection string
    type: 'azure-storage-key',
    pattern: /(?<keep>(?<![\w-])AccountKey[ \t]*=[ \t]*)(?<secret>[^;"'\s]+)/gi,
  },
  {
    // A 64-byte key (88 base64 characters) next to a key name, or as the "value" of
    // `az storage account keys list`
    type: 'azure-storage-key',
    pattern: new RegExp(
      String.raw`(?<keep>(?<keyQuote>["']?)${NAME_START}(?:[\w.-]{0,40}?key[\w.-]{0,20}|value)\k<keyQuote>${KEY_SEPARATOR}["']?)(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
      'gi',
    ),
  },
  {
    // The sig parameter of a SAS URL or token: an HMAC-SHA256 in base64, so it ends in "="
    // (URL-encoded or not). Other sig parameters are left to token-param.
    type: 'azure-sas-signature',
    pattern: /(?<keep>(?:[?&]|&amp;|^)sig=)(?<secret>[A-Za-z0-9%+/]{30,150}(?:%3D|=))(?![\w%+/=])/gim,
  },
  {
    // client_secret, clientSecret, AZURE_CLIENT_SECRET
    type: 'azure-client-secret',
    pattern: fieldPattern(String.raw`[\w.-]{0,30}?client[ _.-]?secret`),
    replace: redactFieldValue,
  },
  {
    // The Azure AD client secret format: three characters, a digit, "Q~", 34 more
    type: 'azure-client-secret',
    pattern: /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{34}(?![\w~.-])/g,
  },
  {
    // scheme://user:password@host keeps the user. The password runs to the last "@" before the
    // path, so an unencoded "@" in it does not leave half of it behind.
    type: 'url-credentials',
    pattern: /(?<keep>(?<![\w+.-])[a-z][\w+.-]{0,30}:\/\/[^\s:/@?#"'<>]*:)(?<secret>[^\s/?#"'<>]+)(?=@)/gi,
  },
  {
    // Password=...; in ADO.NET, ODBC, JDBC and Service Bus connection strings. A ";" on either
    // side tells a connection string from a form body or an env file, which later rules handle.
    type: 'connection-string',
    pattern: /(?<keep>(?<lead>;[ \t]*)?(?<![\w-])(?:password|pwd|sharedaccesskey)[ \t]*=[ \t]*)(?<secret>\{[^}\r\n]*\}|'[^'\r\n]*'|[^;\r\n"']+)(?<tail>;)?/gi,
    replace: ({ text, groups, marker }) =>
      groups.lead || groups.tail ? `${groups.keep ?? ''}${marker}${groups.tail ?? ''}` : text,
  },
  {
    // Query parameters and form fields; a form body's first field counts when a "&" follows it
    type: 'token-param',
    pattern: new RegExp(
      String.raw`(?<keep>(?:[?&]|&amp;|^(?=[\w.-]+=[^&\s]*&))(?:access_token|id_token|refresh_token|token|api_key|api-key|apikey|key|code|signature|sig|secret|password|passwd|pwd|subscription-key|x-amz-signature|x-amz-security-token)=)(?<secret>[^&#\s"'<>]+)`,
      'gim',
    ),
  },
  {
    // Any JSON, YAML, ini, env or form field whose name looks secret. The name may have up to
    // two words before the secret one ("Azure client secret: ...").
    type: 'secret-field',
    pattern: fieldPattern(String.raw`(?:[\w.-]+ ){0,2}[\w.-]*?${SECRET_NAME_ENDING}`),
    replace: redactFieldValue,
  },
];
