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
  /**
   * Something every match contains, cheap to look for (not global, and linear: a literal or a
   * character class, never an open-ended scan): text without it is not run through `pattern`. Most text a customer types (a question) holds none of them, and the
   * patterns are long. test/tickets/redaction.test.ts checks the hint on every case a rule matches.
   */
  readonly hint?: RegExp;
}

export interface RuleMatch {
  readonly text: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** `[REDACTED:<type>]` of the rule that matched */
  readonly marker: string;
}

import { redactCredentials } from './credentials.js';
import { fieldPattern, quoteUnlessClosing, redactFieldValue } from './field.js';
import { NAME_START, SECRET_NAME_ENDING } from './secret-names.js';

// Key-value separators of JSON, YAML, ini and env files, and Ruby or PHP hashes
const KEY_SEPARATOR = String.raw`[ \t]*(?::|=>?)[ \t]*`;
// A header's value: to the end of the line (a `\r\n` written out ends it too), or to the closing
// quote when the header opened with one (`-H 'Authorization: ...'`), or the URL after it would go.
const HEADER_VALUE = String.raw`(?:[^\r\n"'\\]|\\[^rn\r\n]|${quoteUnlessClosing('"')}|${quoteUnlessClosing("'")})*`;
// A command-line argument: to the next blank, or to the closing quote when it opened with one
const ARGUMENT = String.raw`(?:[^\s"'\\]|\\\S|(?!\k<open>)[ \t"'])+`;
// Blanks between arguments, a line continuation included, and an argument: never the same text
const ARGUMENT_GAP = String.raw`(?:[ \t]|\\\r?\n)+`;
const BARE_ARGUMENT = String.raw`(?:[^\s\\]|\\(?!\r?\n))+`;

