import type { Block, ParsedArticle, RichText, Section } from '../types.js';

/** Visits every block with its section and the block before it in that section. */
export function* blocksOf(article: ParsedArticle): Generator<{ section: Section; block: Block; index: number; previous: Block | undefined }> {
  for (const section of article.sections) {
    for (let index = 0; index < section.blocks.length; index++) {
      yield { section, block: section.blocks[index]!, index, previous: section.blocks[index - 1] };
    }
  }
}

/** Splits prose into sentences (at . ! ? followed by a capital, quote, link or bold). */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"“[(*`])/).map((s) => s.trim()).filter(Boolean);
}

/** Every line of text a block holds: paragraph, list items, table cells. */
export function textsOf(block: Block): RichText[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items;
    case 'table':
      return block.rows.flat();
    default:
      return [];
  }
}

/**
 * The bold label a line opens with, `**Azure:** …` or `**Azure**: …`, or null. In a list item it
 * names what every sentence of the item is about, not only the first one.
 */
export function leadingLabel(markdown: string): string | null {
  const match = /^\*\*([^*]+?)(:?)\s*\*\*(\s*:)?/.exec(markdown);
  return match && (match[2] || match[3]) ? match[1]!.trim() : null;
}

export function cloudOf(text: string): 'azure' | 'aws' | null {
  const lower = text.toLowerCase();
  const azure = /\bazure\b/.test(lower);
  const aws = /\baws\b|amazon web services/.test(lower);
  if (azure === aws) return null;
  return azure ? 'azure' : 'aws';
}
