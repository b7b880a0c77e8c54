import type { Passage } from '../passages.js';
import type { Concept } from '../search.js';
import type { KnowledgeContext } from './types.js';

/*
 * What stands beside a passage in its section, for the passage answer: the short list after a
 * one-sentence paragraph, and the e-mail address the section gives.
 */

/** A one-sentence paragraph and the list after it. */
export interface NeighbourPair {
  sentence: Passage;
  list: Passage;
}

/** Items a one-sentence paragraph's list may have to be read with it. */
const SHORT_LIST_ITEMS = 3;

/**
 * A one-sentence paragraph and the short list right after it, in the same section, found from
 * either: such a list says how to do what the sentence says ("share the box… and attach the logs."
 * then "Linux: …", "Windows: …").
 */
export function sentenceAndList(passage: Passage, knowledge: KnowledgeContext): NeighbourPair | null {
  const { passages } = knowledge.index;
  const [sentence, list] = passage.listed ? [passages[passage.id - 1], passage] : [passage, passages[passage.id + 1]];
  if (!sentence || !list || sentence.listed || sentence.units.length !== 1) return null;
  if (!list.listed || list.ordered || list.lead > 0 || list.group !== sentence.group + 1 || list.units.length > SHORT_LIST_ITEMS) return null;
  return list.slug === sentence.slug && list.heading === sentence.heading ? { sentence, list } : null;
}

/** How much of the question the sentence and its list hold together. */
export function pairCoverage({ sentence, list }: NeighbourPair, concepts: readonly Concept[], knowledge: KnowledgeContext): number {
  const { index } = knowledge;
  return index.coverage(concepts, new Set([...index.termsOfPassage(sentence.id), ...index.termsOfPassage(list.id)]));
}

export function renderPair({ sentence, list }: NeighbourPair, knowledge: KnowledgeContext): string {
  const items = list.units.map((unit) => `- ${knowledge.sources.links(unit.markdown)}`).join('\n');
  return `*${sentence.heading}:*\n\n${knowledge.sources.links(sentence.units[0]!.markdown)}\n${items}`;
}

/** The e-mail address given in the same section of the same article as the passage, if any. */
export function sectionAddress(passage: Passage, knowledge: KnowledgeContext): string | null {
  const addresses = knowledge.facts.emails.filter((fact) => fact.slug === passage.slug);
  if (addresses.length === 0) return null;
  const section = (p: Passage): string => [p.slug, ...p.trail, p.heading].join('\u0000');
  const here = section(passage);
  for (const other of knowledge.index.passages) {
    if (other.slug !== passage.slug || section(other) !== here) continue;
    const text = other.units.map((unit) => unit.plain.toLowerCase()).join(' ');
    const found = addresses.find((fact) => text.includes(fact.address.toLowerCase()));
    if (found) return found.address;
  }
  return null;
}