/** The rules in the order they run. Types named here are the markers' and the counts' names. */
export const REDACTION_RULES: readonly RedactionRule[] = [
  {
    // PEM private keys, also written with \n escapes inside a JSON string. Without an END line
    // (a truncated paste) the block still goes, up to the first character a PEM body cannot
    // hold, such as a space: the first word after it may go with it, which is the safe side.
    type: 'private-key',
    hint: /-----BEGIN/,
    pattern: new RegExp(
      String.raw`-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----(?:(?!-----END)[A-Za-z0-9+/=\r\n\t:,\\-]|(?<=:) )*(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----)?`,
      'g',
    ),
  },
  {
    // "Authorization": "Bearer ..." in JSON or a Python dict of headers, f-strings included
    type: 'authorization',
    hint: /authorization/i,
    pattern: new RegExp(
      String.raw`(?<keep>(?<q>["'])(?:Proxy-)?Authorization\k<q>[ \t]*:[ \t]*(?:[bfru]{1,2})?\k<q>)(?<value>(?:(?!\k<q>)[^\\\r\n]|\\.)*)(?<tail>\k<q>)`,
      'gi',
    ),
    replace: ({ groups }) => `${groups.keep ?? ''}${redactCredentials(groups.value ?? '')}${groups.tail ?? ''}`,
  },
  {
    // An HTTP header line, a curl -H argument or a logged request (`\r\n` written out)
    type: 'authorization',
    hint: /authorization/i,
    pattern: new RegExp(String.raw`(?<keep>(?<open>["']?)${NAME_START}(?:Proxy-)?Authorization[ \t]*:[ \t]*)(?<value>${HEADER_VALUE})`, 'gi'),
    replace: ({ groups }) => `${groups.keep ?? ''}${redactCredentials(groups.value ?? '')}`,
  },
  {
    // Every cookie in a Cookie or Set-Cookie header: session cookies have all sorts of names.
    // Before the JWT rule, or a JWT cookie would leave its neighbours in plain view.
    type: 'secret-field',
    hint: /cookie/i,
    pattern: fieldPattern('(?:Set-)?Cookie'),
    replace: redactFieldValue,
  },
  {
    type: 'jwt',
    hint: /eyJ/,
    pattern: /(?<![\w-])eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*(?:\.[\w-]+){0,2}/g,
  },
  {
    // A bare "Bearer <token>" anywhere. The token must hold a digit and be 8 characters or
    // more, so prose ("a Bearer token", "bearer authentication") stays as written.
    type: 'bearer-token',
    hint: /bearer/i,
    pattern: /(?<keep>(?<![\w-])bearer[ \t]+)(?<secret>(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*)/gi,
  },
  {
    type: 'aws-access-key',
    hint: /AKIA|ASIA/,
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    // aws_secret_access_key = ..., "SecretAccessKey": "...", secretKey: ...
    type: 'aws-secret-key',
    hint: /secret/i,
    pattern: new RegExp(
      String.raw`(?<keep>(?<keyQuote>["']?)${NAME_START}(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key\k<keyQuote>${KEY_SEPARATOR}["']?)(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
  },
  {
    // AccountKey=... in a storage connection string
    type: 'azure-storage-key',
    hint: /accountkey/i,
    pattern: /(?<keep>(?<![\w-])AccountKey[ \t]*=[ \t]*)(?<secret>[^;"'\s]+)/gi,
  },
  {
    // A 64-byte key (88 base64 characters) next to a key name, or as the "value" of
    // `az storage account keys list`
    type: 'azure-storage-key',
    hint: /==/,
    pattern: new RegExp(
      String.raw`(?<keep>(?<keyQuote>["']?)${NAME_START}(?:[\w.-]{0,40}?key[\w.-]{0,20}|value)\k<keyQuote>${KEY_SEPARATOR}["']?)(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
      'gi',
    ),
  },
  {
    // The sig parameter of a SAS URL or token: an HMAC-SHA256 in base64, so it ends in "="
    // (URL-encoded or not). Other sig parameters are left to token-param.
    type: 'azure-sas-signature',
    hint: /sig=/i,
    pattern: /(?<keep>(?:[?&]|&amp;|^)sig=)(?<secret>[A-Za-z0-9%+/]{30,150}(?:%3D|=))(?![\w%+/=])/gim,
  },
  {
    // client_secret, clientSecret, AZURE_CLIENT_SECRET
    type: 'azure-client-secret',
    hint: /secret/i,
    pattern: fieldPattern(String.raw`[\w.-]{0,30}?client[ _.-]?secret`),
    replace: redactFieldValue,
  },
  {
    // The Azure AD client secret format: three characters, a digit, "Q~", 34 more
    type: 'azure-client-secret',
    hint: /\dQ~/,
    pattern: /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{34}(?![\w~.-])/g,
  },
  {
    // scheme://user:password@host keeps the user. The password runs to the last "@" before the
    // path, so an unencoded "@" in it does not leave half of it behind.
    type: 'url-credentials',
    hint: /:\/\//,
    pattern: /(?<keep>(?<![\w+.-])[a-z][\w+.-]{0,30}:\/\/[^\s:/@?#"'<>]*:)(?<secret>[^\s/?#"'<>]+)(?=@)/gi,
  },
  {
    // curl -u user:password, --user 'user:password', -U for a proxy: the user stays. Not
    // docker's -u 1000:1000, a user and a group id.
    type: 'basic-credentials',
    hint: /-[uU]|--(?:proxy-)?user/,
    pattern: new RegExp(
      String.raw`(?<keep>(?<![\w-])(?:-[uU]|--(?:proxy-)?user)(?:[ \t]+|=)?(?<open>["']?)(?!\d+:\d+(?![^\s"']))[^\s:"'\\]*:)(?<secret>${ARGUMENT})`,
      'g',
    ),
  },
  {
    // --password, --client-secret, --api-key ... on a command line; a value starting with "-" is
    // the next option, the flag having been a switch (`mysql --password -h db`)
    type: 'secret-field',
    hint: /--/,
    pattern: new RegExp(
      String.raw`(?<keep>(?<![\w-])--[\w-]*?${SECRET_NAME_ENDING}(?:[ \t]+|=)(?<open>["']?))(?<secret>(?:(?<=["'])|(?!-))${ARGUMENT})`,
      'gi',
    ),
  },
  {
    // az login -u <user> -p <password>: -p is a password only there (mkdir -p, ssh -p 22). Up to
    // a dozen arguments before it, as az login has few: an unbounded scan would be quadratic.
    type: 'secret-field',
    hint: /\baz\b/,
    pattern: new RegExp(
      String.raw`(?<keep>\baz${ARGUMENT_GAP}login(?:${ARGUMENT_GAP}(?!-p\b)${BARE_ARGUMENT}){0,12}?${ARGUMENT_GAP}-p[ \t]+(?<open>["']?))(?<secret>${ARGUMENT})`,
      'g',
    ),
  },
  {
    // A web.config or app.config setting, <add key="ClientSecret" value="..." />; with no
    // closing quote the value runs to the end of the line
    type: 'secret-field',
    hint: /<add/i,
    pattern: new RegExp(
      String.raw`(?<keep><add\s+key\s*=\s*(?<q>["'])[\w.:-]*?${SECRET_NAME_ENDING}\k<q>\s+value\s*=\s*(?<open>["']))(?<secret>(?:(?!\k<open>)[^\r\n])+)`,
      'gi',
    ),
  },
  {
    // An XML element, <password>...</password>, <ClientSecret>...</ClientSecret>
    type: 'secret-field',
    hint: /<\//,
    pattern: new RegExp(
      String.raw`(?<keep><(?<tag>[\w.:-]*?${SECRET_NAME_ENDING})(?:[ \t][^<>\r\n]*)?>)(?<secret>[^<\r\n]+)(?<tail></\k<tag>>)`,
      'gi',
    ),
  },
  {
    // Password=...; in ADO.NET, ODBC, JDBC and Service Bus connection strings. A ";" on either
    // side tells a connection string from a form body or an env file, which later rules handle.
    type: 'connection-string',
    hint: /=/,
    pattern: /(?<keep>(?<lead>;[ \t]*)?(?<![\w-])(?:password|pwd|sharedaccesskey)[ \t]*=[ \t]*)(?<secret>\{[^}\r\n]*\}|'[^'\r\n]*'|[^;\r\n"']+)(?<tail>;)?/gi,
    replace: ({ text, groups, marker }) =>
      groups.lead || groups.tail ? `${groups.keep ?? ''}${marker}${groups.tail ?? ''}` : text,
  },
  {
    // Query parameters and form fields; a form body's first field counts when a "&" follows it.
    // tempauth is SharePoint's download token.
    type: 'token-param',
    hint: /=/,
    pattern: new RegExp(
      String.raw`(?<keep>(?:[?&]|&amp;|^(?=[\w.-]+=[^&\s]*&))(?:access_token|id_token|refresh_token|token|tempauth|api_key|api-key|apikey|key|code|signature|sig|secret|password|passwd|pwd|pass|subscription-key|x-amz-signature|x-amz-security-token)=)(?<secret>[^&#\s"'<>]+)`,
      'gim',
    ),
  },
  {
    // Any JSON, YAML, ini, env or form field whose name looks secret. The name may have up to
    // two words before the secret one ("Azure client secret: ...").
    type: 'secret-field',
    hint: /[:=]/,
    pattern: fieldPattern(String.raw`(?:[\w.-]+ ){0,2}[\w.-]*?${SECRET_NAME_ENDING}`),
    replace: redactFieldValue,
  },
];
