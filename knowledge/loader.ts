import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { listMarkdown } from './list-markdown.js';
import { mapLimit } from './map-limit.js';
import { ParseCache } from './parse-cache.js';
import type { ParseJob, ParseOutcome } from './parse-outcome.js';
import { parseAll, poolSizeFor } from './parse-pool.js';
import type { ParsedArticle } from './types.js';

export interface KnowledgeLogger {
  warn(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

export interface LoadOptions {
  /** Folder of the parse cache (parse-cache.ts); without it every file is parsed. */
  cacheDir?: string;
  /** Worker threads that parse; by default one per core when there is enough to parse (parse-pool.ts), 0 for none. */
  parseThreads?: number;
}

/** Larger than any real article by far; a bigger `.md` is a mistake (an export, a dump). */
const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
/** Files read (and cache entries read or written) at once. */
const IO_CONCURRENCY = 32;

/**
 * Reads every `.md` under a folder, recursively, following symbolic links. An article with a
 * broken header is still loaded (with a warning naming the file); one that cannot be read at all
 * is skipped with a warning. When two files share a name (an older and a newer copy of one
 * article), the one with the newer header date is kept. Files found in the cache are not parsed
 * again; the others are parsed in worker threads when there are enough of them. The result is the
 * same whichever way an article was parsed.
 */
export async function loadArticles(dir: string, logger: KnowledgeLogger, options: LoadOptions = {}): Promise<ParsedArticle[]> {
  const files = await listMarkdown(dir, logger);
  const read = await mapLimit(files, IO_CONCURRENCY, (path) => readArticle(relative(dir, path).split(sep).join('/'), path));
  const jobs = read.filter((entry): entry is ParseJob => 'raw' in entry);
  const outcomes = await parseWithCache(jobs, logger, options);

  const bySlug = new Map<string, ParsedArticle>();
  let next = 0;
  for (const entry of read) {
    const outcome: ParseOutcome = 'raw' in entry ? outcomes[next++]! : entry;
    if ('error' in outcome) {
      logger.warn({ file: entry.file, reason: outcome.error }, 'article skipped: it cannot be read');
      continue;
    }
    const { article } = outcome;
    for (const warning of article.warnings) logger.warn({ file: article.file, warning }, 'article loaded with a problem');
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

async function readArticle(file: string, path: string): Promise<ParseJob | { file: string; error: string }> {
  try {
    const info = await stat(path);
    if (info.size > MAX_ARTICLE_BYTES) throw new Error(`larger than ${MAX_ARTICLE_BYTES} bytes`);
    return { file, raw: await readFile(path, 'utf8') };
  } catch (error) {
    return { file, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Outcomes in the jobs' order: from the cache where it has them, parsed (and then stored) otherwise. */
async function parseWithCache(jobs: readonly ParseJob[], logger: KnowledgeLogger, options: LoadOptions): Promise<ParseOutcome[]> {
  const onWorkerLost = (reason: string): void => logger.warn({ reason }, 'a parse worker stopped: its articles are parsed by the other workers, or by this thread');
  if (options.cacheDir === undefined) return parseAll(jobs, options.parseThreads ?? poolSizeFor(jobs), onWorkerLost);

  const cache = new ParseCache(options.cacheDir);
  const keys = jobs.map((job) => cache.key(job));
  const outcomes = await mapLimit(jobs, IO_CONCURRENCY, (job, index) => cache.read(keys[index]!, job.file));
  const missing = outcomes.flatMap((outcome, index) => (outcome === null ? [index] : []));
  const toParse = missing.map((index) => jobs[index]!);
  const parsed = await parseAll(toParse, options.parseThreads ?? poolSizeFor(toParse), onWorkerLost);
  missing.forEach((index, at) => {
    outcomes[index] = parsed[at]!;
  });
  await mapLimit(missing, IO_CONCURRENCY, (index, at) => cache.write(keys[index]!, jobs[index]!.file, parsed[at]!));
  const failed = cache.writeFailures;
  if (failed.count > 0) {
    logger.warn({ cacheDir: options.cacheDir, entries: failed.count, reason: failed.reason }, 'parse cache not written: the articles are loaded and will be parsed again next time');
  }
  return outcomes as ParseOutcome[];
}

/** Newer header date wins; an article with a date beats one without; ties keep the first. */
function isNewer(candidate: ParsedArticle, current: ParsedArticle): boolean {
  const a = candidate.header.date;
  const b = current.header.date;
  if (a && b) return a > b;
  return a !== null && b === null;
}
