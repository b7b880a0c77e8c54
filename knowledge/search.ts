import MiniSearch from 'minisearch';
import type { Passage } from './passages.js';
import { expand } from './synonyms.js';
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
  return concepts;
}

const processTerm = (word: string): string | null => (STOPWORDS.has(word) ? null : stem(word));

/**
 * BM25 over passages (minisearch), with a coverage measure on top: BM25 alone ranks a passage
 * that repeats one common word above one that holds every idea of the question, and gives no
 * sense of whether anything answered at all. Coverage is what the confidence bar is set on.
 */
export class PassageIndex {
  private readonly search: MiniSearch<{ id: number; text: string; heading: string; title: string }>;
  private readonly termsOf: Set<string>[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly unknownWeight: number;

  constructor(readonly passages: readonly Passage[]) {
    this.search = new MiniSearch({
      fields: ['text', 'heading', 'title'],
      tokenize: (text) => words(text),
      processTerm,
      searchOptions: { boost: { heading: 1.5, title: 1.2 }, combineWith: 'OR' },
    });
    const documents = passages.map((p) => ({
      id: p.id,
      text: p.units.map((u) => u.plain).join(' '),
      heading: [...p.trail, p.heading].join(' '),
      title: p.title,
    }));
    this.search.addAll(documents);
    this.termsOf = documents.map((d) => new Set(words(`${d.text} ${d.heading} ${d.title}`).filter((w) => !STOPWORDS.has(w)).map(stem)));
    for (const terms of this.termsOf) for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.unknownWeight = this.idf(0) + 1;
  }

  /** The best passages for the question, best first. `filter` narrows to some passages. */
  rank(concepts: readonly Concept[], limit = 5, filter?: (p: Passage) => boolean): RankedPassage[] {
    if (concepts.length === 0) return [];
    const query = concepts.map((c) => c.term).join(' ');
    const hits = this.search.search(query, {
      processTerm: (word: string) => (STOPWORDS.has(word) ? null : expand(stem(word))),
      ...(filter ? { filter: (result: { id: number }) => filter(this.passages[result.id]!) } : {}),
    });
    return hits
      .slice(0, 40)
      .map((hit) => {
        const id = hit.id as number;
        const coverage = this.coverage(concepts, this.termsOf[id]!);
        return { passage: this.passages[id]!, score: hit.score * (0.25 + coverage), coverage };
      })
      .sort((a, b) => b.score - a.score)
      .filter((ranked, i, all) => all.findIndex((other) => other.passage.group === ranked.passage.group) === i)
      .slice(0, limit);
  }

  /** Weight of a concept: how rare its word is among passages (an unknown word weighs most). */
  weight(concept: Concept): number {
    const df = this.documentFrequency.get(concept.term);
    return df ? this.idf(df) : this.unknownWeight;
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

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  private idf(df: number): number {
    const n = this.passages.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
