import { aboutClouds } from '../clouds.js';
import { asksForMembers } from '../kinds.js';
import type { Passage } from '../passages.js';
import { conceptsOf, type Concept, type RankedPassage } from '../search.js';
import { CONFIDENCE_BAR } from '../confidence.js';
import type { Question } from './question.js';
import { givesBoost, wantedBy, withoutRequest, type Wanted } from './wanted.js';
import { citedCopy, isBoilerplate } from './article-fit.js';
import { asksWhereToSend } from './contacts.js';
import { pairCoverage, renderPair, sectionAddress, sentenceAndList } from './passage-neighbours.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

/** Units kept from a long passage: those that hold at least this share of the best unit's weight. */
const KEEP_SHARE = 0.5;
const LONG_PASSAGE_UNITS = 4;
/** Passages looked through for the one that speaks to what the customer lacks. */
const FOCUS_DEPTH = 20;
/** Lists read as a whole up to this many items. */
const LONG_LIST_ITEMS = 15;

/** Anything else the articles say: the best passage, trimmed to what answers the question. */
export const passageAnswerer: Answerer = {
  name: 'passage',
  matches: () => true,
  // "which clouds…?" wants the sentence that names them, not a list of what support covers for each
  // "we don't have a CLC account, how do we get one?" wants the sentence for those without one,
  // not the steps of a procedure that starts by using it
  askedFor: (q, knowledge) => {
    if (asksForMembers(q.text)) return true;
    const wanted = wantedBy(q);
    return Boolean(wanted?.focus?.(q.text)) && rankFor(q, wanted, knowledge).focused;
  },
  answer(q, knowledge) {
    // "where can I see X?" is about X, and is best answered by the passage that says where X is
    const wanted = wantedBy(q);
    const { concepts, ranked } = rankFor(q, wanted, knowledge);
    // BM25 may put a passage that repeats one word above the one that holds the whole question, and
    // a long list that names each idea in another item above the one sentence that says them together
    const found = together(ranked.filter((r) => r.coverage >= CONFIDENCE_BAR), concepts, knowledge) ?? ranked[0];
    if (!found) return null;
    const best = wholeListWhenLeadAnswers(found, concepts, knowledge);
    // "…share the box and attach the logs." is followed by where each log is: read together, whichever ranked
    const pair = sentenceAndList(best.passage, knowledge);
    const coverage = pair ? Math.max(best.coverage, pairCoverage(pair, concepts, knowledge)) : best.coverage;
    const parts = [pair ? renderPair(pair, knowledge) : renderPassage(best, concepts, knowledge, keptKind(q.text))];
    const sources = [knowledge.sources.ref(citedCopy(best.passage, knowledge).slug)];
    // a close second from another article often completes the answer
    const second = ranked.find((r) => r !== best && r.coverage >= best.coverage * 0.9 && r.score >= best.score * 0.75 && (r.passage.slug !== best.passage.slug || r.coverage >= best.coverage));
    if (second) {
      // articles often repeat a section word for word (the same contact paragraph in each): said once, cited twice
      if (!second.passage.units.every((unit) => parts[0]!.includes(knowledge.sources.links(unit.markdown)))) {
        const from = second.passage.slug === best.passage.slug ? 'The same article adds' : `**${second.passage.title}** adds`;
        parts.push(`${from}:\n\n${renderPassage(second, concepts, knowledge, keptKind(q.text))}`);
      }
      // one more copy of a section that closes many guides is no second source
      const copy = isBoilerplate(best.passage, knowledge) && knowledge.index.copiesOf(best.passage).includes(second.passage);
      if (second.passage.slug !== best.passage.slug && !copy) sources.push(knowledge.sources.ref(second.passage.slug));
    }
    // "where do we send a report about failing API calls?": the passage says what to send, and the
    // address its section gives says where
    const address = asksWhereToSend(q.text) ? sectionAddress(best.passage, knowledge) : null;
    if (address && !parts.some((part) => part.toLowerCase().includes(address.toLowerCase()))) parts.push(`Send it to **${address}**.`);
    return makeAnswer('passage', parts.join('\n\n'), sources, coverage, [], ['Open a ticket', 'help']);
  },
};

