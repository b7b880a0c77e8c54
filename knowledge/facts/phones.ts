import { regionOfName } from '../regions.js';
import type { ParsedArticle } from '../types.js';
import type { PhoneFact } from './types.js';
import { blocksOf } from './walk.js';

const URGENT_INTRO = /\b(outage|critical|urgent|emergenc|call)/i;
const LABELLED_NUMBER = /^([A-Za-z][A-Za-z .&/()-]{1,40}?)\s*[:–—-]\s*(\+?\(?\d[\d\s().-]{5,}\d)\s*$/;

/** Phone numbers listed under a sentence about critical outages, one `Region: number` per item. */
export function extractPhones(article: ParsedArticle): PhoneFact[] {
  const facts: PhoneFact[] = [];
  for (const { block, previous } of blocksOf(article)) {
    if (block.kind !== 'list' || previous?.kind !== 'paragraph' || !URGENT_INTRO.test(previous.text.plain)) continue;
    for (const item of block.items) {
      const match = LABELLED_NUMBER.exec(item.plain);
      if (!match) continue;
      const label = match[1]!.trim();
      const number = match[2]!.trim();
      // articles often repeat the list (once near the top, once under "Contacting support")
      if (facts.some((f) => f.label === label && f.number === number)) continue;
      facts.push({ slug: article.slug, label, region: regionOfName(label), number });
    }
  }
  return facts;
}
