import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { bracketSpacedDestinations } from './link-destinations.js';
import { separateStepsFromScreenshots } from './screenshot-breaks.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Markdown text → mdast (CommonMark + GFM tables, autolinks, strikethrough), after wrapping link
 * destinations that hold spaces in `<…>` so the article links written that way are links, and
 * after ending a screenshot's paragraph before the numbered step that follows it.
 */
export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(bracketSpacedDestinations(separateStepsFromScreenshots(text)))) as Root;
}
