import type { ScopeFact } from '../facts/types.js';
import { conceptsOf, type Concept } from '../search.js';
import { terms } from '../text.js';
import type { Answer, Cloud } from '../types.js';
import { askingPart } from './asking-part.js';
import { renderPassage } from './passages.js';
import { itemKey, sameItem, sameRole, withoutCloudName } from './scope-items.js';
import type { Question } from './question.js';
import { makeAnswer } from './render.js';
import type { Answerer, KnowledgeContext } from './types.js';

const SCOPE_WORDS = /\b(scope|cover|covers|covered|coverage|support|supports|supported|handle|handles|handled|responsible|responsibility|take care|look after|in charge|platform.level|part of (your|the|platform)?\s?(support|scope|service|coverage))\b/;
/** "the AWS support plan fee", "a support ticket": support as the name of a thing, asking nothing of it. */
const SUPPORT_AS_NOUN = /\bsupport (plans?|tickets?|cases?|teams?|numbers?|lines?|address(es)?|e-?mails?|fees?|contracts?|portal|site|pages?|requests?|staff|engineers?|hours)\b/g;
/** "include" and "offer" speak of scope only next to a scope word or a cloud. */
const SOFT_SCOPE_WORDS = /\b(include|includes|included|offer|offers|provide|provides|help with|do for)\b/;
/** A verdict answers a yes/no question, a "who handles" question, or one that names the scope outright. */
const VERDICT_FORM = new RegExp([
  /(^|[.?!;,]\s*|\band\s+|\bbut\s+|\bso\s+)(is|are|does|do|can|could|will|would|should|am|did|has|have)\b/.source,
  /\bsomething (you|your|centurylink)\b/.source,
  // not "how often do you bill us?", "when do you…": asked how, when or why, not whether
  /(?<!\b(?:how (?:often|long|much|many|soon|quickly)|when|why|where)\s+)\b(is|are|does|do|can|could|will|would)\s+(you|u|your|centurylink|it|that|this|they|those|these|there|the|platform)\b/.source,
  /\bwho (handles|deals with|takes care|is responsible|looks after|covers)\b/.source,
  /\b(covered|in scope|out of scope|outside( of)?( the)? scope|included|part of (it|that|this|your|the))\b/.source,
  // "we would like to know whether change management falls under platform-level support"
  /\bwhether\b/.source,
  // "that's not part of platform-level support, right?": a statement asked to be confirmed
  /,\s*(right|correct|yes|no|true|is it|is that right)\s*\?/.source,
].join('|'));
/** A question whose subject is the provider asks what it does: "will centurylink escalate it?" */
const PROVIDER_DOES = /\b(is|are|does|do|can|could|will|would)\s+(you|u|your|ur|centurylink|support)\b/;
/** "X isn't covered… where do we go if we want it?": the verdict, with where the item is offered. */
const WANTS_IT_ANYWAY = /\b(where|who|how)\b[^.?!]*\b(go|get|buy|turn|contact|ask|order|purchase)\b|\bwant (that|it|this|them)\b/;
/** "is X something you guys do?" */
const SOMETHING_YOU_DO = /\bsomething (you|u|your|centurylink)\b/;
/** "patching on our boxes - is that you guys or us?", "is that on us or on you?", "is it your job?" */
const YOU_OR_US = /\b(you|u|centurylink)( guys| folks)?,? or (on )?(us|we|me|ourselves|myself)\b|\b(us|we|me),? or (on )?(you|u|centurylink)\b|\b(your|ur) (job|responsibility|side)\b/;
const LIST_WORDS = /\b(what|which|list|everything|all|anything)\b|\bscope\??$/;
/** What is left out, also when the negation stands apart from its verb ("what doesn't aws support cover?"). */
const OUT_WORDS = new RegExp([
  /\b(out of scope|outside|exclude|excluded|excludes|excluding)\b/.source,
  /\b(not|never)\b[^.?!]*\b(cover|covers|covered|include|includes|included|support|supports|supported|handle|handles|handled|scope|part of|do)\b/.source,
].join('|'));
/** "what does managed services add?", "what do managed services include?": the tier above platform-level support. */
const MANAGED_SERVICES = /\bmanaged\s+services?\b/;
const COMPARE_WORDS = /\b(differ|difference|different|compare|comparison|versus|vs|both|same)\b/;
/** Words a request for the whole scope list is made of; any other known word asks something narrower. */
const LISTING_TERMS = new Set(terms('what which list everything all anything scope cover covered coverage include included support supported handle platform level centurylink azure aws amazon microsoft out outside not exclude excluded differ difference different compare comparison versus both same between cloud clouds services service responsible responsibility under thing things stuff item items kind type part fall area show complete full entire whole give account accounts tenant tenants'));
const CLOUD_NAMES: Record<Cloud, string> = { azure: 'Azure', aws: 'AWS' };
/** Related passages added to a verdict must cover at least this much of the question. */
const RELATED_COVERAGE = 0.7;
/** How well the best item must match for a verdict: items found less surely are left to the passages. */
const VERDICT_SCORE = 0.7;
/** Share of a question an in-scope item must name to be what the question asks about. */
const ITEM_SHARE = 0.4;

