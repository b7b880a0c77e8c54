import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Root } from 'mdast';
import { bracketSpacedDestinations } from './link-destinations.js';
import { separateStepsFromScreenshots } from './screenshot-breaks.js';

/**
 * GFM without its autolink-literal tokenizer, which tries every word for a URL or an email address
 * and made most of what GFM added to parsing the knowledge base. Bare `www.…`, `https://…` and
 * `name@example.com` still become links: `gfmFromMarkdown` also finds them in the parsed text (the
 * pass that catches the ones the tokenizer misses). The other GFM extensions cost little and stay,
 * so footnotes, task lists and strikethrough parse as before.
 */
const processor = unified()
  .use(remarkParse)
  .data('micromarkExtensions', [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()])
  .data('fromMarkdownExtensions', [gfmFromMarkdown()]);

/**
 * Markdown text → mdast (CommonMark + GFM tables, autolinks, strikethrough), after wrapping link
 * destinations that hold spaces in `<…>` so the article links written that way are links, and
 * after ending a screenshot's paragraph before the numbered step that follows it.
 */
export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(bracketSpacedDestinations(separateStepsFromScreenshots(text)))) as Root;
}
