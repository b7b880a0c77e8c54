import { terms } from '../text.js';
import { makeAnswer } from './render.js';
import type { Answerer } from './types.js';

const ELIGIBILITY_WORDS = /\b(resellers?|resell|eligible|eligibility|qualify|qualifies|who can use|can (i|we) (use|sign up|get|join)|available (to|for|in|outside)|allowed|demo account|internal account|offices?|billable|restrictions?|limitations?|limited)\b/;

/** Who can use the service and where: the limiting sentences that fit the question. */
export const eligibilityAnswerer: Answerer = {
  name: 'eligibility',
  matches: (q) => ELIGIBILITY_WORDS.test(q.text),
  answer(q, knowledge) {
    const facts = knowledge.facts.eligibility.filter((f) => q.clouds.length === 0 || f.cloud === null || q.clouds.includes(f.cloud));
    const ranked = facts
      .map((fact) => ({ fact, coverage: knowledge.index.coverage(q.concepts, new Set(terms(fact.sentence.plain))) }))
      .filter((r) => r.coverage > 0)
      .sort((a, b) => b.coverage - a.coverage);
    const seen = new Set<string>();
    const chosen = ranked.filter((r) => {
      const key = r.fact.sentence.plain.toLowerCase();
      if (seen.has(key) || r.coverage < ranked[0]!.coverage * 0.5) return false;
      seen.add(key);
      return true;
    }).slice(0, 3);
    if (chosen.length === 0) return null;
    const text = chosen.map((r) => `- ${knowledge.sources.links(r.fact.sentence.markdown)}`).join('\n');
    const confidence = Math.min(0.85, 0.35 + chosen[0]!.coverage);
    return makeAnswer('eligibility', `Who can use it:\n\n${text}`, chosen.map((r) => knowledge.sources.ref(r.fact.slug)), confidence, chosen.map((r) => r.fact.sentence.plain), ['Open a ticket', 'Which clouds does Partner Cloud Integration support?']);
  },
};
