import type { Block, ParsedArticle } from '../types.js';
import type { ScopeFact } from './types.js';
import { cloudOf } from './walk.js';

/**
 * Support scope of an article that defines one: a table cell reading `IN SCOPE: … OUTSIDE
 * SCOPE: a, b, c and d. Further conditions`, and the list of in-scope items in a section whose
 * heading names the scope. The cloud comes from the article title (or the definition).
 */
export function extractScope(article: ParsedArticle): ScopeFact | null {
  let cell: string | null = null;
  let definition: string | null = null;
  let tableSection = -1;
  article.sections.forEach((section, index) => {
    for (const block of section.blocks) {
      if (block.kind !== 'table' || cell) continue;
      for (const row of block.rows) {
        const found = row.findIndex((c) => /outside\s+(of\s+)?scope\s*:/i.test(c.plain));
        if (found >= 0) {
          cell = row[found]!.plain;
          definition = row.length > 1 && found > 0 ? row[found - 1]!.plain : null;
          tableSection = index;
        }
      }
    }
  });
  if (cell === null) return null;
  const cloud = cloudOf(article.header.title) ?? cloudOf(definition ?? '');
  if (!cloud) return null;

  const { items: outOfScope, note } = parseOutsideScope(cell);
  const inScope = findInScopeList(article, tableSection);
  return {
    slug: article.slug,
    cloud,
    inScope,
    outOfScope,
    outOfScopeNote: note,
    definition,
    managedServices: findManagedServices(article, tableSection),
  };
}

/** "OUTSIDE SCOPE: A, B and C, D and E. Also X" → [A, B and C, D, E] and note "Also X". */
export function parseOutsideScope(cell: string): { items: string[]; note: string | null } {
  const after = cell.replace(/^[\s\S]*?outside\s+(of\s+)?scope\s*:\s*/i, '');
  const stop = after.search(/\.(\s|$)/);
  const list = stop >= 0 ? after.slice(0, stop) : after;
  const note = stop >= 0 ? after.slice(stop + 1).trim() || null : null;
  const parts = list.split(',').map((p) => p.trim()).filter(Boolean);
  // only the last element's "and" joins the list ("A, B and C, D and E": D and E are two items)
  const last = parts.pop();
  if (last !== undefined) parts.push(...(parts.length > 0 ? last.split(/\s+and\s+/) : [last]));
  return { items: parts.map((p) => p.replace(/^(and|or)\s+/i, '').trim()).filter(Boolean), note };
}

function findInScopeList(article: ParsedArticle, fromSection: number): string[] {
  for (const section of article.sections.slice(fromSection)) {
    const namesScope = /scope/i.test(section.heading) && !/outside|out of/i.test(section.heading);
    const list = section.blocks.find((b): b is Block & { kind: 'list' } => b.kind === 'list');
    if (namesScope && list && section !== article.sections[fromSection]) return list.items.map((i) => i.plain);
  }
  return [];
}

function findManagedServices(article: ParsedArticle, fromSection: number): string | null {
  for (const section of article.sections.slice(fromSection, fromSection + 2)) {
    for (const block of section.blocks) {
      if (block.kind === 'paragraph' && /managed services/i.test(block.text.plain)) return block.text.markdown;
    }
  }
  return null;
}
