import type { Concept } from '../search.js';
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
