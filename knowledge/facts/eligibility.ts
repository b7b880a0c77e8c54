import type { ParsedArticle } from '../types.js';
import type { EligibilityFact } from './types.js';
import { cloudOf, leadingLabel, sentences, textsOf } from './walk.js';

const ELIGIBILITY_SECTION = /audience|availab|eligib|requirement|restriction|who can|limitation/i;
const LIMIT_CUE = /\b(limited to|not available|only|cannot|can not|prevents?|not eligible|must be|outside|not be|reseller|billable)\b/i;

/** A sentence that says whom to turn to or what to file. */
const RECOURSE = /\b(?:ticket|contact|review|representative|reach out|get in touch)\b/i;

function plainOf(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]/g, '');
}

/** Who can and cannot use a service: limiting sentences in audience and availability sections. */
export function extractEligibility(article: ParsedArticle): EligibilityFact[] {
  const facts: EligibilityFact[] = [];
  for (const section of article.sections) {
    if (!ELIGIBILITY_SECTION.test([section.heading, ...section.trail].join(' '))) continue;
    // a bold sub-label such as "Azure:" names the cloud of the sentences under it: as a
    // pseudo-heading it is the section's heading; in a list item (`* **Azure:**` and paragraphs
    // under it) it opens the item, and every sentence of the item falls under it
    const sectionCloud = cloudOf(section.heading);
    for (const block of section.blocks) {
      for (const text of textsOf(block)) {
        const label = leadingLabel(text.markdown);
        const labelCloud = label === null ? null : cloudOf(label);
        const said = sentences(text.markdown).map((markdown) => ({ markdown, plain: plainOf(markdown) }));
        said.forEach((sentence, index) => {
          if (!LIMIT_CUE.test(sentence.plain)) return;
          // "…prevents offering this service to resellers. If you would like us to review your case,
          // submit a ticket": the way to ask for an exception, said after the limit
          const recourse = said.slice(index + 1).find((next) => !LIMIT_CUE.test(next.plain) && RECOURSE.test(next.plain)) ?? null;
          facts.push({ slug: article.slug, cloud: cloudOf(sentence.plain) ?? labelCloud ?? sectionCloud, sentence, recourse });
        });
      }
    }
  }
  return facts;
}
