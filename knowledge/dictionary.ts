import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Is this an ordinary English word? The spelling corrector must never "fix" a real word into a
 * place or product name ("based" → "Basel"). The list (~275,000 words, sorted) costs ~75 ms to
 * read, so it is read on first use, once per process: immutable reference data, like a regex.
 */
let sortedWords: readonly string[] | null = null;

function load(): readonly string[] {
  const path = createRequire(import.meta.url).resolve('an-array-of-english-words/index.json');
  return JSON.parse(readFileSync(path, 'utf8')) as string[];
}

export function isEnglishWord(word: string): boolean {
  sortedWords ??= load();
  let low = 0;
  let high = sortedWords.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const candidate = sortedWords[mid]!;
    if (candidate === word) return true;
    if (candidate < word) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
