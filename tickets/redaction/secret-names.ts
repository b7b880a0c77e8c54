/**
 * Which names of fields, headers, parameters and command-line flags mark their value as secret,
 * for the text rules (as pattern source) and for `redactDeep` (as a test on object keys).
 */

// Ends of key names that mark the value as secret. Only the end counts, so `db_password` and
// `x-api-key` are secret while `passwordPolicy`, `token_type` and `max_tokens` are not.
const SECRET_NAME_ENDINGS = [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token',
  'api key', 'client secret', 'connection string', 'authorization', 'private key',
  'credential', 'credentials', 'access key', 'secret key', 'account key', 'subscription key',
  'master key', 'functions key', 'session id', 'sessid', 'cookie', 'cookies',
] as const;

// `pass` counts only as a word of its own (`DB_PASS`, `--pass`), or `bypass` and `compass`
// would be secret. Camel case (`dbPass`) is not told apart: the patterns are case-insensitive.
const PASS_WORD = /(?:^|[\s_.-])pass$/i;

const NAME_SEPARATORS = /[\s_.-]+/g;
const NORMALIZED_ENDINGS = SECRET_NAME_ENDINGS.map((ending) => ending.replace(NAME_SEPARATORS, ''));

/** Whether a field, header or parameter with this name holds a secret (`clientSecret`, `X-Api-Key`, `DB_PASSWORD`). */
export function looksLikeSecretKey(name: string): boolean {
  const normalized = name.toLowerCase().replace(NAME_SEPARATORS, '');
  return NORMALIZED_ENDINGS.some((ending) => normalized.endsWith(ending)) || PASS_WORD.test(name.trim());
}

/** The same endings as pattern source (`api[ _.-]?key`), for patterns with the `i` flag. */
export const SECRET_NAME_ENDING = `(?:${SECRET_NAME_ENDINGS.map((ending) => ending.split(' ').join('[ _.-]?')).join('|')}|(?<![a-z0-9])pass)`;

/**
 * Where a name may start: where a word does, or right after a newline or tab written out as `\n`
 * in a logged string (`...\r\nAuthorization: ...`). Starting nowhere else keeps the patterns linear.
 */
export const NAME_START = String.raw`(?:(?<![\w.-])|(?<=\\[nrt]))`;
