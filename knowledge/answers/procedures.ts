import { aboutClouds, CLOUD_WORDS, cloudsNamed } from '../clouds.js';
import type { ProcedureFact } from '../facts/types.js';
import type { SourceRef } from '../types.js';
import { terms } from '../text.js';
import { namesSituation, SITUATION_BONUS } from './article-fit.js';
import { makeAnswer } from './render.js';
import type { Question } from './question.js';
import type { Answerer, KnowledgeContext } from './types.js';
import { conceptsOf, type Concept } from '../search.js';
import { asksNextStep, MIN_STEP_COVERAGE, stepNamedInStory, withoutNextStepAsked, type StepFound } from './next-step.js';
import { DELAY_DESCRIBED } from './time-asked.js';

const HOW_TO = /\bhow (do|can|should|would|could|to)\b|\bhow does\b|\bsteps?\b|\bwalk me through\b|\bprocedure\b|\binstructions?\b|\bguide\b|\bwhat do i (need to )?do\b/;
/** "What happens after I accept the terms?": the answer is what follows that step. */
const AFTER = /\b(what happens|what comes|what is next|what next|then what|what do i do|what should i do)\b.*\b(after|once|when)\b|\bafter (i|we|you)\b.*\?/;
/**
 * "…accepted the terms. what's next?", "…typed in my login. what comes after that?": a bare "what
 * next" at the end of a message asks what follows the step the message has just said was done.
 */
/** The words of a how-to request itself, which say nothing about which procedure. */
const REQUEST_TERMS = new Set(terms('how do can should would steps step walk through procedure instructions guide process happen happens next after once'));

/** Step-by-step procedures, as an ordered list, with what happens once they are done. */
export const procedureAnswerer: Answerer = {
  name: 'procedure',
  matches: (q) => HOW_TO.test(q.text) || AFTER.test(q.text) || asksNextStep(q.text) || DELAY_DESCRIBED.test(q.text),
  // "…picked 'Create a new Azure customer account'. what's the next button?" asks for the next step,
  // whatever option label the story quotes
  askedFor: (q) => HOW_TO.test(q.text) || asksNextStep(q.text),
  answer(q, knowledge) {
    const concepts = q.concepts.filter((c) => !REQUEST_TERMS.has(c.term));
    if (concepts.length === 0 || knowledge.facts.procedures.length === 0) return null;
    // "…typed in my login. what comes after that?": "that" is the step the story names
    if (asksNextStep(q.text)) return stepsAfter(stepNamedInStory(withoutNextStepAsked(q.text), q.clouds, (c) => REQUEST_TERMS.has(c.term), knowledge), knowledge);
    // "accepted the terms… it's just been spinning for 60 sec, is something broken?": what follows the
    // step the story names says what happens meanwhile, and how long it takes
    if (DELAY_DESCRIBED.test(q.text) && !HOW_TO.test(q.text)) return stepsAfter(stepNamedInStory(q.text, q.clouds, (c) => REQUEST_TERMS.has(c.term), knowledge), knowledge);
    if (AFTER.test(q.text)) return whatFollows(q.text.replace(/^[\s\S]*?\b(after|once|when)\b/, ''), knowledge);
    // steps for another cloud than the one asked about are for another task ("a new AWS account":
    // not the new Azure account's steps, even if no article gives the AWS ones)
    const forCloud = proceduresForClouds(q, knowledge);
    if (forCloud.length === 0) return null;
    const scored = forCloud.map((procedure) => {
      const title = knowledge.sources.ref(procedure.slug).title;
      // with what it leaves done: "creates a Microsoft Azure subscription" is part of what it does
      const text = [title, procedure.heading, procedure.intro?.plain ?? '', ...procedure.steps.map((s) => s.plain), ...procedure.outcome.map((o) => o.plain)].join(' ');
      // what the procedure is for (its title, heading, intro) must fit, not only words in its steps
      const purpose = [title, procedure.heading, procedure.intro?.plain ?? ''].join(' ');
      return {
        procedure,
        coverage: knowledge.index.coverage(concepts, knowledge.terms.of(text)),
        purposeCoverage: knowledge.index.coverage(concepts, knowledge.terms.of(purpose)),
        inSituation: namesSituation(concepts, title, forCloud.map((p) => p.slug), knowledge),
      };
    });
    const fit = (s: (typeof scored)[number]): number => s.coverage + s.purposeCoverage + (s.inSituation ? SITUATION_BONUS : 0);
    scored.sort((a, b) => fit(b) - fit(a));
    const best = scored[0]!;
    const confidence = (best.coverage + best.purposeCoverage) / 2;
    return render(best.procedure, confidence, knowledge.sources.links.bind(knowledge.sources), knowledge.sources.ref(best.procedure.slug));
  },
};

