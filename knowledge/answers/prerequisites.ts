import { CONFIDENCE_BAR } from '../confidence.js';
import type { PrerequisiteFact } from '../facts/types.js';
import { cloudOf } from '../facts/walk.js';
import { conceptsOf } from '../search.js';
import { terms } from '../text.js';
import { namesSituation, SITUATION_BONUS } from './article-fit.js';
import { makeAnswer } from './render.js';
import { FOR_THOSE_WITHOUT, lacking } from './wanted.js';
import type { Question } from './question.js';
import type { Answerer, KnowledgeContext } from './types.js';

/**
 * Ways customers ask what must be in place first: "what do I need before…", "anything I should
 * have ready before…", "prerequisites for…", "what is required to…". "What do I need to do" asks
 * for the steps instead.
 */
const PREREQUISITE_QUESTION = new RegExp([
  /\bpre-?req\w*/.source,
  /\brequirements?\b/.source,
  /\bwhat (is|are) (required|needed)\b/.source,
  /\b(need|needs|needed|have|has|get|prepare|know|done|required|must|should)\b[^.?!]*\bbefore\b/.source,
  /\b(have|get)\b[^.?!]*\b(ready|in place)\b/.source,
  // "is there something we have to do first?", "what has to happen with the old partner first?"
  /\b(have to|has to|need to|needs to|must|should)\b[^.?!]*\bfirst\b/.source,
  /\bwhat (do|does|would|will|should|must) (i|we) need\b(?! to do\b)/.source,
].join('|'));

/** "what do we need from them before escalating?": what to collect from someone, not what to have in place. */
const NEEDED_FROM_SOMEONE = /\bneed(s|ed)?\s+from\s+(them|him|her|you|me|us|the (customer|client|user)s?|customers?)\b/;

/** "we have never had an Azure subscription before": the customer's past, not what is needed first. */
const NEVER_BEFORE = /\bnever\b[^.?!]*\bbefore\b/g;

function asksForPrerequisites(text: string): boolean {
  return PREREQUISITE_QUESTION.test(text.replace(NEVER_BEFORE, ' ')) && !NEEDED_FROM_SOMEONE.test(text);
}

/** Words of the request itself ("what do I need to line up / sort out / undo first?"), which say nothing about what it is a prerequisite for. */
const REQUEST_TERMS = new Set(terms('prerequisite prerequisites prereq prereqs requirement requirements required require need needed ready place before beforehand first start begin prepare preparation line sort undo'));

/** What an article's prerequisites are for: its title and its steps. */
function purposeOf(fact: PrerequisiteFact, knowledge: KnowledgeContext): { all: string; title: string } {
  const title = knowledge.sources.ref(fact.slug).title;
  const steps = knowledge.facts.procedures.filter((p) => p.slug === fact.slug).flatMap((p) => [p.heading, p.intro?.plain ?? '', ...p.steps.map((s) => s.plain)]);
  return { all: [title, ...steps].join(' '), title };
}

/** What to have in place before following an article: the prerequisites of the one the question is about. */
export const prerequisiteAnswerer: Answerer = {
  name: 'prerequisites',
  matches: (q) => asksForPrerequisites(q.text),
  askedFor: (q) => asksForPrerequisites(q.text),
  answer(q, knowledge) {
    const topic = topicOf(q);
    if (topic.length === 0) return null;
    // an article about the other cloud is never what a question naming one cloud is about
    const candidates = knowledge.facts.prerequisites.filter((fact) => {
      const cloud = cloudOf(knowledge.sources.ref(fact.slug).title);
      return cloud === null || q.clouds.length === 0 || q.clouds.includes(cloud);
    });
    if (candidates.length === 0) return null;
    const scored = candidates.map((fact) => {
      const purpose = purposeOf(fact, knowledge);
      // the steps say what the article is for; its title breaks a tie between two similar articles
      return {
        fact,
        coverage: knowledge.index.coverage(topic, knowledge.terms.of(purpose.all)),
        titleCoverage: knowledge.index.coverage(topic, knowledge.terms.of(purpose.title)),
        // "before our admin sets up a brand-new Azure customer account": the new account's list, not the
        // existing one's; "…but we don't have a CenturyLink Cloud account yet": the list that says what
        // to do without one
        inSituation: namesSituation(topic, purpose.title, candidates.map((c) => c.slug), knowledge) || speaksToLack(q.text, fact, knowledge),
      };
    });
    const fit = (s: (typeof scored)[number]): number => s.coverage + (s.inSituation ? SITUATION_BONUS : 0);
    scored.sort((a, b) => fit(b) - fit(a) || b.titleCoverage - a.titleCoverage);
    const { fact, coverage } = scored[0]!;
    const source = knowledge.sources.ref(fact.slug);
    const list = fact.items.map((item) => `- ${knowledge.sources.links(item.markdown)}`).join('\n');
    const notes = notesFor(topic, fact, knowledge);
    const text = [`**${source.title}**`, `*${fact.heading}:*`, list, ...notes.map((note) => knowledge.sources.links(note))].join('\n\n');
    return makeAnswer('howto', text, [source], Math.min(0.9, coverage), fact.items.map((item) => item.plain), ['Open a ticket', 'Who do I call for a critical outage?']);
  },
};

/** Whether one of the list's items is for those who lack what the customer says they lack. */
function speaksToLack(text: string, fact: PrerequisiteFact, knowledge: KnowledgeContext): boolean {
  const lacks = lacking(text);
  if (!lacks) return false;
  const concepts = conceptsOf(lacks);
  return fact.items.some((item) => FOR_THOSE_WITHOUT.test(item.plain) && knowledge.index.coverage(concepts, knowledge.terms.of(item.plain)) >= CONFIDENCE_BAR);
}

/** A note before the steps: "NOTE: if the customer is already partnered with another provider, …". */
const NOTE = /^\s*(?:\*\*)?(?:note|important)\b/i;

/**
 * The notes that come with the article's steps, when they speak of something the question asks
 * and the prerequisites do not ("…still tied to another partner, what has to happen before we move
 * it?": the note on removing the old partnership belongs with the list).
 */
function notesFor(topic: Question['concepts'], fact: PrerequisiteFact, knowledge: KnowledgeContext): string[] {
  const listed = knowledge.terms.of(fact.items.map((item) => item.plain).join(' '));
  const unanswered = topic.filter((c) => c.alternatives.some((a) => knowledge.index.knows(a)) && !c.alternatives.some((a) => listed.has(a)));
  if (unanswered.length === 0) return [];
  const paragraphs = knowledge.facts.procedures.filter((p) => p.slug === fact.slug).flatMap((p) => p.intro?.markdown.split(/\n{2,}/) ?? []);
  return paragraphs.filter((paragraph) => NOTE.test(paragraph) && unanswered.some((c) => c.alternatives.some((a) => knowledge.terms.of(paragraph).has(a))));
}

function topicOf(q: Question): Question['concepts'] {
  return q.concepts.filter((c) => !REQUEST_TERMS.has(c.term));
}
