import Fuse from 'fuse.js';

/** Shorter words are left alone: too many real words sit one typo away from each other. */
const MIN_WORD = 5;
const MEMO_LIMIT = 5000;
/** fuse.js results looked at for each word. */
const CANDIDATES = 8;

/**
 * Fixes typos in the words that matter most, with fuse.js over a short vocabulary (place
 * names, cloud names, scope items, article title words). Only words the knowledge base does
 * not know are corrected, and only to a word one or two edits away, so "long" never becomes
 * "london" while "canda", "azrue" and "pathcing" are fixed.
 */
export class Corrector {
  /**
   * One fuse.js index per first letter: a correction keeps the word's first letter (people seldom
   * mistype it), so each word is compared with a fifteenth or so of the vocabulary only.
   */
  private readonly byFirstLetter = new Map<string, Fuse<string>>();
  /** The vocabulary by its words' letters with doubled letters single: where a slip's meaning is found without a search. */
  private readonly byUndoubled = new Map<string, string[]>();
  private readonly vocabulary: ReadonlySet<string>;

  /**
   * `isKnown`: a word of the knowledge base (or a stopword), never corrected. `isDictionaryWord`: an
   * English word the articles do not use; the dictionary holds rare words that are also common
   * typos ("biling"), so such a word is corrected only to a vocabulary word it is a slip of the
   * finger away from: a letter doubled or not, or two letters swapped.
   */
  constructor(vocabulary: Iterable<string>, private readonly isKnown: (word: string) => boolean, private readonly isDictionaryWord: (word: string) => boolean = () => false) {
    const list = [...new Set([...vocabulary].map((w) => w.toLowerCase()).filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)))];
    const groups = new Map<string, string[]>();
    for (const word of list) groups.set(word[0]!, [...(groups.get(word[0]!) ?? []), word]);
    for (const [letter, words] of groups) this.byFirstLetter.set(letter, new Fuse(words, { includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 3 }));
    this.vocabulary = new Set(list);
    for (const word of list) this.byUndoubled.set(undoubled(word), [...(this.byUndoubled.get(undoubled(word)) ?? []), word]);
  }

  /** Corrections already worked out; bounded, as questions bring new words forever. */
  private readonly memo = new Map<string, string>();

  correct(text: string): string {
    return text.replace(/[a-z]{5,}/g, (word) => {
      const known = this.memo.get(word);
      if (known !== undefined) return known;
      const corrected = this.correctWord(word);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(word, corrected);
      return corrected;
    });
  }

  private correctWord(word: string): string {
    {
      if (word.length < MIN_WORD || this.isKnown(word)) return word;
      // most such words are plain English the articles do not happen to use: looked up, not searched
      if (this.isDictionaryWord(word)) return this.slipMeaning(word) ?? word;
      const allowed = word.length <= 6 ? 1 : 2;
      // fuse ranks by its own score ("creates" may come before "create" for "craete"): the
      // closest of its first few by edit distance wins, the first of them on a tie
      let best = word;
      let bestDistance = allowed + 1;
      for (const { item } of this.byFirstLetter.get(word[0]!)?.search(word, { limit: CANDIDATES }) ?? []) {
        const distance = editDistance(word, item);
        if (distance < bestDistance) [best, bestDistance] = [item, distance];
      }
      return best;
    }
  }

  /** The vocabulary word `word` is a slip of the finger away from, if any. */
  private slipMeaning(word: string): string | null {
    const doubled = this.byUndoubled.get(undoubled(word))?.find((candidate) => slipOfTheFinger(word, candidate));
    if (doubled) return doubled;
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
      if (swapped !== word && this.vocabulary.has(swapped)) return swapped;
    }
    return null;
  }
}

/** The letters of a word with every run of one letter made single: "billing" → "biling". */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

/** One letter doubled or undoubled ("biling" / "billing"), or two neighbours swapped ("recieve"). */
export function slipOfTheFinger(typed: string, meant: string): boolean {
  if (typed !== meant && undoubled(typed) === undoubled(meant) && Math.abs(typed.length - meant.length) === 1) return true;
  if (typed.length !== meant.length) return false;
  const differ = [...typed].flatMap((c, i) => (c === meant[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === differ[0]! + 1 && typed[differ[0]!] === meant[differ[1]!] && typed[differ[1]!] === meant[differ[0]!];
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