interface ItemMatch {
  scope: ScopeFact;
  item: string;
  inScope: boolean;
  key: string;
  score: number;
}

/** Is X in scope for a cloud; what is in and out of scope; how the two clouds differ. */
export const scopeAnswerer: Answerer = {
  name: 'scope',
  matches: () => true,
  answer(question, knowledge) {
    const scopes = knowledge.facts.scopes;
    if (scopes.length === 0) return null;
    const q = withoutOtherwise(question);
    // "…add devs to the aws management console - is creating console users something you cover?": the
    // items the asking part names come before those of the story around it
    const part = askingPart(q.text);
    const fromPart = asksOfSupport(part) ? bestItems(conceptsOf(part), scopes, knowledge) : [];
    const matches = fromPart.length ? fromPart : bestItems(q.concepts, scopes, knowledge);
    const scopeWords = speaksOfScope(q.text) || OUT_WORDS.test(q.text) || (SOFT_SCOPE_WORDS.test(q.text) && q.clouds.length > 0);
    // an item named in passing ('…take over billing and support…') is not what a long question asks,
    // and a question that asks nothing of support ("will the charges be itemized on the invoice?")
    // wants the article's words about the item, not a verdict on it
    const asksOfProvider = scopeWords || PROVIDER_DOES.test(q.text) || SOMETHING_YOU_DO.test(q.text) || YOU_OR_US.test(q.text);
    const askedAs = VERDICT_FORM.test(q.text.trim()) || (matches.length > 0 && !matches[0]!.inScope && WANTS_IT_ANYWAY.test(q.text));
    if (matches.length > 0 && asksOfProvider && askedAs && (!matches[0]!.inScope || itemShare(q, closeTo(matches), knowledge) >= ITEM_SHARE)) {
      const answer = verdict(q, matches, knowledge);
      if (answer) return answer;
    }
    if (MANAGED_SERVICES.test(q.text)) return managedServices(q, scopes, knowledge);
    if (!scopeWords || (!LIST_WORDS.test(q.text) && !COMPARE_WORDS.test(q.text))) return null;
    // "what Azure resources does it support" asks about resources, not for the scope list; a sentence
    // that asks nothing ("…our procurement team wants it in writing") does not narrow the request
    const listed = asksOfSupport(part) ? conceptsOf(part) : q.concepts;
    if (listed.some((c) => knowledge.index.knows(c.term) && !LISTING_TERMS.has(c.term))) return null;
    // a knowledge base may hold two copies of a cloud's scope article: one list per cloud
    const perCloud = onePerCloud(scopes);
    const asked = q.clouds.length ? perCloud.filter((s) => q.clouds.includes(s.cloud)) : perCloud;
    if (COMPARE_WORDS.test(q.text) || asked.length > 1) return comparison(perCloud, knowledge, OUT_WORDS.test(q.text));
    return listing(asked, OUT_WORDS.test(q.text), knowledge);
  },
};

