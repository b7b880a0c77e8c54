import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { bracketSpacedDestinations } from './link-destinations.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Markdown text → mdast (CommonMark + GFM tables, autolinks, strikethrough), after wrapping link
 * destinations that hold spaces in `<…>` so the article links written that way are links.
 */
export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(bracketSpacedDestinations(text))) as Root;
}
