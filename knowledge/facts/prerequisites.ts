import type { ParsedArticle, RichText } from '../types.js';
import type { PrerequisiteFact } from './types.js';

/** Headings articles put over what must be in place before their steps. */
const PREREQUISITE_HEADING = /\b(pre-?requisites?|requirements|before you (begin|start)|what you('ll| will)? need)\b/i;

/**
 * A section headed like "Prerequisites" or "Before You Begin": its list items, or its
 * paragraphs when it has no list ("An active account." written as a sentence).
 */
export function extractPrerequisites(article: ParsedArticle): PrerequisiteFact[] {
  const facts: PrerequisiteFact[] = [];
  for (const section of article.sections) {
    if (!PREREQUISITE_HEADING.test(section.heading)) continue;
    const listed: RichText[] = [];
    const written: RichText[] = [];
    for (const block of section.blocks) {
      if (block.kind === 'list') listed.push(...block.items);
      else if (block.kind === 'paragraph') written.push(block.text);
    }
    const items = listed.length ? listed : written;
    if (items.length) facts.push({ slug: article.slug, heading: section.heading, items });
  }
  return facts;
}
