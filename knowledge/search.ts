import { FieldedBm25 } from './bm25.js';
import type { Passage } from './passages.js';
import { expand } from './synonyms.js';
import { enumerationTerms, isKindTerm, withKinds } from './kinds.js';
import { GENERIC_WEIGHT, isGeneric } from './generic-terms.js';
import { STOPWORDS, stem, words } from './text.js';

/** One idea of a question: a stemmed word and the words that count as the same. */
export interface Concept {
  term: string;
  alternatives: string[];
}

export interface RankedPassage {
  passage: Passage;
  /** BM25 score from the index, scaled by coverage. */
  score: number;
  /** Share of the question's ideas (weighted by rarity) the passage contains, 0..1. */
  coverage: number;
}

export function conceptsOf(question: string): Concept[] {
  const seen = new Set<string>();
  const concepts: Concept[] = [];
  for (const word of words(question)) {
    if (STOPWORDS.has(word)) continue;
    const term = stem(word);
    if (seen.has(term)) continue;
    seen.add(term);
    concepts.push({ term, alternatives: expand(term) });
  }
  // "which clouds…?" asks for the clouds to be named: an idea of its own (kinds.ts)
  return withKinds(question, concepts);
}

/** Numbers written as words, stemmed. */
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'dozen', 'hundred', 'couple'].map(stem));

/** Share of passages a never-seen word is weighted as if it appeared in. */
const UNKNOWN_WORD_SHARE = 0.075;

const TITLE_NAMED_BOOST = 1.5;
/** How hard a missing idea of the question pulls a passage down, whatever its BM25 score. */
const COVERAGE_FLOOR = 0.1;
const COVERAGE_POWER = 2;
const PHRASE_BOOST = 0.25;
const MAX_PHRASE_PAIRS = 3;

/** Unordered adjacent pairs of a word sequence, as "a b" with a before b alphabetically. */
export function pairs(sequence: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < sequence.length; i++) {
    const a = sequence[i - 1]!;
    const b = sequence[i]!;
    if (a !== b) out.add(a < b ? `${a} ${b}` : `${b} ${a}`);
  }
  return out;
}

/** Boosts of the ranked fields, in the order they are given: a passage's own text, its headings, its article's title. */
const FIELD_BOOSTS = [1, 1.5, 1.2];

/**
 * BM25 over passages (bm25.ts), with a coverage measure on top: BM25 alone ranks a passage
 * that repeats one common word above one that holds every idea of the question, and gives no
 * sense of whether anything answered at all. Coverage is what the confidence bar is set on.
 */
export class PassageIndex {
  private readonly bm25 = new FieldedBm25(FIELD_BOOSTS);
  private readonly termsOf: Set<string>[];
  /** Words of a passage's own text, apart from its title and headings. */
  private readonly ownTermsOf: Set<string>[];
  /** Adjacent word pairs of each passage's own text ("azure resourc"), for phrase matches. */
  private readonly pairsOf: Set<string>[];
  /** Words of each passage's article title. */
  private readonly titleTermsOf: string[][];
  private readonly documentFrequency = new Map<string, number>();
  /**
   * Passages by a hash of their words, to find the same text in other articles (a contact section
   * that closes every guide). A hash, not the text: the index keeps no second copy of the corpus.
   */
  private readonly byTextHash = new Map<number, Passage[]>();
  private readonly unknownWeight: number;

  constructor(readonly passages: readonly Passage[]) {
    // each text is normalised, split and stemmed once, for BM25 and for the sets of terms alike
    const titleWords = new Map<string, string[]>();
    const documents = passages.map((p) => {
      const text = words(p.units.map((u) => u.plain).join(' '));
      const heading = words([...p.trail, p.heading].join(' '));
      const title = titleWords.get(p.title) ?? titleWords.set(p.title, words(p.title)).get(p.title)!;
      return { id: p.id, text, heading, title };
    });
    const content = (list: readonly string[]): string[] => list.filter((w) => !STOPWORDS.has(w)).map(stem);
    const titleContent = new Map<readonly string[], string[]>();
    const contentOfTitle = (title: readonly string[]): string[] => titleContent.get(title) ?? titleContent.set(title, content(title)).get(title)!;
    // the kinds a passage enumerates are read from its own text only: an AWS article's title does
    // not make its sentence about Azure name both clouds
    const ownTerms = documents.map((d) => content(d.text));
    const headingTerms = documents.map((d) => content(d.heading));
    documents.forEach((d, i) =>
      this.bm25.add(d.id, [
        { words: d.text, terms: ownTerms[i]! },
        { words: d.heading, terms: headingTerms[i]! },
        { words: d.title, terms: contentOfTitle(d.title) },
      ]),
    );
    const distinctTitleTerms = new Map<readonly string[], string[]>();
    this.ownTermsOf = ownTerms.map((terms, i) => new Set([...terms, ...enumerationTerms(documents[i]!.text)]));
    this.pairsOf = ownTerms.map(pairs);
    this.titleTermsOf = documents.map((d) => distinctTitleTerms.get(d.title) ?? distinctTitleTerms.set(d.title, [...new Set(contentOfTitle(d.title))]).get(d.title)!);
    this.termsOf = documents.map((d, i) => new Set([...this.ownTermsOf[i]!, ...headingTerms[i]!, ...this.titleTermsOf[i]!]));
    for (const terms of this.termsOf) for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    for (const [i, passage] of passages.entries()) {
      const key = hashOf(documents[i]!.text);
      const same = this.byTextHash.get(key);
      if (same) same.push(passage);
      else this.byTextHash.set(key, [passage]);
    }
    // a word the knowledge base has never seen weighs like one found in a fair share of passages:
    // enough that "the capital of France" finds nothing, not so much that chat filler sinks a question
    this.unknownWeight = this.idf(Math.max(1, passages.length * UNKNOWN_WORD_SHARE));
  }

