import { placeTitle, unservedPlaces } from '../regions.js';
import type { Concept } from '../search.js';
import { terms } from '../text.js';
import { titleFit } from './article-fit.js';
import { makeAnswer } from './render.js';
import type { Question } from './question.js';
import type { Answerer, KnowledgeContext } from './types.js';

const ELIGIBILITY_WORDS = /\b(resellers?|resell|eligible|eligibility|qualify|qualifies|who can use|(can|could) (i|we) (use|sign up|get|join|hook|connect)|(we|i) (can|could) (use|get|sign up|join)|any chance|available (to|for|in|outside)|allowed to use|demo|internal|billable|restrictions?|limitations?|limited to)\b/;
/** "which countries can use it?", "where is it offered?": where the service may be used, asked with no place named. */
const WHERE_ASKED = /\b(?:which|what) (?:countries|country|regions?|locations?|places?|geograph\w*) (?:can|could|may|are|is|does|do)\b|\bwhere (?:is|are) (?:it|this|the service|the integration|(?:partner )?cloud integration)(?: \w+)? (?:available|offered|sold)\b/;
/** A yes/no question about eligibility is best answered by the sentence that says no. */
const LIMITING = /\b(not available|cannot|can not|prevents?|not eligible|only|limited to|must not|not be)\b/i;
/** A customer who names a place is asking whether their location qualifies. */
const LOCATION_CONCEPTS: Concept[] = terms('offices located outside united states').map((term) => ({ term, alternatives: [term] }));
const MAX_SENTENCES = 4;
/** "Can we use our demo account?", "allowed?", "do we qualify?": asked yes or no. */
const ASKED_YES_NO = /\b(?:can|could|may)\b[^.?!]{0,60}?\b(?:use|used|sign ?up|join|hook|connect|get|try|test|trial|pilot|evaluate|apply|onboard|do|set ?up|create|open|register)\b|\bavailable to (?:us|me|our)\b|\ballowed\b|\bpossible\b|\beligible\b|\bqualif(?:y|ies)\b|\bany chance\b/;
/** Ways of taking the service up, asked about with a place named. */
const TAKING_UP = /\b(use|sign ?up|get|join|available|eligible|qualif\w*|offer\w*|onboard\w*|apply|set ?up|create|open|register)\b/;
/** Kinds of customer or account the articles turn away, by name, each with the words for it. */
const TURNED_AWAY: readonly { said: string; terms: ReadonlySet<string> }[] = [
  { said: 'a demo account', words: 'demo' },
  { said: 'an internal account', words: 'internal employee employees' },
  { said: 'resellers or their customers', words: 'reseller resellers resell reselling' },
].map(({ said, words }) => ({ said, terms: new Set(terms(words)) }));
/** "we have no offices in the US", "no presence in the United States", "with no US office". */
const NO_US_OFFICE = /\b(?:no|not any|without)\s+(?:\w+\s+){0,2}?(?:in|inside|within)\s+(?:the\s+)?(?:us|usa|u\.s\.?|united states|states)\b|\b(?:no|without)\s+(?:an?\s+)?(?:us|usa|u\.s\.?|american)\s+(?:office|offices|presence|entity|subsidiary|branch)\b/;
/** A limit on where the customer is: "only to offices inside the United States". */
const WHERE_LIMIT = /\bunited states\b|\bthe us\b/i;

