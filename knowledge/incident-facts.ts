import type { PhoneFact, ScopeFact } from './facts/types.js';
import type { KnowledgeContext } from './answers/types.js';
import { terms } from './text.js';
import type { Cloud, RegionId, SourceRef } from './types.js';

/**
 * What filing an incident needs from the knowledge base: the outage number of a region and
 * whether platform-level support covers what the customer describes. Both come from the facts
 * extracted from the articles, so a change in the articles changes them.
 */

export interface OutagePhone {
  region: RegionId;
  label: string;
  number: string;
  source: SourceRef;
}

export interface ScopeCheck {
  /** in: a scope item covers it; out: a listed exclusion (a managed-services matter); unknown: no item matched */
  verdict: 'in' | 'out' | 'unknown';
  /** the scope item that decided it */
  item?: string;
  /** where excluded work is offered instead (display markdown) */
  managedServices?: string;
  source?: SourceRef;
}

/**
 * Words of scope items that say little alone: "change my password" is not change management,
 * "remote office" is not remote administration. An item matches on these only together with
 * its other words.
 */
const WEAK_ITEM_TERMS = new Set(terms('change management manage remote administration issues regarding review configuration resource resources service services support technical knowledge base account accounts customer set up sign user users azure aws amazon web microsoft cloud clouds application manager provider providers partner arm'));

/** The critical-outage number for a region; the cloud's own article first when it has one. */
export function outagePhone(context: KnowledgeContext, region: RegionId, cloud: Cloud | null): OutagePhone | null {
  const phones = context.facts.phones.filter((phone): phone is PhoneFact & { region: RegionId } => phone.region === region);
  const preferred = (cloud && phones.find((phone) => scopeCloudOf(context, phone.slug) === cloud)) || phones[0];
  if (!preferred) return null;
  return { region, label: preferred.label, number: preferred.number, source: context.sources.ref(preferred.slug) };
}

/** Whether the described problem is inside platform-level support for a cloud (exclusions win over inclusions). */
export function scopeOf(context: KnowledgeContext, text: string, cloud: Cloud | null): ScopeCheck {
  const described = new Set(terms(text.toLowerCase()));
  const scopes = context.facts.scopes.filter((scope) => cloud === null || scope.cloud === cloud);
  for (const scope of scopes) {
    const item = scope.outOfScope.find((candidate) => itemMatches(candidate, described));
    if (item) return withSource(context, scope, { verdict: 'out', item, ...(scope.managedServices ? { managedServices: scope.managedServices } : {}) });
  }
  for (const scope of scopes) {
    const item = scope.inScope.find((candidate) => itemMatches(candidate, described));
    if (item) return withSource(context, scope, { verdict: 'in', item });
  }
  return { verdict: 'unknown' };
}

function itemMatches(item: string, described: Set<string>): boolean {
  const itemTerms = [...new Set(terms(item.toLowerCase().replace(/https?:\/\/\S+/g, ' ')))];
  if (itemTerms.length === 0) return false;
  const present = itemTerms.filter((term) => described.has(term));
  if (present.length === itemTerms.length) return true;
  return present.some((term) => !WEAK_ITEM_TERMS.has(term));
}

function withSource(context: KnowledgeContext, scope: ScopeFact, check: ScopeCheck): ScopeCheck {
  return { ...check, source: context.sources.ref(scope.slug) };
}

function scopeCloudOf(context: KnowledgeContext, slug: string): Cloud | null {
  return context.facts.scopes.find((scope) => scope.slug === slug)?.cloud ?? null;
}
