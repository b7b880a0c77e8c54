import type { ScopeFact } from '../facts/types.js';
import type { Concept } from '../search.js';
import { terms } from '../text.js';
import type { Cloud } from '../types.js';
import type { Question } from './question.js';
import { makeAnswer, type Sources } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

const SCOPE_WORDS = /\b(scope|cover|covers|covered|coverage|support|supports|supported|handle|handles|handled|responsible|responsibility|take care|look after|in charge|platform.level)\b/;
/** "include" and "offer" speak of scope only next to a scope word ("what does support include"). */
const SOFT_SCOPE_WORDS = /\b(include|includes|included|offer|offers|provide|provides)\b/;
/** A verdict answers a yes/no question, or one that names the scope outright. */
const YES_NO = /^(is|are|does|do|can|could|will|would|should|am|did|has|have)\b|\b(covered|in scope|out of scope|outside( of)?( the)? scope|included)\b/;
const LIST_WORDS = /\b(what|which|list|everything|all|anything)\b|\bscope\??$/;
const OUT_WORDS = /\b(out of scope|outside|not covered|not included|exclude|excluded|excludes|not in scope|isn't covered|aren't covered|not supported)\b/;
const COMPARE_WORDS = /\b(differ|difference|different|compare|comparison|versus|vs|both)\b/;
/** Words in scope items that name the cloud or say nothing about what is covered. */
const ITEM_NOISE = new Set(terms('azure aws issues regarding through cloud application manager providers provider partner arm via normal'));
/** Words a request for the whole scope list is made of; anything else asks something narrower. */
const LISTING_TERMS = new Set(terms('what which list everything all anything scope cover covered coverage include included support supported handle platform level centurylink azure aws amazon microsoft out outside exclude excluded differ difference different compare comparison versus both cloud clouds services service responsible responsibility'));
const CLOUD_NAMES: Record<Cloud, string> = { azure: 'Azure', aws: 'AWS' };

interface ItemMatch {
  scope: ScopeFact;
  item: string;
  inScope: boolean;
  score: number;
}

/** Is X in scope for a cloud; what is in and out of scope; how the two clouds differ. */
export const scopeAnswerer: Answerer = {
  name: 'scope',
  matches: (q) => SCOPE_WORDS.test(q.text) || OUT_WORDS.test(q.text) || SOFT_SCOPE_WORDS.test(q.text) || q.clouds.length > 0,
  answer(q, knowledge) {
    const scopes = knowledge.facts.scopes;
    if (scopes.length === 0) return null;
    const asked = q.clouds.length ? scopes.filter((s) => q.clouds.includes(s.cloud)) : scopes;
    const matches = bestItems(q.concepts, scopes, knowledge);
    const inAsked = matches.filter((m) => asked.includes(m.scope));
    const hasScopeWords = SCOPE_WORDS.test(q.text) || OUT_WORDS.test(q.text) || (SOFT_SCOPE_WORDS.test(q.text) && q.clouds.length > 0);

    if (inAsked.length > 0 && YES_NO.test(q.text.trim())) {
      // an item named outright: a verdict. Without scope words only an out-of-scope item
      // ("do you patch my VMs?") is a scope question; in-scope items are left to other answers.
      if (!hasScopeWords && inAsked.every((m) => m.inScope)) return null;
      return verdict(inAsked, asked, knowledge.sources);
    }
    if (matches.length > 0 && q.clouds.length > 0 && hasScopeWords && YES_NO.test(q.text.trim())) {
      // named for the other cloud only: say so, with where it is covered
      const other = matches[0]!;
      const cloud = CLOUD_NAMES[q.clouds[0]!];
      const text = `**${other.item}** is not listed in ${cloud}'s platform-level support scope. It is ${other.inScope ? 'in scope' : 'outside the scope'} for ${CLOUD_NAMES[other.scope.cloud]}.`;
      return makeAnswer('scope', text, [...asked.map((s) => knowledge.sources.ref(s.slug)), knowledge.sources.ref(other.scope.slug)], 0.75, [text], suggestionsFor(asked));
    }
    if (!hasScopeWords || (!LIST_WORDS.test(q.text) && !COMPARE_WORDS.test(q.text))) return null;
    // "what Azure resources does it support" asks about resources, not for the scope list
    if (q.concepts.some((c) => !LISTING_TERMS.has(c.term))) return null;
    if (COMPARE_WORDS.test(q.text) || (q.clouds.length !== 1 && asked.length > 1)) return comparison(scopes, knowledge.sources);
    return listing(asked, OUT_WORDS.test(q.text), knowledge.sources);
  },
};

