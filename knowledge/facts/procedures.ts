import type { Block, ParsedArticle, RichText } from '../types.js';
import type { ProcedureFact } from './types.js';

const MIN_STEPS = 3;

/**
 * Ordered lists of three or more items are procedures. The paragraph before says what they
 * do; a paragraph and list after them in the same section say what happens once they are done.
 */
export function extractProcedures(article: ParsedArticle): ProcedureFact[] {
  const facts: ProcedureFact[] = [];
  for (const section of article.sections) {
    section.blocks.forEach((block, index) => {
      if (block.kind !== 'list' || !block.ordered || block.items.length < MIN_STEPS) return;
      // the paragraphs before the steps say what they are for (often an intro, then a note)
      const before = section.blocks.slice(0, index).filter((b): b is Block & { kind: 'paragraph' } => b.kind === 'paragraph').slice(-2);
      const outcome: RichText[] = [];
      for (const next of section.blocks.slice(index + 1, index + 3)) {
        if (next.kind === 'paragraph') outcome.push(next.text);
        else if (next.kind === 'list' && !next.ordered) outcome.push(...next.items);
        else break;
      }
      facts.push({
        slug: article.slug,
        heading: section.heading,
        intro: before.length ? { markdown: before.map((b) => b.text.markdown).join('\n\n'), plain: before.map((b) => b.text.plain).join(' ') } : null,
        steps: block.items,
        outcome,
      });
    });
  }
  return facts;
}