/**
 * A long list item is also ranked alone, with the sentence that introduces its list. When that item
 * says little of the question and the introduction says the rest ("…a two-minute wait while our
 * automated process performs the following:"), the question is about the list: "what is it doing
 * meanwhile?" is answered by every item, not the one that happened to rank.
 */
function wholeListWhenLeadAnswers(ranked: RankedPassage, concepts: readonly Concept[], knowledge: KnowledgeContext): RankedPassage {
  const { passage } = ranked;
  if (!passage.listed || passage.lead === 0 || passage.units.length !== passage.lead + 1) return ranked;
  const item = passage.units[passage.lead]!;
  if (knowledge.index.coverage(concepts, knowledge.terms.of(item.plain)) >= CONFIDENCE_BAR) return ranked;
  // a block's passages are built one after the other, the whole list first (passages.ts)
  const { passages } = knowledge.index;
  let whole: Passage | undefined;
  for (let id = passage.id - 1; id >= 0 && passages[id]!.group === passage.group; id--) whole = passages[id];
  return whole && whole.units.length > passage.units.length ? { ...ranked, passage: whole } : ranked;
}

/** Passages ranked this close to the first are weighed by how much of the question one sentence holds. */
const TOGETHER_SCORE_SHARE = 0.5;
/** How much more of the question a sentence of a later passage must hold to be preferred. */
const TOGETHER_MARGIN = 0.2;

/**
 * The first of the well-covering passages, unless it is a list and one close behind it holds clearly
 * more of the question in a single sentence or item: "how often do you bill us for Azure usage?" is
 * answered by "each month, CenturyLink bills Azure usage to…", not by a feature list whose items
 * name billing, the month and usage one each.
 */
function together(ranked: readonly RankedPassage[], concepts: readonly Concept[], knowledge: KnowledgeContext): RankedPassage | undefined {
  const [first] = ranked;
  // only a list spreads the question over its items; a paragraph that ranks first says it together
  if (!first || !first.passage.listed) return first;
  const closest = (r: RankedPassage): number => Math.max(...r.passage.units.map((u) => knowledge.index.coverage(concepts, knowledge.terms.of(u.plain))));
  let best = first;
  let bestTogether = closest(first);
  for (const r of ranked.slice(1)) {
    if (r.score < first.score * TOGETHER_SCORE_SHARE) break;
    const held = closest(r);
    if (held >= bestTogether + TOGETHER_MARGIN && r.coverage + held > best.coverage + bestTogether) {
      best = r;
      bestTogether = held;
    }
  }
  return best;
}

/**
 * The passages for the question, best first, and the ideas they were ranked by. A question with a
 * focus ("we don't have a CLC account, can we still…") is ranked by what it focuses on, as long as
 * some passage gives what is asked about it; otherwise by all it says.
 */
