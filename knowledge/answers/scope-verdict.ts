import type { ScopeFact } from '../facts/types.js';
import type { Concept } from '../search.js';
import type { Answer, Cloud } from '../types.js';
import { renderPassage } from './passages.js';
import type { Question } from './question.js';
import { beFor } from './item-number.js';
import { makeAnswer } from './render.js';
import { CLOUD_NAMES, LISTING_TERMS, suggestionsFor } from './scope-lists.js';
import { itemKey, sameRole, withoutCloudName } from './scope-items.js';
import type { KnowledgeContext } from './types.js';

/*
 * Verdicts on scope items: which items a question names, and whether each is in or outside the
 * scope of the cloud asked about (with the other cloud's counterpart, and what else the articles
 * say about it).
 */

/** Related passages added to a verdict must cover at least this much of the question. */
const RELATED_COVERAGE = 0.7;
/** How well the best item must match for a verdict: items found less surely are left to the passages. */
const VERDICT_SCORE = 0.7;

export interface ItemMatch {
  scope: ScopeFact;
  item: string;
  inScope: boolean;
  key: string;
  score: number;
}

/** The scope items a question names, best first: those whose words it names for the most part. */
export function bestItems(concepts: readonly Concept[], scopes: readonly ScopeFact[], knowledge: KnowledgeContext): ItemMatch[] {
  const asks = (term: string): boolean => concepts.some((c) => c.term === term || c.alternatives.includes(term));
  const found: ItemMatch[] = [];
  for (const scope of scopes) {
    const items = [
      ...scope.inScope.map((item) => ({ item, inScope: true })),
      ...[...scope.outOfScope, ...(scope.outOfScopeNote ? [noteAsItem(scope.outOfScopeNote)] : [])].map((item) => ({ item, inScope: false })),
    ];
    for (const { item, inScope } of items) {
      const key = itemKey(item);
      if (key.length === 0) continue;
      let total = 0;
      let hit = 0;
      for (const term of key) {
        const weight = knowledge.index.weight({ term, alternatives: [term] });
        total += weight;
        if (asks(term)) hit += weight;
      }
      // "Monitoring and Remediation": naming either half names the item
      const halves = item.split(/\s+and\s+/i).map(itemKey);
      const halfHit = halves.length > 1 && halves.some((half) => half.length > 0 && half.every(asks));
      const score = Math.max(hit / total, halfHit ? 0.9 : 0);
      if (score >= 0.6) found.push({ scope, item, inScope, key: key.join(' '), score });
    }
  }
  return found.sort((a, b) => b.score - a.score);
}

/**
 * The note after the list ("Also customer accounts that are not Optimized…", "Customer accounts …
 * are also outside scope.") as an item: what it names, without the words saying it is outside.
 */
function noteAsItem(note: string): string {
  return note.replace(/^also\s+/i, '').replace(/\s+(?:are|is)\s+(?:also\s+)?(?:outside|out of)\s+(?:the\s+)?scope\b/i, '').replace(/\.$/, '');
}

/** The best item and those about as good ("is AWS billing and cost estimates in scope?" names two). */
export function closeTo(matches: readonly ItemMatch[]): ItemMatch[] {
  const top = matches[0]!.score;
  return matches.filter((m) => m.score >= Math.max(VERDICT_SCORE, top - 0.15));
}

