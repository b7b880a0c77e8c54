import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArticle } from './parse-article.js';
import type { ParsedArticle } from './types.js';

export interface KnowledgeLogger {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

/** Larger than any real article by far; a bigger `.md` is a mistake (an export, a dump). */
const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * Reads every `.md` under a folder, recursively. An article with a broken header is still
 * loaded (with a warning naming the file); one that cannot be read at all is skipped with a
 * warning. When two files share a name (an older and a newer copy of one article), the one
 * with the newer header date is kept.
 */
export async function loadArticles(dir: string, logger: KnowledgeLogger): Promise<ParsedArticle[]> {
  const files = (await listMarkdown(dir)).sort();
  const bySlug = new Map<string, ParsedArticle>();
  for (const path of files) {
    const file = relative(dir, path).split(sep).join('/');
    let article: ParsedArticle;
    try {
      const info = await stat(path);
      if (info.size > MAX_ARTICLE_BYTES) throw new Error(`larger than ${MAX_ARTICLE_BYTES} bytes`);
      article = parseArticle(await readFile(path, 'utf8'), file);
    } catch (error) {
      logger.warn({ file, reason: error instanceof Error ? error.message : String(error) }, 'article skipped: it cannot be read');
      continue;
    }
    for (const warning of article.warnings) logger.warn({ file, warning }, 'article loaded with a problem');
    const other = bySlug.get(article.slug);
    if (!other || isNewer(article, other)) {
      if (other) logger.info({ kept: article.file, replaced: other.file }, 'two articles share a name: the newer one answers');
      bySlug.set(article.slug, article);
    } else {
      logger.info({ kept: other.file, replaced: article.file }, 'two articles share a name: the newer one answers');
    }
  }
  return [...bySlug.values()];
}

/** Newer header date wins; an article with a date beats one without; ties keep the first. */
function isNewer(candidate: ParsedArticle, current: ParsedArticle): boolean {
  const a = candidate.header.date;
  const b = current.header.date;
  if (a && b) return a > b;
  return a !== null && b === null;
}

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listMarkdown(path);
      return entry.isFile() && entry.name.toLowerCase().endsWith('.md') ? [path] : [];
    }),
  );
  return nested.flat();
}
