import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Is this an ordinary English word? The spelling corrector must never "fix" a real word into a
 * place or product name ("based" → "Basel"). The list (~275,000 words, sorted) costs ~75 ms to
 * read, so it is read on first use, once per process: immutable reference data, like a regex.
 *
 * It is kept as one string of all the words and a typed array of where each starts, not as an
 * array of 275,000 strings: the garbage collector walks every object the process keeps at
 * each full collection, and under load those words alone made every turn measurably slower.
 */
interface WordList {
  /** Every word, in order, each followed by a newline. */
  text: string;
  /** Where each word starts in `text`, and one more entry: where the word after the last would. */
  starts: Uint32Array;
}

let wordList: WordList | null = null;

function load(): WordList {
  const path = createRequire(import.meta.url).resolve('an-array-of-english-words/index.json');
  const words = JSON.parse(readFileSync(path, 'utf8')) as string[];
  const starts = new Uint32Array(words.length + 1);
  let at = 0;
  words.forEach((word, index) => {
    starts[index] = at;
    at += word.length + 1;
  });
  starts[words.length] = at;
  return { text: `${words.join('\n')}\n`, starts };
}

export function isEnglishWord(word: string): boolean {
  wordList ??= load();
  const { text, starts } = wordList;
  let low = 0;
  let high = starts.length - 2;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const order = compareAt(text, starts[mid]!, starts[mid + 1]! - 1, word);
    if (order === 0) return true;
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** How text[start, end) sorts against `word`, as `<` orders strings: negative, 0 or positive. */
function compareAt(text: string, start: number, end: number, word: string): number {
  const length = end - start;
  const shared = Math.min(length, word.length);
  for (let i = 0; i < shared; i++) {
    const difference = text.charCodeAt(start + i) - word.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return length - word.length;
}