function rankFor(q: Question, wanted: Wanted | null, knowledge: KnowledgeContext): { concepts: Concept[]; ranked: RankedPassage[]; focused: boolean } {
  const forCloud = cloudFilter(q);
  if (!wanted) return { concepts: [...q.concepts], ranked: knowledge.index.rank(q.concepts, 5, forCloud, q.pairs), focused: false };
  const focus = wanted.focus?.(q.text);
  const focused = focus ? conceptsOf(focus) : [];
  if (focused.length > 0) {
    const boost = givesBoost(wanted, focused, knowledge);
    const ranked = knowledge.index.rank(focused, FOCUS_DEPTH, forCloud, q.pairs, boost);
    // in a large knowledge base many passages name the thing; the one for those who lack it answers
    const gives = ranked.find((r) => boost(r.passage) > 1 && r.coverage >= CONFIDENCE_BAR);
    if (gives) return { concepts: focused, ranked: [gives, ...ranked.filter((r) => r !== gives)], focused: true };
  }
  const concepts = withoutRequest(wanted, q.concepts);
  const boost = givesBoost(wanted, concepts, knowledge);
  if (wanted.onlyGiving) {
    // "…accepted the terms and it's been spinning for a minute": the steps share more words with the
    // story, the sentence saying how long to wait answers it; "where can I look up the prices?": the
    // one that says where, not a list that names prices
    const giving = knowledge.index.rank(concepts, FOCUS_DEPTH, forCloud, q.pairs, boost).filter((r) => boost(r.passage) > 1);
    if (giving.length > 0) return { concepts, ranked: giving.slice(0, 5), focused: false };
  }
  return { concepts, ranked: knowledge.index.rank(concepts, 5, forCloud, q.pairs, boost), focused: false };
}

/**
 * A question that names a cloud is not answered from an article about another one only ("a new
 * AWS account": not the passage on creating an Azure account). Articles whose titles name no cloud
 * are about both.
 */
function cloudFilter(q: Question): ((passage: Passage) => boolean) | undefined {
  if (q.clouds.length === 0) return undefined;
  return (passage) => aboutClouds(passage.title, q.clouds);
}

/** Sentences that give a reason, kept for "why" questions even when they share no words with it. */
const WHY = /\bwhy\b|\bwhat for\b|\breason\b/;
const REASON = /\b(because|so that|in order to|required|requires|reason|since|due to)\b/i;
/**
 * "Who has to change the support plan?", "what login do I use?": sentences that say who must do it
 * or with what login are kept however few of the question's other words they share.
 */
const WHO_MUST = /\bwho (?:has to|must|needs to|should|can|is able to)\b|\b(?:what|which) (?:login|user|credentials|account) (?:do|should|must|can)\b/;
const REQUIREMENT = /\b(?:must|only|required to|need to|needs to)\b[^.]*\b(?:sign in|log in|login|credentials|administrator|admin|root|owner)\b/i;

/** The kind of sentence a question keeps whatever its share of the question's words. */
function keptKind(text: string): RegExp | null {
  return WHY.test(text) ? REASON : WHO_MUST.test(text) ? REQUIREMENT : null;
}

export function renderPassage(ranked: RankedPassage, concepts: readonly Concept[], knowledge: KnowledgeContext, keep: RegExp | null = null): string {
  const { passage } = ranked;
  const units = trim(passage, concepts, knowledge, keep);
  const body = passage.listed
    ? units.map((u, i) => (i < passage.lead && u === passage.units[i] ? knowledge.sources.links(u.markdown) : `- ${knowledge.sources.links(u.markdown)}`)).join('\n')
    : units.map((u) => knowledge.sources.links(u.markdown)).join(' ');
  return `*${passage.heading}:*\n\n${body}`;
}

/** Keeps the units (sentences, items) that carry the question's ideas, and those of the kind it keeps; short passages stay whole. */
function trim(passage: Passage, concepts: readonly Concept[], knowledge: KnowledgeContext, keep: RegExp | null) {
  if (passage.units.length <= (passage.listed ? LONG_LIST_ITEMS : LONG_PASSAGE_UNITS)) return passage.units;
  const scores = passage.units.map((u) => knowledge.index.coverage(concepts, knowledge.terms.of(u.plain)));
  const top = Math.max(...scores);
  if (top === 0) return passage.units.slice(0, LONG_PASSAGE_UNITS);
  const lead = passage.units.slice(0, passage.lead);
  return [...lead, ...passage.units.filter((u, i) => i >= passage.lead && (scores[i]! >= top * KEEP_SHARE || (keep !== null && keep.test(u.plain) && (keep === REASON || scores[i]! > 0))))];
}
