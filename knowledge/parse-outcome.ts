import { parseArticle } from './parse-article.js';
import type { ParsedArticle } from './types.js';

/** One file to parse: its text and its path relative to the knowledge base folder. */
export interface ParseJob {
  raw: string;
  file: string;
}

/**
 * What parsing one file gives, as plain data: an article, or why the file is not one. Plain data
 * because outcomes cross thread boundaries (parse-pool.ts) and are stored on disk (parse-cache.ts).
 */
export type ParseOutcome = { article: ParsedArticle } | { error: string };

export function parseOutcome(job: ParseJob): ParseOutcome {
  try {
    return { article: parseArticle(job.raw, job.file) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
