import { createRequire } from 'node:module';
import { isEnglishWord } from '../../knowledge/dictionary.js';

/** The word list kept as one string with word offsets answers exactly as the list itself would. */
describe('isEnglishWord', () => {
  const words = createRequire(import.meta.url)('an-array-of-english-words') as string[];
  const listed = new Set(words);

  it('finds every word of the list, the first and the last too', () => {
    expect(words.every((word) => isEnglishWord(word))).toBe(true);
    expect(isEnglishWord(words[0]!)).toBe(true);
    expect(isEnglishWord(words[words.length - 1]!)).toBe(true);
  });

  it('finds no word the list does not hold: a prefix, a word with more after it, names, capitals, nothing', () => {
    const probes = ['suppor', 'supportx', 'basel', 'frankfurt', 'Support', 'centurylink', '', 'zzzzzz', 'a a'];
    for (let i = 0; i < words.length; i += 97) probes.push(`${words[i]}q`, words[i]!.slice(0, -1));
    const wrong = probes.filter((probe) => isEnglishWord(probe) !== listed.has(probe));
    expect(wrong).toEqual([]);
    expect(isEnglishWord('based')).toBe(true);
    expect(isEnglishWord('basel')).toBe(false);
  });
});
