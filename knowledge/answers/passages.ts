import type { Passage } from '../passages.js';
import type { Concept, RankedPassage } from '../search.js';
import { terms } from '../text.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

/** Units kept from a long passage: those that hold at least this share of the best unit's weight. */
const KEEP_SHARE = 0.5;
const LONG_PASSAGE_UNITS = 4;
/** Lists read as a whole up to this many items. */
const LONG_LIST_ITEMS = 15;

/** Anything else the articles say: the best passage, trimmed to what answers the question. */
export const passageAnswerer: Answerer = {
  name: 'passage',
  matches: () => true,
  answer(q, knowledge) {
    const ranked = knowledge.index.rank(q.concepts, 5);
    const best = ranked[0];
    if (!best) return null;
    const parts = [render(best, q.concepts, knowledge)];
    const sources = [knowledge.sources.ref(best.passage.slug)];
    // a close second from another article often completes the answer
    const second = ranked.find((r) => r.passage.slug !== best.passage.slug && r.coverage >= best.coverage * 0.9 && r.score >= best.score * 0.75);
    if (second) {
      parts.push(`**${second.passage.title}** adds:\n\n${render(second, q.concepts, knowledge)}`);
      sources.push(knowledge.sources.ref(second.passage.slug));
    }
    return makeAnswer('passage', parts.join('\n\n'), sources, best.coverage, [], ['Open a ticket', 'help']);
  },
};

function render(ranked: RankedPassage, concepts: readonly Concept[], knowledge: KnowledgeContext): string {
  const { passage } = ranked;
  const units = trim(passage, concepts, knowledge);
  const body = passage.listed
    ? units.map((u, i) => (i < passage.lead && u === passage.units[i] ? knowledge.sources.links(u.markdown) : `- ${knowledge.sources.links(u.markdown)}`)).join('\n')
    : units.map((u) => knowledge.sources.links(u.markdown)).join(' ');
  return `*${passage.heading}:*\n\n${body}`;
}

/** Keeps the units (sentences, items) that carry the question's ideas; short passages stay whole. */
function trim(passage: Passage, concepts: readonly Concept[], knowledge: KnowledgeContext) {
  if (passage.units.length <= (passage.listed ? LONG_LIST_ITEMS : LONG_PASSAGE_UNITS)) return passage.units;
  const scores = passage.units.map((u) => knowledge.index.coverage(concepts, new Set(terms(u.plain))));
  const top = Math.max(...scores);
  if (top === 0) return passage.units.slice(0, LONG_PASSAGE_UNITS);
  const lead = passage.units.slice(0, passage.lead);
  return [...lead, ...passage.units.filter((u, i) => i >= passage.lead && scores[i]! >= top * KEEP_SHARE)];
}
