import type { ProcedureFact } from '../facts/types.js';
import { conceptsOf } from '../search.js';
import { terms } from '../text.js';
import { namesSituation, titleFit } from './article-fit.js';
import { proceduresForClouds } from './procedures.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';
import type { Question } from './question.js';

/**
 * "Where do I put my CenturyLink Cloud admin credentials?", "at what point do we choose which
 * account the usage is billed to?": the question asks for one step of a procedure, not the whole
 * of it. The answer is that step, where it stands among the steps, with the ones either side.
 */
const ASKS_FOR_STEP = new RegExp([
  /\bwhere (?:do |can |should |would |will )?(?:i|we|they|you) (?:put|enter|type|add|provide|give|fill in|paste|choose|select|pick|set)\b/.source,
  // "I not find where to put my account of CenturyLink Cloud"
  /\bwhere to (?:put|enter|type|add|provide|fill in|paste|choose|select|pick|set)\b/.source,
  /\bat what (?:point|stage|step)\b/.source,
  /\bwhich step\b/.source,
  /\bin which step\b/.source,
  // "how do I choose which account gets billed?": one choice within the steps
  /\bhow (?:do|can|should|would) (?:i|we|they|you) (?:choose|select|pick|decide) which\b/.source,
  /\bwhen (?:do|can|should|would|will) (?:i|we|they|you) (?:choose|select|pick|enter|provide|put|set)\b/.source,
  // "which tab do I open to start?", "which button do we click after that?": a control one step names
  /\bwhich (?:tab|button|menu|page|link|field|drop-?down|setting|screen) (?:do|should|can|would|will) (?:i|we|they|you) (?:open|click|press|select|pick|choose|use|go to)\b/.source,
].join('|'));

/** Words of the request itself, which say nothing about which step; nor does a "not" ("I not find where…"). */
const REQUEST_TERMS = new Set(terms('where when what which point stage step put enter type fill paste field see find not open click press go start'));
/** The share of what the question names that a step (with its article's title) must hold. */
const MIN_STEP_FIT = 0.45;
/** …of which the step's own words must hold this much: the rest may come from what the procedure is for. */
const MIN_OWN_FIT = 0.25;
/** How much better the story must fit one procedure's title than the next to name it. */
const STORY_MARGIN = 0.1;

function asksForStep(text: string): boolean {
  return ASKS_FOR_STEP.test(text);
}

export const stepAnswerer: Answerer = {
  name: 'step',
  matches: (q) => asksForStep(q.text),
  askedFor: (q) => asksForStep(q.text),
  answer(q, knowledge) {
    const found = bestStep(q, knowledge);
    if (!found || found.fit < MIN_STEP_FIT) return null;
    const { procedure, index } = found;
    const source = knowledge.sources.ref(procedure.slug);
    const links = knowledge.sources.links.bind(knowledge.sources);
    const shown = procedure.steps
      .map((step, i) => ({ step, i }))
      .filter(({ i }) => Math.abs(i - index) <= 1)
      .map(({ step, i }) => (i === index ? `${i + 1}. **${links(step.markdown)}**` : `${i + 1}. ${links(step.markdown)}`));
    const text = [`In **${source.title}**, it is step ${index + 1} of ${procedure.steps.length}:`, shown.join('\n')].join('\n\n');
    // a suggestion the bot answers: every step of this procedure
    return makeAnswer('howto', text, [source], Math.min(0.9, found.fit), [procedure.steps[index]!.plain], [`All the steps of ${source.title}`, 'Open a ticket']);
  },
};

/** The step that holds most of what the question names, among the procedures for the cloud asked about. */
function bestStep(q: Question, knowledge: KnowledgeContext): { procedure: ProcedureFact; index: number; fit: number; rank: number } | null {
  // the sentence that asks for the step: "…at what point do they choose…? I'd like the charges to
  // land against the right cost center" says why after it, in words no step has
  // and in it, what follows the asking words: "in the Azure Resource Manager provider I not find
  // where to put my CLC account" asks where the account goes; the provider is where the customer is
  const sentence = q.text.split(/(?<=[.?!])\s+/).find((each) => ASKS_FOR_STEP.test(each)) ?? q.text;
  const asking = sentence.slice(Math.max(0, sentence.search(ASKS_FOR_STEP)));
  const concepts = conceptsOf(asking).filter((c) => !REQUEST_TERMS.has(c.term));
  if (concepts.length === 0) return null;
  const story = q.concepts.filter((c) => !REQUEST_TERMS.has(c.term));
  // steps for another cloud than the one asked about are for another task
  const candidates = proceduresForClouds(q, knowledge);
  // "I am creating the new Azure provider. Where do I put…?": when the story names one procedure
  // clearly better than the others, as its title does ("…A New Azure Customer Account"), the step is one of its
  const named = candidates.map((procedure) => ({ procedure, fit: titleFit(story, procedure.slug, knowledge) })).sort((a, b) => b.fit - a.fit);
  // or names the word that tells it from its sibling guide ("making the new Azure provider")
  const situated = candidates.filter((procedure) => namesSituation(story, knowledge.sources.ref(procedure.slug).title, candidates.map((p) => p.slug), knowledge));
  const clear = named.length > 1 && named[0]!.fit - named[1]!.fit >= STORY_MARGIN ? [named[0]!.procedure] : situated.length > 0 && situated.length < candidates.length ? situated : candidates;
  let best: { procedure: ProcedureFact; index: number; fit: number; rank: number } | null = null;
  for (const { procedure, fit: storyFit } of named.filter((n) => clear.includes(n.procedure))) {
    const title = knowledge.sources.ref(procedure.slug).title;
    // what the procedure is for ("set up a new Azure account") is part of every one of its steps, but
    // which step is asked for is told by the step's own words
    const purpose = [title, procedure.heading, procedure.intro?.plain ?? ''].join(' ');
    procedure.steps.forEach((step, index) => {
      const own = knowledge.index.coverage(concepts, knowledge.terms.of(step.plain));
      const fit = knowledge.index.coverage(concepts, knowledge.terms.of(`${purpose} ${step.plain}`));
      const rank = own + fit + storyFit;
      if (own >= MIN_OWN_FIT && (!best || rank > best.rank)) best = { procedure, index, fit, rank };
    });
  }
  return best;
}
