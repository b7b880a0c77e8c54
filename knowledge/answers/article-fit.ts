import { sameProviders } from '../clouds.js';
import type { Concept } from '../search.js';
import type { Passage } from '../passages.js';
import type { Facts } from '../facts/types.js';
import type { KnowledgeContext } from './types.js';

/**
 * How well an article's title fits the question: the share of the question's ideas its title holds.
 *
 * Why: the same statement (an address, a "cannot be a demo account" sentence) is often repeated
 * word for word in many articles, so the statement alone cannot say which article to cite. The
 * article whose title names what the customer asks about ("…Azure Customer Account" for an Azure
 * question) is the one to cite, rather than whichever copy happened to be read first.
 */
export function titleFit(concepts: readonly Concept[], slug: string, knowledge: KnowledgeContext): number {
  return knowledge.index.coverage(concepts, knowledge.terms.of(knowledge.sources.ref(slug).title));
}

/**
 * Two guides for one task in two situations ("Getting Started With A New Azure Customer Account",
 * "…With An Existing Azure Customer Account") differ in their titles by the word for the situation.
 * A question that names it ("a brand-new Azure sub") is in that guide's situation, however many
 * other words it shares with the other guide's steps.
 */
export const SITUATION_BONUS = 0.5;
/**
 * Titles of guides for one provider that differ by at most this many words each way are guides
 * for the same task in two situations ("New" / "Existing"); "Deleting Azure Customer Accounts" is
 * another task, and "…A New AWS Customer Account" the same task on another cloud.
 */
const SIBLING_DIFFERENCE = 2;

export function namesSituation(concepts: readonly Concept[], title: string, slugs: readonly string[], knowledge: KnowledgeContext): boolean {
  const situation = situationWords(title, slugs, knowledge);
  return situation.size > 0 && concepts.some((c) => c.alternatives.some((term) => situation.has(term)));
}

/** Per knowledge base, the situation words of a title among a list of guides: the same lists come back turn after turn. */
const SITUATIONS = new WeakMap<KnowledgeContext['terms'], Map<string, ReadonlySet<string>>>();

function situationWords(title: string, slugs: readonly string[], knowledge: KnowledgeContext): ReadonlySet<string> {
  let known = SITUATIONS.get(knowledge.terms);
  if (!known) SITUATIONS.set(knowledge.terms, (known = new Map()));
  const key = `${title}\n${slugs.join('\n')}`;
  const cached = known.get(key);
  if (cached) return cached;
  const own = knowledge.terms.of(title);
  const situation = new Set<string>();
  for (const slug of slugs) {
    const theirTitle = knowledge.sources.ref(slug).title;
    const theirs = knowledge.terms.of(theirTitle);
    if (theirs === own || !sameProviders(title, theirTitle)) continue;
    const ownOnly = [...own].filter((term) => !theirs.has(term));
    const theirsOnly = [...theirs].filter((term) => !own.has(term));
    if (ownOnly.length === 0 || ownOnly.length > SIBLING_DIFFERENCE || theirsOnly.length > SIBLING_DIFFERENCE) continue;
    for (const term of ownOnly) situation.add(term);
  }
  known.set(key, situation);
  return situation;
}

const SUPPORT_FACTS = new WeakMap<Facts, Map<string, number>>();

/**
 * How many support facts (outage numbers, scope lists) an article states. A section repeated in
 * dozens of articles ("Contacting support: … where the agent log is") is cited from an article
 * about support, not from whichever guide was read first.
 */
export function supportFacts(slug: string, knowledge: KnowledgeContext): number {
  let counts = SUPPORT_FACTS.get(knowledge.facts);
  if (!counts) {
    counts = new Map();
    for (const fact of [...knowledge.facts.phones, ...knowledge.facts.scopes]) counts.set(fact.slug, (counts.get(fact.slug) ?? 0) + 1);
    SUPPORT_FACTS.set(knowledge.facts, counts);
  }
  return counts.get(slug) ?? 0;
}

/** A section held word for word by this many articles or more is boilerplate that closes many guides. */
const BOILERPLATE_COPIES = 3;

/**
 * The passage to cite for one that many articles hold word for word: the copy in the article about
 * support (ties keep the ranker's choice). A passage two articles share is left to the ranker,
 * which has already weighed their titles against the question.
 */
export function citedCopy(passage: Passage, knowledge: KnowledgeContext): Passage {
  if (!isBoilerplate(passage, knowledge)) return passage;
  return knowledge.index.copiesOf(passage).reduce((cited, copy) => (supportFacts(copy.slug, knowledge) > supportFacts(cited.slug, knowledge) ? copy : cited), passage);
}

export function isBoilerplate(passage: Passage, knowledge: KnowledgeContext): boolean {
  return knowledge.index.copiesOf(passage).length >= BOILERPLATE_COPIES;
}
