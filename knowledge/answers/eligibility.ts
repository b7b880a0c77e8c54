import type { Concept } from '../search.js';
import { terms } from '../text.js';
import { titleFit } from './article-fit.js';
import { makeAnswer } from './render.js';
import type { Answerer } from './types.js';

const ELIGIBILITY_WORDS = /\b(resellers?|resell|eligible|eligibility|qualify|qualifies|who can use|(can|could) (i|we) (use|sign up|get|join|hook|connect)|(we|i) (can|could) (use|get|sign up|join)|any chance|available (to|for|in|outside)|allowed to use|demo|internal|billable|restrictions?|limitations?|limited to)\b/;
/** A yes/no question about eligibility is best answered by the sentence that says no. */
const LIMITING = /\b(not available|cannot|can not|prevents?|not eligible|only|limited to|must not|not be)\b/i;
/** A customer who names a place is asking whether their location qualifies. */
const LOCATION_CONCEPTS: Concept[] = terms('offices located outside united states').map((term) => ({ term, alternatives: [term] }));
const MAX_SENTENCES = 4;

/** Who can use the service and where: the limiting sentences that fit the question. */
export const eligibilityAnswerer: Answerer = {
  name: 'eligibility',
  matches: (q) => ELIGIBILITY_WORDS.test(q.text) || (q.places.length > 0 && /\b(use|sign ?up|get|join|available|eligible|qualif\w*|offer\w*|onboard\w*|apply)\b/.test(q.text)),
  answer(q, knowledge) {
    const concepts = q.places.length ? [...q.concepts, ...LOCATION_CONCEPTS] : q.concepts;
    const facts = knowledge.facts.eligibility.filter((f) => q.clouds.length === 0 || f.cloud === null || q.clouds.includes(f.cloud));
    const ranked = facts
      .map((fact) => {
        const coverage = knowledge.index.coverage(concepts, knowledge.terms.of(fact.sentence.plain));
        return { fact, coverage, score: coverage * (LIMITING.test(fact.sentence.plain) ? 1.2 : 1), fit: titleFit(concepts, fact.slug, knowledge) };
      })
      .filter((r) => r.coverage > 0)
      // the same sentence in several articles: the copy in the article about what is asked is the one shown and cited
      .sort((a, b) => b.score - a.score || b.fit - a.fit);
    const chosen: typeof ranked = [];
    for (const candidate of ranked) {
      if (candidate.score < ranked[0]!.score * 0.5 || chosen.length >= MAX_SENTENCES) break;
      // two articles often say the same thing in nearly the same words: show it once
      if (chosen.some((c) => similar(knowledge.terms.of(c.fact.sentence.plain), knowledge.terms.of(candidate.fact.sentence.plain)))) continue;
      chosen.push(candidate);
    }
    if (chosen.length === 0) return null;
    const text = chosen.map((r) => `- ${knowledge.sources.links(r.fact.sentence.markdown)}`).join('\n');
    const confidence = Math.min(0.85, 0.3 + chosen[0]!.coverage);
    return makeAnswer('eligibility', `Who can use it:\n\n${text}`, chosen.map((r) => knowledge.sources.ref(r.fact.slug)), confidence, chosen.map((r) => r.fact.sentence.plain), ['Open a ticket', 'Which clouds does Partner Cloud Integration support?']);
  },
};

function similar(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size)) >= 0.8;
}
