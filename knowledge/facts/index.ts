import type { ParsedArticle } from '../types.js';
import { extractEligibility } from './eligibility.js';
import { extractEmails } from './emails.js';
import { extractLogLocations } from './logs.js';
import { extractPhones } from './phones.js';
import { extractPrerequisites } from './prerequisites.js';
import { extractProcedures } from './procedures.js';
import { extractScope } from './scope.js';
import type { Facts } from './types.js';

/** Runs every extractor over every article. */
export function extractFacts(articles: readonly ParsedArticle[]): Facts {
  const facts: Facts = { phones: [], emails: [], scopes: [], logLocations: [], procedures: [], prerequisites: [], eligibility: [] };
  for (const article of articles) {
    facts.phones.push(...extractPhones(article));
    facts.emails.push(...extractEmails(article));
    const scope = extractScope(article);
    if (scope) facts.scopes.push(scope);
    facts.logLocations.push(...extractLogLocations(article));
    facts.procedures.push(...extractProcedures(article));
    facts.prerequisites.push(...extractPrerequisites(article));
    facts.eligibility.push(...extractEligibility(article));
  }
  return facts;
}
