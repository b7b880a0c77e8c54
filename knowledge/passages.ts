import { sentences } from './facts/walk.js';
import type { ParsedArticle, RichText } from './types.js';

/**
 * The units the ranker scores. A passage is a short stretch of one section: a few paragraphs,
 * a list with the sentence that introduces it, or one table row. `units` are its sentences or
 * items, so an answer can be trimmed to the ones that answer the question.
 */
export interface Passage {
  id: number;
  slug: string;
  title: string;
  heading: string;
  trail: string[];
  units: RichText[];
  /** True when the units are list items that read best as a list. */
  listed: boolean;
  /** True when they are items of an ordered list: steps of a procedure. */
  ordered: boolean;
  /** How many units introduce the rest (a sentence ending in ":"). */
  lead: number;
  /** Passages cut from the same block share a group, so an answer shows only one of them. */
  group: number;
  /** True for one row of a table (its cells joined); the rows of a table share a group. */
  row: boolean;
}

/** A list item this long says something on its own and is also ranked alone. */
const ITEM_PASSAGE_WORDS = 8;

export function buildPassages(articles: readonly ParsedArticle[]): Passage[] {
  const passages: Passage[] = [];
  let group = 0;
  const add = (article: ParsedArticle, heading: string, trail: string[], units: RichText[], listed: boolean, lead = 0, ordered = false, row = false): void => {
    if (units.length === 0) return;
    passages.push({ id: passages.length, slug: article.slug, title: article.header.title, heading, trail, units, listed, ordered, lead, group, row });
  };
  for (const article of articles) {
    for (const section of article.sections) {
      section.blocks.forEach((block, index) => {
        group++;
        const next = section.blocks[index + 1];
        const previous = section.blocks[index - 1];
        if (block.kind === 'paragraph') {
          // "…the following:" is ranked with the list after it
          if (next?.kind === 'list' && /:\s*$/.test(block.text.plain)) return;
          add(article, section.heading, section.trail, splitSentences(block.text), false);
        } else if (block.kind === 'list') {
          const intro = previous?.kind === 'paragraph' && /:\s*$/.test(previous.text.plain) ? [previous.text] : [];
          add(article, section.heading, section.trail, [...intro, ...block.items], true, intro.length, block.ordered);
          // a long item (a feature, a step with its explanation) can answer a question by itself
          for (const item of block.items) {
            if (item.plain.split(/\s+/).length >= ITEM_PASSAGE_WORDS) add(article, section.heading, section.trail, [...intro, item], true, intro.length, block.ordered);
          }
        } else if (block.kind === 'table') {
          for (const row of block.rows) {
            const cells = row.map((cell, i) => labelCell(block.header[i], cell)).filter((cell) => cell.plain);
            add(article, section.heading, section.trail, [joinCells(cells)], false, 0, false, true);
          }
        }
      });
    }
  }
  return passages;
}
function splitSentences(text: RichText): RichText[] {
  const markdown = sentences(text.markdown);
  const plain = sentences(text.plain);
  // the two splits agree unless link markup moved a boundary; then keep the paragraph whole
  if (markdown.length !== plain.length) return [text];
  return markdown.map((m, i) => ({ markdown: m, plain: plain[i]! }));
}

/** Column labels are shown to the reader but not searched: repeated in every row, they would drown the row's own words. */
function labelCell(header: string | undefined, cell: RichText): RichText {
  if (!cell.plain || !header) return cell;
  return { markdown: `${header}: ${cell.markdown}`, plain: cell.plain };
}

function joinCells(cells: RichText[]): RichText {
  return { markdown: cells.map((c) => c.markdown).join(' — '), plain: cells.map((c) => c.plain).join(' — ') };
}
