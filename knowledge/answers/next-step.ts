import { CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import type { ProcedureFact } from '../facts/types.js';
import { conceptsOf, pairs, type Concept } from '../search.js';
import { terms } from '../text.js';
import type { Cloud } from '../types.js';
import { namesSituation } from './article-fit.js';
import type { KnowledgeContext } from './types.js';

/** A step of a procedure and how much of what the customer said it holds. */
export interface StepFound {
  procedure: ProcedureFact;
  step: number;
  coverage: number;
}

/** "what's next?", "what comes after that?", "what's the next button?", "what do I click now?" at the end of a message. */
const NEXT = /(^|[.?!;,]\s*|\bso\s+|\bok\s+)(what is next|what next|what now|now what|now what (?:do|should|can|must) (?:i|we) do|then what|what do (i|we) do now|what should (i|we) do now|what do (i|we) do next|what should (i|we) do next|what (comes|happens) (next|then|after that|after this)|what is the next (step|button|screen|page|thing|bit)|what are the next steps|what (do|should) (i|we) (click|press|hit|select|choose|pick|fill in|do) (next|now|after that)|where do (i|we) go (next|from here))\W*$/

/** "…typed a name for the provider. what's the next button?": the step after the one the story names, asked for. */
export function asksNextStep(text: string): boolean {
  return NEXT.test(text);
}

/** The story before "what's the next step?". */
export function withoutNextStepAsked(text: string): string {
  return text.replace(NEXT, '');
}

/** Where a customer's account of what was done splits into steps: sentences, commas, "and", "then". */
const STORY_PARTS = /[.?!;,]+\s*|\s+(?:and then|and|then)\s+/;
/** The share of a step's words (with its article's title) a part of the story must hold to name that step. */
export const MIN_STEP_COVERAGE = 0.5;
/** How far ahead of the next procedure the story must fit the one it is taken to be about. */
const FIT_MARGIN = 0.05;

/**
 * "I picked the migrate option for our existing azure and accepted the terms": where the customer
 * is in which procedure. Each part of the story that names a step must name one of the procedure
 * (several procedures share "accept the terms", fewer share all the steps told), steps for
 * another cloud than the one named are for another task, and the whole story must fit the
 * procedure clearly better than any other left; otherwise it is a guess, and nothing is found.
 * The customer tells the steps in order: the last one named is where they are.
 */
export function stepNamedInStory(story: string, clouds: readonly Cloud[], skip: (c: Concept) => boolean, knowledge: KnowledgeContext): StepFound | null {
  const ideas = (text: string): Concept[] => conceptsOf(text).filter((c) => !skip(c));
  const parts = story.split(STORY_PARTS).map(ideas).filter((concepts) => concepts.length > 0);
  const candidates = knowledge.facts.procedures.filter((p) => clouds.length === 0 || cloudsNamed(knowledge.sources.ref(p.slug).title, CLOUD_WORDS).some((c) => clouds.includes(c)));
  const best = (procedure: ProcedureFact, concepts: readonly Concept[]): StepFound => {
    const title = knowledge.sources.ref(procedure.slug).title;
    return procedure.steps
      .map((step, index) => ({ procedure, step: index, coverage: knowledge.index.coverage(concepts, knowledge.terms.of(`${step.plain} ${title}`)) }))
      .reduce((a, b) => (b.coverage > a.coverage ? b : a), { procedure, step: -1, coverage: 0 });
  };
  const naming = parts.filter((concepts) => knowledge.facts.procedures.some((p) => best(p, concepts).coverage >= MIN_STEP_COVERAGE));
  const last = naming.at(-1);
  if (!last) return null;
  const viable = candidates.filter((p) => naming.every((concepts) => best(p, concepts).coverage >= MIN_STEP_COVERAGE));
  const all = ideas(story);
  const fits = viable
    .map((procedure) => ({ procedure, fit: knowledge.index.coverage(all, knowledge.terms.of(procedureText(procedure, knowledge))) }))
    .sort((a, b) => b.fit - a.fit);
  // "accepted the terms on the new azure account": the word that tells two guides apart names one,
  // said as their titles say it ("new azure"), not as a button clicked ("clicked New")
  const told = pairs(terms(story));
  const situated = viable.filter((p) => {
    const title = knowledge.sources.ref(p.slug).title;
    const asTitled = [...pairs(terms(title))].filter((pair) => told.has(pair)).flatMap((pair) => pair.split(' '));
    return namesSituation(all.filter((c) => asTitled.includes(c.term)), title, viable.map((v) => v.slug), knowledge);
  });
  if (situated.length === 1) return best(situated[0]!, last);
  const [top, next] = fits;
  if (!top || (next && top.fit - next.fit < FIT_MARGIN)) return null;
  return best(top.procedure, last);
}

function procedureText(procedure: ProcedureFact, knowledge: KnowledgeContext): string {
  return [knowledge.sources.ref(procedure.slug).title, procedure.heading, procedure.intro?.plain ?? '', ...procedure.steps.map((s) => s.plain)].join(' ');
}