/** The procedures whose titles name no other cloud than the ones the question names (all, when it names none). */
export function proceduresForClouds(q: Question, knowledge: KnowledgeContext): ProcedureFact[] {
  return knowledge.facts.procedures.filter((p) => {
    const title = knowledge.sources.ref(p.slug).title;
    return q.clouds.length === 0 || (cloudsNamed(title, CLOUD_WORDS).every((c) => q.clouds.includes(c)) && aboutClouds(title, q.clouds));
  });
}

/** The step whose words (with its article's title) best cover `concepts`. */
function namedStep(concepts: readonly Concept[], knowledge: KnowledgeContext): StepFound | null {
  let best: StepFound | null = null;
  for (const procedure of knowledge.facts.procedures) {
    const title = knowledge.sources.ref(procedure.slug).title;
    procedure.steps.forEach((step, index) => {
      const coverage = knowledge.index.coverage(concepts, knowledge.terms.of(`${step.plain} ${title}`));
      if (!best || coverage > best.coverage) best = { procedure, step: index, coverage };
    });
  }
  return best;
}

/** Finds the step `clause` names and answers with the steps after it, or the outcome. */
function whatFollows(clause: string, knowledge: KnowledgeContext) {
  return stepsAfter(namedStep(conceptsOf(clause).filter((c) => !REQUEST_TERMS.has(c.term)), knowledge), knowledge);
}

/** The steps after the one found and what happens once they are done; nothing when no step is named well enough. */
function stepsAfter(found: StepFound | null, knowledge: KnowledgeContext) {
  if (!found || found.coverage < MIN_STEP_COVERAGE) return null;
  const { procedure, step } = found;
  const source = knowledge.sources.ref(procedure.slug);
  const links = knowledge.sources.links.bind(knowledge.sources);
  const after = procedure.steps.slice(step + 1);
  const parts = [`After step ${step + 1} (${links(procedure.steps[step]!.markdown)}):`];
  if (after.length > 0) parts.push(after.map((s, i) => `${step + 2 + i}. ${links(s.markdown)}`).join('\n'));
  if (procedure.outcome.length > 0) parts.push(renderOutcome(procedure, links));
  return makeAnswer('howto', parts.join('\n\n'), [source], Math.min(0.9, found.coverage), [], ['Open a ticket']);
}

/** What happens once the steps are done: its first line, then the rest as a list. */
function renderOutcome(procedure: ProcedureFact, links: (md: string) => string): string {
  const [first, ...rest] = procedure.outcome;
  return links(first!.markdown) + (rest.length ? `\n\n${rest.map((r) => `- ${links(r.markdown)}`).join('\n')}` : '');
}

function render(procedure: ProcedureFact, coverage: number, links: (md: string) => string, source: SourceRef) {
  const parts: string[] = [];
  parts.push(`**${source.title}**`);
  if (procedure.intro) parts.push(links(procedure.intro.markdown));
  parts.push(procedure.steps.map((step, i) => `${i + 1}. ${links(step.markdown)}`).join('\n'));
  if (procedure.outcome.length > 0) parts.push(renderOutcome(procedure, links));
  return makeAnswer('howto', parts.join('\n\n'), [source], Math.min(0.9, coverage), procedure.steps.map((s) => s.plain), ['Open a ticket', 'Who do I call for a critical outage?']);
}
