/** Taking apart the curl command a customer ran: its words, options, URL, headers and body. */

import { addHeader, headerValue, type RequestParts } from './request-parts.js';

/** A shell prompt people copy along with the command. */
export const CURL_COMMAND = /^(?:\$\s*|>\s*|PS[^>]*>\s*)?curl(?:\.exe)?\s/i;

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

export function parseCurl(command: string): RequestParts {
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