  /** The best passages for the question, best first. `filter` narrows to some passages. */
  rank(concepts: readonly Concept[], limit = 5, filter?: (p: Passage) => boolean, questionPairs: ReadonlySet<string> = new Set(), boost?: (p: Passage) => number): RankedPassage[] {
    if (concepts.length === 0) return [];
    // a kind's members are found through the kind's word, whose alternatives name them
    const query = concepts.filter((c) => !isKindTerm(c.term)).map((c) => c.term).join(' ');
    // each word of the query is searched with the words that count as the same (synonyms.ts)
    const queryTerms = words(query).flatMap((word) => (STOPWORDS.has(word) ? [] : expand(stem(word)))).filter((term) => term !== '');
    const hits = this.bm25.search(queryTerms, filter ? (id) => filter(this.passages[id]!) : undefined);
    const asked = new Set(concepts.map((c) => c.term));
    return hits
      .slice(0, 40)
      .map((hit) => {
        const id = hit.id;
        // a question that names an article by its whole title is about that article
        const titleTerms = this.titleTermsOf[id]!;
        const named = titleTerms.length >= 2 && titleTerms.every((t) => asked.has(t)) ? TITLE_NAMED_BOOST : 1;
        // ranking: a word met only in the title or a heading counts for half, as the passage itself must answer
        const coverage = this.coverage(concepts, this.termsOf[id]!);
        const ownCoverage = this.coverage(concepts, this.ownTermsOf[id]!);
        // words of the question that stand together in the passage too ("azure resources") say it is about the same thing
        let together = 0;
        for (const pair of questionPairs) if (this.pairsOf[id]!.has(pair)) together++;
        const phrase = 1 + Math.min(MAX_PHRASE_PAIRS, together) * PHRASE_BOOST;
        const passage = this.passages[id]!;
        const preferred = boost ? boost(passage) : 1;
        return { passage, score: preferred * named * phrase * hit.score * (COVERAGE_FLOOR + (coverage + ownCoverage) / 2) ** COVERAGE_POWER, coverage };
      })
      .sort((a, b) => b.score - a.score)
      .filter((ranked, i, all) => all.findIndex((other) => other.passage.group === ranked.passage.group) === i)
      .slice(0, limit);
  }

  /** Weight of a concept: how rare its word is among passages (an unknown word weighs most); a word of asking weighs little. */
  weight(concept: Concept): number {
    const df = this.documentFrequency.get(concept.term);
    // "we have 3 accounts", "2 questions", "Windows Server 2016": a count, or a number no article
    // gives, says nothing of what the question is about, where an unknown word ("the capital of
    // France") does
    if (/^\d+$/.test(concept.term) && (!df || concept.term.length <= 2)) return 0;
    // "jamming on page two", "for two days now": a number in words counts, like a small figure
    if (NUMBER_WORDS.has(concept.term)) return 0;
    const rarity = df ? this.idf(df) : this.unknownWeight;
    return isGeneric(concept) ? rarity * GENERIC_WEIGHT : rarity;
  }

  coverage(concepts: readonly Concept[], terms: ReadonlySet<string>): number {
    let total = 0;
    let matched = 0;
    for (const concept of concepts) {
      const weight = this.weight(concept);
      total += weight;
      if (terms.has(concept.term)) matched += weight;
      else if (concept.alternatives.some((alt) => terms.has(alt))) matched += weight * 0.8;
    }
    return total === 0 ? 0 : matched / total;
  }

  termsOfPassage(id: number): ReadonlySet<string> {
    return this.termsOf[id]!;
  }

  /** Every passage with this passage's text, in the knowledge base's order (itself among them). */
  copiesOf(passage: Passage): Passage[] {
    const wordsOf = (p: Passage): string[] => words(p.units.map((u) => u.plain).join(' '));
    const own = wordsOf(passage);
    const same = (p: Passage): boolean => p === passage || wordsOf(p).join(' ') === own.join(' ');
    return (this.byTextHash.get(hashOf(own)) ?? [passage]).filter(same);
  }

  /** Whether the knowledge base has this word (a pseudo-term of kinds.ts is no word). */
  knows(term: string): boolean {
    return !isKindTerm(term) && this.documentFrequency.has(term);
  }

  private idf(df: number): number {
    const n = this.passages.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/** FNV-1a over a passage's words: equal texts, equal hashes. */
function hashOf(textWords: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const word of textWords) {
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 32, 0x01000193);
  }
  return hash >>> 0;
}
