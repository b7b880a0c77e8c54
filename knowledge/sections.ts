import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { htmlToText, inlineText } from './inline-text.js';
import { parseMarkdown } from './markdown.js';
import type { Block, RichText, Section } from './types.js';

/**
 * mdast → sections. A section starts at every heading and at every bold pseudo-heading (a
 * paragraph that is nothing but bold text, such as `**Scope of Support**`), which real articles
 * use as often as real headings. Lists, tables and paragraphs become blocks of their section.
 *
 * A pseudo-heading nests under the last real heading but is never the parent of anything: its
 * level is unknown (`**In this article:**` before the first `###`, `**Availability**` between
 * two `###`), so a later real heading takes its trail from the real headings only.
 */
export function toSections(root: Root, articleTitle: string, articleFile: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { heading: articleTitle, trail: [], blocks: [] };
  // real heading text per depth (holes where a level is skipped), so each section knows the headings above it
  const open: string[] = [];

  const startSection = (heading: string, trail: string[]): void => {
    if (current.blocks.length > 0) sections.push(current);
    current = { heading, trail, blocks: [] };
  };

  for (const node of root.children) {
    if (node.type === 'heading') {
      const heading = plainOf(node);
      open.length = Math.min(open.length, node.depth - 1);
      const trail = open.filter(Boolean);
      open[node.depth - 1] = heading;
      startSection(heading, trail);
      continue;
    }
    const pseudo = pseudoHeading(node);
    if (pseudo) {
      startSection(pseudo, open.filter(Boolean));
      continue;
    }
    for (const block of toBlocks(node, articleFile)) {
      const last = current.blocks[current.blocks.length - 1];
      if (continuesList(last, block)) last.items.push(...(block as Block & { kind: 'list' }).items);
      else current.blocks.push(block);
    }
  }
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/**
 * An ordered list interrupted by a screenshot that is not indented enough ends there in
 * CommonMark; the next list starts at the following number. Those pieces are one procedure.
 */
function continuesList(last: Block | undefined, block: Block): last is Block & { kind: 'list' } {
  return last?.kind === 'list' && block.kind === 'list' && last.ordered && block.ordered && block.start === last.start + last.items.length;
}

function plainOf(node: Heading): string {
  return toString(node).replace(/\s+/g, ' ').trim();
}

/** `**Scope of Support**` or `**Availability:**` alone in a paragraph. */
function pseudoHeading(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const children = node.children.filter((child) => !(child.type === 'text' && /^[\s:]*$/.test(child.value)));
  if (children.length !== 1 || children[0]!.type !== 'strong') return null;
  const text = toString(children[0]).replace(/\s+/g, ' ').replace(/:\s*$/, '').trim();
  return text.length > 0 && text.length <= 80 ? text : null;
}

function toBlocks(node: RootContent, articleFile: string): Block[] {
  switch (node.type) {
    case 'paragraph':
      return paragraphBlocks(node, articleFile);
    case 'list':
      return [listBlock(node, articleFile)];
    case 'table':
      return [tableBlock(node, articleFile)];
    case 'code':
      return codeBlocks(node.value, articleFile);
    case 'html': {
      const text = htmlToText(node.value).replace(/\s+/g, ' ').trim();
      return text ? [{ kind: 'paragraph', text: { markdown: text, plain: text } }] : [];
    }
    case 'blockquote':
      return node.children.flatMap((child) => toBlocks(child, articleFile));
    default:
      return [];
  }
}

function paragraphBlocks(node: Paragraph, articleFile: string): Block[] {
  const text = inlineText(node.children, articleFile);
  return text.plain ? [{ kind: 'paragraph', text }] : [];
}

function listBlock(node: List, articleFile: string): Block {
  return { kind: 'list', ordered: node.ordered === true, start: node.start ?? 1, items: node.children.map((item) => listItemText(item, articleFile)).filter((t) => t.plain) };
}

/** A list item's paragraphs joined; a nested list is folded into the item as `a; b; c`. */
function listItemText(item: ListItem, articleFile: string): RichText {
  const parts: RichText[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph') parts.push(inlineText(child.children, articleFile));
    else if (child.type === 'list') {
      const nested = child.children.map((nestedItem) => listItemText(nestedItem, articleFile)).filter((t) => t.plain);
      if (nested.length) parts.push({ markdown: nested.map((t) => t.markdown).join('; '), plain: nested.map((t) => t.plain).join('; ') });
    } else if (child.type === 'code') {
      parts.push({ markdown: `\`${child.value.trim()}\``, plain: child.value.trim() });
    } else if (child.type === 'html') {
      const text = htmlToText(child.value).trim();
      if (text) parts.push({ markdown: text, plain: text });
    } else if (child.type === 'table') {
      const table = tableBlock(child, articleFile);
      const rows = table.rows.map((row) => row.map((cell) => cell.plain).join(' | ')).join('; ');
      parts.push({ markdown: rows, plain: rows });
    }
  }
  return { markdown: parts.map((p) => p.markdown).join(' ').trim(), plain: parts.map((p) => p.plain).join(' ').trim() };
}

function tableBlock(node: Table, articleFile: string): Block & { kind: 'table' } {
  const [head, ...body] = node.children;
  const header = head ? head.children.map((cell) => inlineText(cell.children, articleFile).plain) : [];
  return { kind: 'table', header, rows: body.map((row) => row.children.map((cell) => inlineText(cell.children, articleFile))) };
}

/**
 * Indented four spaces or more, a table becomes a code block in CommonMark. When the code block
 * is shaped like a table (pipes on every line, a delimiter row) it is read again as a table.
 */
function codeBlocks(value: string, articleFile: string): Block[] {
  const lines = value.split('\n').filter((line) => line.trim());
  const looksLikeTable = lines.length >= 2 && lines.every((line) => line.includes('|')) && lines.some((line) => /^\s*\|?\s*:?-{3,}/.test(line));
  if (!looksLikeTable) return value.trim() ? [{ kind: 'code', text: value }] : [];
  const dedented = lines.map((line) => line.trim()).join('\n');
  return parseMarkdown(dedented).children.flatMap((child) => toBlocks(child, articleFile));
}
