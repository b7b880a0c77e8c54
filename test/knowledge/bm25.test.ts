import { describe, expect, it } from '@jest/globals';
import { FieldedBm25, type FieldWords } from '../../knowledge/bm25.js';

/** A field from its words, every word also a term (no stopwords, no stemming): enough to test the scoring. */
const field = (text: string): FieldWords => {
  const list = text.split(' ').filter(Boolean);
  return { words: list, terms: list };
};

/** Three documents of one field each, plus a second field (boost 2) that only the last one fills. */
function smallIndex(): FieldedBm25 {
  const index = new FieldedBm25([1, 2]);
  index.add(0, [field('azure patching covered'), field('')]);
  index.add(1, [field('azure billing azure billing reports'), field('')]);
  index.add(2, [field('aws support'), field('patching')]);
  return index;
}

describe('FieldedBm25', () => {
  it('scores a match by BM25+ (k 1.2, b 0.7, d 0.5), worked out by hand', () => {
    const hits = smallIndex().search(['covered']);
    // "covered" is in one of three documents, once, in a text field of 3 distinct words; the
    // mean text length is (3 + 3 + 2) / 3: document 1 has 5 words but 3 distinct ones
    const idf = Math.log(1 + (3 - 1 + 0.5) / (1 + 0.5));
    const saturation = (1 * 2.2) / (1 + 1.2 * (1 - 0.7 + (0.7 * 3) / (8 / 3)));
    expect(hits).toEqual([{ id: 0, score: expect.closeTo(idf * (0.5 + saturation), 10) }]);
  });

  it('finds nothing for a term no document holds', () => {
    expect(smallIndex().search(['gcp'])).toEqual([]);
  });

  it('ranks a term in a boosted field above the same term in plain text', () => {
    const hits = smallIndex().search(['patching']);
    expect(hits.map((hit) => hit.id)).toEqual([2, 0]);
  });

  it('ranks a document holding more of the query terms first, even against repeats of one term', () => {
    const hits = smallIndex().search(['azure', 'patching']);
    expect(hits[0]!.id).toBe(0);
    expect(hits.map((hit) => hit.id)).toEqual(expect.arrayContaining([0, 1, 2]));
  });

  it('counts a query term listed twice twice, and a distinct term once in the bonus for breadth', () => {
    const index = smallIndex();
    const once = index.search(['covered'])[0]!.score;
    expect(index.search(['covered', 'covered'])[0]!.score).toBeCloseTo(2 * once, 10);
  });

  it('weighs a rare term above a common one', () => {
    const index = new FieldedBm25([1]);
    ['cloud azure', 'cloud aws', 'cloud gcp', 'cloud outage'].forEach((text, id) => index.add(id, [field(text)]));
    const common = index.search(['cloud']).find((hit) => hit.id === 3)!.score;
    const rare = index.search(['outage'])[0]!.score;
    expect(rare).toBeGreaterThan(common);
  });

  it('keeps only the documents the filter lets through, and keeps the order of first match on ties', () => {
    const index = new FieldedBm25([1]);
    ['cloud one', 'cloud two', 'cloud three'].forEach((text, id) => index.add(id, [field(text)]));
    expect(index.search(['cloud']).map((hit) => hit.id)).toEqual([0, 1, 2]);
    expect(index.search(['cloud'], (id) => id !== 1).map((hit) => hit.id)).toEqual([0, 2]);
  });
});
