import { posix } from 'node:path';
import { stripConflictMarkers } from './conflict-markers.js';
import { readFrontMatter } from './front-matter.js';
import { parseMarkdown } from './markdown.js';
import { toSections } from './sections.js';
import type { ParsedArticle, Section } from './types.js';

export class UnreadableArticleError extends Error {}

/**
 * One article through the pipeline: header → body clean-up → mdast → sections.
 * Pure: text in, data out. `file` is the path relative to the knowledge base folder.
 */
export function parseArticle(raw: string, file: string): ParsedArticle {
  if (raw.includes('\u0000')) throw new UnreadableArticleError('binary content');
  const slug = posix.basename(file, posix.extname(file));
  const front = readFrontMatter(raw);
  const warnings = [...front.warnings];
  const { text: body, resolved } = stripConflictMarkers(front.body);
  if (resolved > 0) warnings.push(`${resolved} merge-conflict marker(s) removed`);

  const root = parseMarkdown(body);
  if (front.header.title === null && !titleFromBody(root.children) && !front.warnings.some((w) => w.includes('opening {{{'))) {
    // a README or listing kept beside the articles: nothing to title it by, nothing to cite
    throw new UnreadableArticleError('no header and no heading: not an article');
  }
  const provisionalTitle = front.header.title ?? titleFromBody(root.children) ?? titleFromSlug(slug);
  if (front.header.title === null) warnings.push(`title taken from ${titleFromBody(root.children) ? 'the first heading' : 'the file name'}`);
  const sections = toSections(root, provisionalTitle, file);

  return {
    slug,
    file,
    header: { ...front.header, title: provisionalTitle },
    sections,
    links: collectArticleLinks(sections),
    warnings,
  };
}

function titleFromBody(children: ReturnType<typeof parseMarkdown>['children']): string | null {
  const heading = children.find((node) => node.type === 'heading');
  if (!heading || heading.type !== 'heading') return null;
  const text = heading.children.map((child) => ('value' in child ? child.value : '')).join('').trim();
  return text || null;
}

function titleFromSlug(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function collectArticleLinks(sections: Section[]): string[] {
  const slugs = new Set<string>();
  const scan = (markdown: string): void => {
    for (const match of markdown.matchAll(/\]\(kb:([^)]+)\)/g)) slugs.add(match[1]!);
  };
  for (const section of sections) {
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') scan(block.text.markdown);
      else if (block.kind === 'list') block.items.forEach((item) => scan(item.markdown));
      else if (block.kind === 'table') block.rows.flat().forEach((cell) => scan(cell.markdown));
    }
  }
  return [...slugs];
}
