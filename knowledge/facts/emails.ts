import type { ParsedArticle } from '../types.js';
import type { EmailFact } from './types.js';
import { blocksOf, sentences, textsOf } from './walk.js';

const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Every e-mail address an article shows, with the sentence that says what it is for. */
export function extractEmails(article: ParsedArticle): EmailFact[] {
  const facts: EmailFact[] = [];
  const seen = new Set<string>();
  for (const { block } of blocksOf(article)) {
    for (const text of textsOf(block)) {
      // every address shows an '@', in its text or its mailto: link; most text has none, and
      // skipping it saves splitting sentences and running the address pattern over it
      if (!text.markdown.includes('@')) continue;
      const markdownSentences = sentences(text.markdown);
      for (const sentence of markdownSentences) {
        const visible = sentence.replace(/\]\(mailto:[^)]*\)/g, ']');
        const addresses = new Set([...(visible.match(ADDRESS) ?? []), ...mailtoOnlyLinks(sentence)]);
        for (const address of addresses) {
          const key = address.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
          const plain = sentence.replace(/\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, href: string) =>
            href.startsWith('mailto:') && !label.includes('@') ? `${label} (${href.slice(7)})` : label);
          facts.push({ slug: article.slug, address, purpose: sentence, purposePlain: plain.replace(/[*`]/g, '') });
        }
      }
    }
  }
  return facts;
}

/** `[support team](mailto:x@y)`: the address is only in the link target. */
function mailtoOnlyLinks(sentence: string): string[] {
  return [...sentence.matchAll(/\[([^\]]*)\]\(mailto:([^)?]+)[^)]*\)/g)]
    .filter((m) => !m[1]!.includes('@'))
    .map((m) => m[2]!);
}
