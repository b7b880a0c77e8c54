import type { ScopeFact } from '../facts/types.js';
import { terms } from '../text.js';
import type { Answer, Cloud } from '../types.js';
import type { Question } from './question.js';
import { makeAnswer } from './render.js';
import { AMOUNT, PRICE_ASKED } from './wanted.js';
import { sameItem, withoutCloudName } from './scope-items.js';
import type { KnowledgeContext } from './types.js';

/*
 * The scope as lists: what platform-level support covers for a cloud, how the two clouds differ,
 * and what Managed Services add on top of it.
 */

/** Words a request for the whole scope list is made of; any other known word asks something narrower. */
export const LISTING_TERMS = new Set(terms('what which list everything all anything scope cover covered coverage include included support supported handle platform level centurylink azure aws amazon microsoft out outside not exclude excluded exclusion exclusions differ difference different compare comparison versus both same between cloud clouds services service responsible responsibility under thing things stuff item items kind type part fall area show complete full entire whole give account accounts tenant tenants stay stays remain remains left still ourselves myself ctl clc deal deals mention mentions mentioned other others round vice versa'));
export const CLOUD_NAMES: Record<Cloud, string> = { azure: 'Azure', aws: 'AWS' };

/** The first scope fact of each cloud, in the knowledge base's order. */
export function onePerCloud(scopes: readonly ScopeFact[]): ScopeFact[] {
  return scopes.filter((scope, index) => scopes.findIndex((other) => other.cloud === scope.cloud) === index);
}

/**
 * What Managed Services are, as the scope articles give them: what platform-level support leaves
 * out, and where the managed options are described. Only from articles that say where to go for
 * them; a question about another kind of managed service is left to the passages.
 */
/** "available for both?", "only one of them?", "for which clouds?": which clouds offer it, asked. */
const WHICH_CLOUDS = /\b(both|either|only one|which clouds?|what clouds?|available|offered|all clouds)\b/;

export function managedServices(q: Question, scopes: readonly ScopeFact[], knowledge: KnowledgeContext): Answer | null {
  const offered = onePerCloud(scopes.filter((s) => s.managedServices));
  const asked = q.clouds.length ? offered.filter((s) => q.clouds.includes(s.cloud)) : offered;
  if (asked.length === 0) return null;
  const lead: string[] = [];
  // "are they available for both azure and aws or only one?": which clouds, said at once
  if (asked.length > 1 && WHICH_CLOUDS.test(q.text)) lead.push(`Managed Services are available for ${asked.length === 2 ? 'both ' : ''}${joinNames(asked.map((s) => CLOUD_NAMES[s.cloud]))}.`);
  // "how much does the managed services add-on cost?": no article gives a price; say so, and where the options are
  if (PRICE_ASKED.test(q.text) && !asked.some((s) => AMOUNT.test(s.managedServices!))) {
    lead.push('The support articles do not list a price for Managed Services; the options page linked below describes them.');
  }
  const parts = asked.map((scope) => {
    const cloud = CLOUD_NAMES[scope.cloud];
    return `**Managed Services for ${cloud}** cover what ${cloud} platform-level support leaves out: ${scope.outOfScope.join(', ')}.\n\n${knowledge.sources.links(scope.managedServices!)}`;
  });
  return makeAnswer('scope', [...lead, ...parts].join('\n\n'), asked.map((s) => knowledge.sources.ref(s.slug)), 0.85, asked.flatMap((s) => s.outOfScope), suggestionsFor(asked));
}

/** "AWS and Azure", "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function listing(scopes: ScopeFact[], outFirst: boolean, knowledge: KnowledgeContext): Answer {
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

export function comparison(scopes: readonly ScopeFact[], knowledge: KnowledgeContext, outFirst: boolean): Answer {
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

export function suggestionsFor(scopes: readonly ScopeFact[]): string[] {
  const cloud = scopes.length === 1 ? CLOUD_NAMES[scopes[0]!.cloud] : 'Azure';
  return [`What does ${cloud} support include?`, `What is out of scope for ${cloud}?`, 'Open a ticket'];
}
