import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { loadArticles } from '../../knowledge/loader.js';
import { extractFacts } from '../../knowledge/facts/index.js';
import { warmUpQuestions } from '../../knowledge/warm-up-questions.js';
import type { Answer, ParsedArticle } from '../../knowledge/types.js';

const quiet = { warn: () => {}, info: () => {} };
let articles: ParsedArticle[];
beforeAll(async () => {
  articles = await loadArticles('knowledge/articles', quiet);
});

describe('warmUpQuestions', () => {
  it('asks about every fact kind of the knowledge base, in its own words', () => {
    const facts = extractFacts(articles);
    const questions = warmUpQuestions(articles, facts);
    for (const scope of facts.scopes) for (const item of [...scope.inScope, ...scope.outOfScope]) expect(questions.some((q) => q.toLowerCase().includes(item.toLowerCase()))).toBe(true);
    for (const email of facts.emails) expect(questions).toContain(`what is ${email.address} for?`);
    for (const log of facts.logLocations) expect(questions).toContain(`where do I find the log on ${log.os}?`);
    expect(facts.procedures.length).toBeGreaterThan(0);
    for (const procedure of facts.procedures) expect(questions.some((q) => q.startsWith('how do I ') && q.toLowerCase().includes(procedure.heading.toLowerCase()))).toBe(true);
    // each region by name and by a misspelt city
    expect(questions.filter((q) => q.startsWith('outage number for '))).toHaveLength(4);
    expect(new Set(questions).size).toBe(questions.length);
  });

  it('takes at most 60 headings, spread over the articles, however many there are', () => {
    const many = Array.from({ length: 40 }, (_, n) => ({
      ...articles[0]!,
      slug: `copy-${n}`,
      header: { ...articles[0]!.header, title: `Title ${n}` },
      sections: Array.from({ length: 10 }, (_, s) => ({ heading: `Heading ${n}.${s}`, trail: [], blocks: [] })),
    }));
    const headings = warmUpQuestions(many, extractFacts([])).filter((q) => q.startsWith('tell me about '));
    expect(headings.length).toBeLessThanOrEqual(60);
    expect(headings).toContain('tell me about title 0');
    expect(headings.some((q) => q.includes('39'))).toBe(true);
  });
});

describe('KnowledgeBase.warmUp', () => {
  it('shows each warm-up question and its answer to the caller', () => {
    const kb = new KnowledgeBase(articles, { answerCacheSize: 10 });
    const seen: { question: string; answer: Answer }[] = [];
    kb.warmUp((question, answer) => seen.push({ question, answer }));
    const asked = new Set(seen.map((s) => s.question));
    expect(asked.size).toBe(warmUpQuestions(articles, extractFacts(articles)).length);
    // the answers are real: a scope item asked about gets its verdict
    const patching = seen.find((s) => /^do you do patching on azure\?$/i.test(s.question));
    expect(patching?.answer.kind).toBe('scope');
    expect(patching?.answer.text).toMatch(/Patching is outside the scope/);
  });
});
