/**
 * BM25+ over documents with weighted fields (a passage's text, its headings, its article title),
 * fed words that are already normalised and split. The ranker needs nothing else of a search
 * library: no prefix or fuzzy lookups (typos are corrected before search, against the knowledge
 * base's vocabulary), so terms live in a plain Map instead of a prefix tree, which made most of
 * the cost of building the index and a good share of its memory.
 */

/** The usual BM25 constants, with BM25+'s floor `d` so a long passage still earns something for a match. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

export interface FieldWords {
  /** Every word of the field in order, stopwords included: its length is the number of distinct ones. */
  words: readonly string[];
  /** The field's searchable terms (stemmed, stopwords removed), repeats kept: they give the term frequencies. */
  terms: readonly string[];
}

export interface Bm25Hit {
  id: number;
  score: number;
}

export class FieldedBm25 {
  /** term → for each field, document id → how often the term occurs in that field. */
  private readonly postings = new Map<string, Map<number, number>[]>();
  /** Distinct words of each document's fields: documents × fields. */
  private readonly lengths: number[][] = [];
  private readonly averageLength: number[];
  private documentCount = 0;

  constructor(private readonly boosts: readonly number[]) {
    this.averageLength = boosts.map(() => 0);
  }

  /** Adds a document; ids are expected to be 0, 1, 2… in order of adding. */
  add(id: number, fields: readonly FieldWords[]): void {
    const lengths = fields.map((field, f) => {
      // an empty field still counts one (empty) word, so no length is ever zero
      const length = field.words.length === 0 ? 1 : new Set(field.words).size;
      // a running mean, updated as each document comes in
      this.averageLength[f] = (this.averageLength[f]! * this.documentCount + length) / (this.documentCount + 1);
      for (const term of field.terms) {
        let perField = this.postings.get(term);
        if (!perField) this.postings.set(term, (perField = this.boosts.map(() => new Map<number, number>())));
        const frequencies = perField[f]!;
        frequencies.set(id, (frequencies.get(id) ?? 0) + 1);
      }
      return length;
    });
    this.lengths[id] = lengths;
    this.documentCount++;
  }

  /**
   * Documents that hold any of the query terms, best first. A document's score is the sum over
   * the query terms (a term listed twice counts twice) and the fields, times the number of
   * distinct query terms it holds, so matching more of the question beats repeating one word.
   * Ties keep the order in which documents were first matched.
   */
  search(queryTerms: readonly string[], filter?: (id: number) => boolean): Bm25Hit[] {
    const scores = new Map<number, { score: number; matched: Set<string> }>();
    for (const term of queryTerms) {
      const perField = this.postings.get(term);
      if (!perField) continue;
      // each term's score is summed over the fields before it is added to the document's total
      const termScores = new Map<number, number>();
      perField.forEach((frequencies, f) => {
        const inverse = Math.log(1 + (this.documentCount - frequencies.size + 0.5) / (frequencies.size + 0.5));
        const average = this.averageLength[f]!;
        for (const [id, frequency] of frequencies) {
          const saturation = (frequency * (K + 1)) / (frequency + K * (1 - B + (B * this.lengths[id]![f]!) / average));
          termScores.set(id, (termScores.get(id) ?? 0) + this.boosts[f]! * (inverse * (D + saturation)));
        }
      });
      for (const [id, score] of termScores) {
        const known = scores.get(id);
        if (known) {
          known.score += score;
          known.matched.add(term);
        } else {
          scores.set(id, { score, matched: new Set([term]) });
        }
      }
    }
    const hits: Bm25Hit[] = [];
    for (const [id, { score, matched }] of scores) if (!filter || filter(id)) hits.push({ id, score: score * matched.size });
    return hits.sort((a, b) => b.score - a.score);
  }
}