/** The verdict on the items the question names; null when none is found surely enough to judge. */
export function verdict(q: Question, matches: ItemMatch[], knowledge: KnowledgeContext): Answer | null {
  const scopes = knowledge.facts.scopes;
  // items of the cloud asked about come first; another cloud's item answers only when the asked one has none
  const inAsked = q.clouds.length ? matches.filter((m) => q.clouds.includes(m.scope.cloud)) : matches;
  const relevant = inAsked.length ? inAsked : matches;
  const top = relevant[0]!.score;
  // the best item and any close to it; the same item in both clouds counts once
  const keys = [...new Set(relevant.filter((m) => m.score >= Math.max(VERDICT_SCORE, top - 0.15)).map((m) => m.key))].slice(0, 3);
  if (keys.length === 0) return null;
  const clouds: Cloud[] = [...new Set([...q.clouds, ...relevant.filter((m) => keys.includes(m.key)).map((m) => m.scope.cloud)])];
  const lines: string[] = [];
  const facts: string[] = [];
  const sources = new Set<string>();
  let outside: ItemMatch | undefined;
  for (const key of keys) {
    const byCloud = clouds.map((cloud) => ({ cloud, match: matches.find((m) => m.key === key && m.scope.cloud === cloud) }));
    const found = byCloud.find((c) => c.match)?.match?.item ?? matches.find((m) => m.key === key)!.item;
    // the same item in both clouds is named without either cloud's name
    const name = byCloud.filter((c) => c.match).length > 1 ? withoutCloudName(found) : found;
    const inside = byCloud.filter((c) => c.match?.inScope).map((c) => CLOUD_NAMES[c.cloud]);
    const out = byCloud.filter((c) => c.match && !c.match.inScope).map((c) => CLOUD_NAMES[c.cloud]);
    // "Escalations to Amazon Web Services" has its counterpart "Escalations to Microsoft" in the other cloud
    const counterparts = byCloud.filter((c) => !c.match).map(({ cloud }) => ({ cloud, counterpart: counterpartIn(scopes, cloud, found) }));
    const unlisted = counterparts.filter((c) => !c.counterpart).map((c) => CLOUD_NAMES[c.cloud]);
    for (const { cloud, match } of byCloud) {
      if (match) sources.add(match.scope.slug);
      else scopes.filter((s) => s.cloud === cloud).forEach((s) => sources.add(s.slug));
      if (match && !match.inScope) outside ??= match;
      const counterpart = match ? null : counterparts.find((c) => c.cloud === cloud)?.counterpart;
      if (counterpart) facts.push(`${CLOUD_NAMES[cloud]}: ${counterpart.item}: ${counterpart.inScope ? 'in scope' : 'outside scope'}`);
      else facts.push(`${CLOUD_NAMES[cloud]}: ${name}: ${match ? (match.inScope ? 'in scope' : 'outside scope') : 'not listed'}`);
    }
    const sentences: string[] = [];
    if (inside.length) sentences.push(`**${out.length ? '' : 'Yes: '}${name} ${beFor(name)} in scope** for ${inside.join(' and ')} platform-level support.`);
    if (out.length) sentences.push(`**${inside.length ? '' : 'No: '}${name} ${beFor(name)} outside the scope** of ${out.join(' and ')} platform-level support.`);
    for (const { cloud, counterpart } of counterparts) {
      if (counterpart) sentences.push(`For ${CLOUD_NAMES[cloud]}, ${counterpart.item} ${beFor(counterpart.item)} ${counterpart.inScope ? 'in scope' : 'outside the scope'}.`);
    }
    if (unlisted.length) sentences.push(`${beFor(name) === 'are' ? 'They are' : 'It is'} not listed in ${unlisted.join(' or ')}'s platform-level support scope.`);
    lines.push(sentences.join(' '));
  }
  if (outside) {
    lines.push(`Platform-level support does not cover ${outside.scope.outOfScope.join(', ')}.`);
    if (outside.scope.managedServices) lines.push(knowledge.sources.links(outside.scope.managedServices));
  }
  const related = relatedPassage(q, matches.filter((m) => keys.includes(m.key)), knowledge);
  if (related) {
    lines.push(related.text);
    sources.add(related.slug);
  }
  const asked = scopes.filter((s) => clouds.includes(s.cloud));
  return makeAnswer('scope', lines.join('\n\n'), [...sources].map((slug) => knowledge.sources.ref(slug)), 0.6 + 0.3 * top, facts, suggestionsFor(asked));
}

/** The item of `cloud`'s scope that plays the part `item` plays in another cloud's, naming its own vendor. */
function counterpartIn(scopes: readonly ScopeFact[], cloud: Cloud, item: string): { item: string; inScope: boolean } | null {
  for (const scope of scopes.filter((s) => s.cloud === cloud)) {
    const inside = scope.inScope.find((other) => sameRole(other, item));
    if (inside) return { item: inside, inScope: true };
    const outside = scope.outOfScope.find((other) => sameRole(other, item));
    if (outside) return { item: outside, inScope: false };
  }
  return null;
}

/**
 * What else the articles say, when the question asks more than the scope item answers
 * ("can I get month-to-date usage?": the item is in scope, the passage says it comes via API).
 */
function relatedPassage(q: Question, answered: readonly ItemMatch[], knowledge: KnowledgeContext): { text: string; slug: string } | null {
  const itemTerms = new Set(answered.flatMap((m) => m.key.split(' ')));
  const rest = q.concepts.filter((c) => knowledge.index.knows(c.term) && !LISTING_TERMS.has(c.term) && !itemTerms.has(c.term) && !c.alternatives.some((a) => itemTerms.has(a)));
  if (rest.length === 0) return null;
  const scopeSlugs = new Set(knowledge.facts.scopes.map((s) => s.slug));
  const [best] = knowledge.index.rank(q.concepts, 1, (p) => !(scopeSlugs.has(p.slug) && /scope/i.test([p.heading, ...p.trail].join(' '))), q.pairs);
  if (!best || best.coverage < RELATED_COVERAGE || knowledge.index.coverage(rest, knowledge.index.termsOfPassage(best.passage.id)) === 0) return null;
  return { text: `*See also, from ${best.passage.title}:*\n\n${renderPassage(best, q.concepts, knowledge)}`, slug: best.passage.slug };
}