/** The first scope fact of each cloud, in the knowledge base's order. */
function onePerCloud(scopes: readonly ScopeFact[]): ScopeFact[] {
  return scopes.filter((scope, index) => scopes.findIndex((other) => other.cloud === scope.cloud) === index);
}

/**
 * "will you escalate it to AWS, or do I have to open a case with them myself?": the other way the
 * customer offers is what happens if support does not; it names nothing support is asked about.
 */
const OTHERWISE = /,?\s+or\s+(?:do|does|should|must|would|will|can|is|are|have)\s+(?:i|we|they|that|it|this)\b[^?]*\??\s*$/;

function withoutOtherwise(q: Question): Question {
  const text = q.text.replace(OTHERWISE, '?');
  return text === q.text || !/[a-z]/.test(text) ? q : { ...q, text, concepts: conceptsOf(text) };
}

function bestItems(concepts: readonly Concept[], scopes: readonly ScopeFact[], knowledge: KnowledgeContext): ItemMatch[] {
  const asks = (term: string): boolean => concepts.some((c) => c.term === term || c.alternatives.includes(term));
  const found: ItemMatch[] = [];
  for (const scope of scopes) {
    const items = [
      ...scope.inScope.map((item) => ({ item, inScope: true })),
      ...[...scope.outOfScope, ...(scope.outOfScopeNote ? [scope.outOfScopeNote.replace(/^also\s+/i, '').replace(/\.$/, '')] : [])].map((item) => ({ item, inScope: false })),
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
 * How much of what the question asks (its known words, less cloud and scope words) the items
 * name: in the whole message, or in the part of it that asks what support does (`asking-part.ts`),
 * whichever is more.
 */
function itemShare(q: Question, named: readonly ItemMatch[], knowledge: KnowledgeContext): number {
  const itemTerms = new Set(named.flatMap((match) => match.key.split(' ')));
  const share = (concepts: readonly Concept[]): number =>
    knowledge.index.coverage(concepts.filter((c) => knowledge.index.knows(c.term) && !LISTING_TERMS.has(c.term)), itemTerms);
  const part = askingPart(q.text);
  return Math.max(share(q.concepts), asksOfSupport(part) ? share(conceptsOf(part)) : 0);
}

/** The best item and those about as good ("is AWS billing and cost estimates in scope?" names two). */
function closeTo(matches: readonly ItemMatch[]): ItemMatch[] {
  const top = matches[0]!.score;
  return matches.filter((m) => m.score >= Math.max(0.7, top - 0.15));
}

/** Only a part that asks what support does counts: "can we sign up for centurylink-billed azure?" names billing, but asks about signing up. */
function asksOfSupport(part: string): boolean {
  return speaksOfScope(part) || PROVIDER_DOES.test(part);
}

function speaksOfScope(text: string): boolean {
  return SCOPE_WORDS.test(text.replace(SUPPORT_AS_NOUN, ' '));
}

/** The verdict on the items the question names; null when none is found surely enough to judge. */
function verdict(q: Question, matches: ItemMatch[], knowledge: KnowledgeContext): Answer | null {
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
    if (inside.length) sentences.push(`**${out.length ? '' : 'Yes: '}${name} is in scope** for ${inside.join(' and ')} platform-level support.`);
    if (out.length) sentences.push(`**${inside.length ? '' : 'No: '}${name} is outside the scope** of ${out.join(' and ')} platform-level support.`);
    for (const { cloud, counterpart } of counterparts) {
      if (counterpart) sentences.push(`For ${CLOUD_NAMES[cloud]}, ${counterpart.item} is ${counterpart.inScope ? 'in scope' : 'outside the scope'}.`);
    }
    if (unlisted.length) sentences.push(`It is not listed in ${unlisted.join(' or ')}'s platform-level support scope.`);
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

/**
 * What Managed Services are, as the scope articles give them: what platform-level support leaves
 * out, and where the managed options are described. Only from articles that say where to go for
 * them; a question about another kind of managed service is left to the passages.
 */
function managedServices(q: Question, scopes: readonly ScopeFact[], knowledge: KnowledgeContext): Answer | null {
  const asked = (q.clouds.length ? scopes.filter((s) => q.clouds.includes(s.cloud)) : scopes).filter((s) => s.managedServices);
  if (asked.length === 0) return null;
  const parts = asked.map((scope) => {
    const cloud = CLOUD_NAMES[scope.cloud];
    return `**Managed Services for ${cloud}** cover what ${cloud} platform-level support leaves out: ${scope.outOfScope.join(', ')}.\n\n${knowledge.sources.links(scope.managedServices!)}`;
  });
  return makeAnswer('scope', parts.join('\n\n'), asked.map((s) => knowledge.sources.ref(s.slug)), 0.85, asked.flatMap((s) => s.outOfScope), suggestionsFor(asked));
}

function listing(scopes: ScopeFact[], outFirst: boolean, knowledge: KnowledgeContext): Answer {
  const parts: string[] = [];
  for (const scope of scopes) {
    const cloud = CLOUD_NAMES[scope.cloud];
    const inList = `**In scope of ${cloud} platform-level support:**\n\n${scope.inScope.map((i) => `- ${i}`).join('\n')}`;
    const outList = `**Outside the scope for ${cloud}:** ${scope.outOfScope.join(', ')}.${scope.outOfScopeNote ? ` ${scope.outOfScopeNote}` : ''}`;
    parts.push(...(outFirst ? [outList, inList] : [inList, outList]));
    if (scope.managedServices) parts.push(knowledge.sources.links(scope.managedServices));
  }
  return makeAnswer('scope', parts.join('\n\n'), scopes.map((s) => knowledge.sources.ref(s.slug)), 0.9, scopes.flatMap((s) => s.inScope), suggestionsFor(scopes));
}

function comparison(scopes: readonly ScopeFact[], knowledge: KnowledgeContext, outFirst: boolean): Answer {
  const [a, b] = scopes;
  if (!a || !b) return listing([...scopes], outFirst, knowledge);
  const named = (s: ScopeFact): string => CLOUD_NAMES[s.cloud];
  const onlyIn = (x: ScopeFact, y: ScopeFact): string[] => x.inScope.filter((i) => !y.inScope.some((j) => sameItem(i, j)));
  const both = a.inScope.filter((i) => b.inScope.some((j) => sameItem(i, j))).map(withoutCloudName);
  const sameOutside = a.outOfScope.length === b.outOfScope.length && a.outOfScope.every((item, i) => sameItem(item, b.outOfScope[i]!));
  const outside = sameOutside
    ? `**Outside the scope for both:** ${a.outOfScope.join(', ')}.`
    : `**Outside the scope:** ${named(a)}: ${a.outOfScope.join(', ')}; ${named(b)}: ${b.outOfScope.join(', ')}.`;
  const lines = [
    `**In scope for both ${named(a)} and ${named(b)}:** ${both.join('; ')}.`,
    `**Only ${named(a)}:** ${onlyIn(a, b).join('; ') || 'nothing else'}.`,
    `**Only ${named(b)}:** ${onlyIn(b, a).join('; ') || 'nothing else'}.`,
  ];
  if (outFirst) lines.unshift(outside);
  else lines.push(outside);
  const managed = [a, b].map((s) => s.managedServices).find(Boolean);
  if (managed) lines.push(knowledge.sources.links(managed));
  return makeAnswer('scope', lines.join('\n\n'), [knowledge.sources.ref(a.slug), knowledge.sources.ref(b.slug)], 0.85, both, ['What is out of scope for Azure?', 'What does AWS support include?']);
}

function suggestionsFor(scopes: readonly ScopeFact[]): string[] {
  const cloud = scopes.length === 1 ? CLOUD_NAMES[scopes[0]!.cloud] : 'Azure';
  return [`What does ${cloud} support include?`, `What is out of scope for ${cloud}?`, 'Open a ticket'];
}
