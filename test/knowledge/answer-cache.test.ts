import { AnswerCache } from '../../knowledge/answer-cache.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import type { Answer } from '../../knowledge/types.js';

const answer = (text: string): Answer => ({ kind: 'passage', text, facts: [], sources: [], confidence: 1, suggestions: [] });

describe('AnswerCache', () => {
  it('forgets the least recently used answer first', () => {
    const cache = new AnswerCache(2);
    cache.set('a', answer('A'));
    cache.set('b', answer('B'));
    expect(cache.get('a')?.text).toBe('A');
    cache.set('c', answer('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.text).toBe('A');
    expect(cache.get('c')?.text).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new AnswerCache(0);
    cache.set('a', answer('A'));
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('KnowledgeBase answer cache', () => {
  it('gives the same answer for the same question, and a separate one per known region', async () => {
    const kb = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    const first = kb.answer('who do I call for an outage?');
    expect(kb.answer('Who do I call   for an outage?')).toBe(first);
    const inCanada = kb.answer('who do I call for an outage?', { region: 'canada' });
    expect(inCanada).not.toBe(first);
    expect(inCanada.text).toContain('1-866-296-5335');
    expect(inCanada.text).not.toContain('+65 6768 8099');
  });

  it('answers the same without a cache', async () => {
    const articles = await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} });
    const cached = new KnowledgeBase(articles);
    const uncached = new KnowledgeBase(articles, { answerCacheSize: 0 });
    for (const q of ['is patching covered for azure?', 'where is the agent log on linux', 'best pizza in town']) {
      cached.answer(q);
      expect(cached.answer(q)).toEqual(uncached.answer(q));
    }
  });
});

describe('warmUp', () => {
  it('runs without touching later answers', async () => {
    const kb = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} }));
    const before = new KnowledgeBase(await loadArticles('knowledge/articles', { warn: () => {}, info: () => {} })).answer('who do I call in Torronto for a critical outage?');
    kb.warmUp();
    expect(kb.answer('who do I call in Torronto for a critical outage?')).toEqual(before);
    expect(before.text).toContain('1-866-296-5335');
  });
});