/** Who can use the service and where: the limiting sentences that fit the question. */
export const eligibilityAnswerer: Answerer = {
  name: 'eligibility',
  // a place named, served or not ("headquartered in Mexico City… can they set up a new account?"), with a way of taking the service up
  matches: (q) => ELIGIBILITY_WORDS.test(q.text) || WHERE_ASKED.test(q.text) || ((q.places.length > 0 || unservedPlaces(q.text).length > 0) && TAKING_UP.test(q.text)),
  answer(q, knowledge) {
    const unserved = unservedPlaces(q.text);
    const concepts = q.places.length || unserved.length || WHERE_ASKED.test(q.text) ? [...q.concepts, ...LOCATION_CONCEPTS] : q.concepts;
    const facts = knowledge.facts.eligibility.filter((f) => q.clouds.length === 0 || f.cloud === null || q.clouds.includes(f.cloud));
    // "we're US based, but the account is a demo account": the sentence that turns away the kind named
    // comes before those about where, which the place named brings in
    const asked = new Set(q.concepts.map((c) => c.term));
    const ranked = facts
      .map((fact) => {
        const said = knowledge.terms.of(fact.sentence.plain);
        // "is there any route to get them reviewed?": the recourse shown with the limit answers that part
        const coverage = knowledge.index.coverage(concepts, fact.recourse ? new Set([...said, ...knowledge.terms.of(fact.recourse.plain)]) : said);
        const turnsAwayNamed = kindTurnedAway(asked, said) !== undefined;
        const score = coverage * (LIMITING.test(fact.sentence.plain) ? 1.2 : 1);
        return { fact, coverage, score, turnsAwayNamed, fit: titleFit(concepts, fact.slug, knowledge) };
      })
      .filter((r) => r.coverage > 0)
      // the same sentence in several articles: the copy in the article about what is asked is the one shown and cited
      .sort((a, b) => Number(b.turnsAwayNamed) - Number(a.turnsAwayNamed) || b.score - a.score || b.fit - a.fit);
    const top = Math.max(...ranked.map((r) => r.score));
    const chosen: typeof ranked = [];
    for (const candidate of ranked) {
      if (chosen.length >= MAX_SENTENCES) break;
      if (candidate.score < top * 0.5 && !candidate.turnsAwayNamed) continue;
      // two articles often say the same thing in nearly the same words: show it once
      if (chosen.some((c) => similar(knowledge.terms.of(c.fact.sentence.plain), knowledge.terms.of(candidate.fact.sentence.plain)))) continue;
      chosen.push(candidate);
    }
    if (chosen.length === 0) return null;
    const lines = chosen.map((r) => `- ${knowledge.sources.links(r.fact.sentence.markdown)}`);
    // the way to ask for an exception, once, after the limits it follows
    const recourses = [...new Set(chosen.flatMap((r) => (r.fact.recourse ? [knowledge.sources.links(r.fact.recourse.markdown)] : [])))];
    const text = [lines.join('\n'), ...recourses].join('\n\n');
    const refused = turnedAway(q, unserved, chosen[0]!.fact.sentence.plain, knowledge);
    const lead = refused ? `**No**, it is not available for ${refused}. Who can use it:` : 'Who can use it:';
    // as sure as its best-fitting sentence, which a sentence shown first for the kind named may not be
    const confidence = Math.min(0.85, 0.3 + Math.max(...chosen.map((r) => r.coverage)));
    return makeAnswer('eligibility', `${lead}\n\n${text}`, chosen.map((r) => knowledge.sources.ref(r.fact.slug)), confidence, chosen.map((r) => r.fact.sentence.plain), ['Open a ticket', 'Which clouds does Partner Cloud Integration support?']);
  },
};

/**
 * "Can we use our demo account?" answered by "…cannot be a demo account", "can our Toronto office
 * sign up?" by "only offices inside the United States": a plain no comes first, saying to whom. Only
 * when the limiting sentence turns away what the question names: a kind of account or customer it
 * names by name, or a place outside the United States (`unserved`: places no support region covers)
 * when it limits where. Null: no plain no.
 */
function turnedAway(q: Question, unserved: readonly string[], sentence: string, knowledge: KnowledgeContext): string | null {
  if (!ASKED_YES_NO.test(q.text) || !LIMITING.test(sentence)) return null;
  const kind = kindTurnedAway(new Set(q.concepts.map((c) => c.term)), knowledge.terms.of(sentence));
  if (kind) return kind.said;
  // "based in Germany, with no offices in the US": a place said to be lacking is not where they are
  const where = q.places.filter((place) => place.region !== 'us' || !NO_US_OFFICE.test(q.text));
  // a place no support region covers is outside the United States too ("Mexico City")
  const named = [...where.map((place) => place.name), ...unserved];
  const outsideLimit = WHERE_LIMIT.test(sentence) && named.length > 0 && where.every((place) => place.region !== 'us');
  return outsideLimit ? `offices in ${named.map(placeTitle).join(' or ')}` : null;
}

/** The kind of account or customer that the question names and the sentence turns away, if any. */
function kindTurnedAway(asked: ReadonlySet<string>, said: ReadonlySet<string>): (typeof TURNED_AWAY)[number] | undefined {
  return TURNED_AWAY.find((kind) => [...kind.terms].some((term) => asked.has(term)) && [...kind.terms].some((term) => said.has(term)));
}

function similar(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  const shared = [...x].filter((t) => y.has(t)).length;
  return shared / Math.max(1, Math.min(x.size, y.size)) >= 0.8;
}