function bestItems(concepts: readonly Concept[], scopes: readonly ScopeFact[], knowledge: KnowledgeContext): ItemMatch[] {
  const found: ItemMatch[] = [];
  for (const scope of scopes) {
    const items = [...scope.inScope.map((item) => ({ item, inScope: true })), ...scope.outOfScope.map((item) => ({ item, inScope: false }))];
    for (const { item, inScope } of items) {
      const itemTerms = [...new Set(terms(item.replace(/https?:\/\/\S+/g, (url) => url.replace(/^https?:\/\//, ''))))].filter((t) => !ITEM_NOISE.has(t));
      if (itemTerms.length === 0) continue;
      let total = 0;
      let hit = 0;
      for (const term of itemTerms) {
        const weight = knowledge.index.weight({ term, alternatives: [term] });
        total += weight;
        if (concepts.some((c) => c.term === term || c.alternatives.includes(term))) hit += weight;
      }
      // "Monitoring and Remediation": naming either half names the item
      const halves = item.split(/\s+and\s+/i).map((half) => terms(half).filter((t) => !ITEM_NOISE.has(t)));
      const halfHit = halves.length > 1 && halves.some((half) => half.length > 0 && half.every((t) => concepts.some((c) => c.term === t || c.alternatives.includes(t))));
      const score = Math.max(hit / total, halfHit ? 0.9 : 0);
      if (score >= 0.5) found.push({ scope, item, inScope, score });
    }
  }
  return found.sort((a, b) => b.score - a.score);
}

function verdict(matches: ItemMatch[], asked: ScopeFact[], sources: Sources) {
  const top = matches[0]!.score;
  const best = matches.filter((m) => m.score >= top - 0.05);
  const lines: string[] = [];
  const facts: string[] = [];
  for (const m of best) {
    const cloud = CLOUD_NAMES[m.scope.cloud];
    if (m.inScope) {
      lines.push(`**Yes: ${m.item} is in scope** of ${cloud} platform-level support.`);
    } else {
      lines.push(`**No: ${m.item} is outside the scope** of ${cloud} platform-level support, which does not cover ${m.scope.outOfScope.join(', ')}.`);
    }
    facts.push(`${cloud}: ${m.item} ${m.inScope ? 'in scope' : 'outside scope'}`);
  }
  const outside = best.find((m) => !m.inScope);
  if (outside?.scope.managedServices) lines.push('', sources.links(outside.scope.managedServices));
  const confidence = 0.6 + 0.3 * top;
  return makeAnswer('scope', lines.join('\n'), best.map((m) => sources.ref(m.scope.slug)), confidence, facts, suggestionsFor(asked));
}

function listing(scopes: ScopeFact[], outFirst: boolean, sources: Sources) {
  const parts: string[] = [];
  for (const scope of scopes) {
    const cloud = CLOUD_NAMES[scope.cloud];
    const inList = `**In scope of ${cloud} platform-level support:**\n\n${scope.inScope.map((i) => `- ${i}`).join('\n')}`;
    const outList = `**Outside the scope for ${cloud}:** ${scope.outOfScope.join(', ')}.${scope.outOfScopeNote ? ` ${scope.outOfScopeNote}` : ''}`;
    parts.push(...(outFirst ? [outList, inList] : [inList, outList]));
    if (scope.managedServices) parts.push(sources.links(scope.managedServices));
  }
  return makeAnswer('scope', parts.join('\n\n'), scopes.map((s) => sources.ref(s.slug)), 0.9, scopes.flatMap((s) => s.inScope), suggestionsFor(scopes));
}

function comparison(scopes: readonly ScopeFact[], sources: Sources) {
  const [a, b] = scopes;
  if (!a || !b) return listing([...scopes], false, sources);
  const key = (item: string): string => terms(item).filter((t) => !ITEM_NOISE.has(t)).join(' ');
  const onlyIn = (x: ScopeFact, y: ScopeFact): string[] => x.inScope.filter((i) => !y.inScope.some((j) => key(j) === key(i)));
  const both = a.inScope.filter((i) => b.inScope.some((j) => key(j) === key(i)));
  const lines = [
    `**In scope for both ${CLOUD_NAMES[a.cloud]} and ${CLOUD_NAMES[b.cloud]}:** ${both.join('; ')}.`,
    `**Only ${CLOUD_NAMES[a.cloud]}:** ${onlyIn(a, b).join('; ') || 'nothing else'}.`,
    `**Only ${CLOUD_NAMES[b.cloud]}:** ${onlyIn(b, a).join('; ') || 'nothing else'}.`,
    `**Outside the scope for both:** ${a.outOfScope.join(', ')}.`,
  ];
  return makeAnswer('scope', lines.join('\n\n'), [sources.ref(a.slug), sources.ref(b.slug)], 0.8, both, ['What is out of scope for Azure?', 'What does AWS support include?']);
}

function suggestionsFor(scopes: readonly ScopeFact[]): string[] {
  const cloud = scopes.length === 1 ? CLOUD_NAMES[scopes[0]!.cloud] : 'Azure';
  return [`What does ${cloud} support include?`, `What is out of scope for ${cloud}?`, 'Open a ticket'];
}

export type { Question };
