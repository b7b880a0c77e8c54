import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParseJob, ParseOutcome } from './parse-outcome.js';
import { PARSE_PIPELINE_VERSION } from './parse-version.js';

/**
 * Parse outcomes on disk, so that a restart parses only the files that changed. An entry is named
 * by the sha256 of everything its outcome depends on: the pipeline version (parse-version.ts),
 * the file's path in the knowledge base (the slug, and a title when there is no other, come from
 * it) and the file's text. An entry therefore never goes stale: a changed file or pipeline looks
 * for another name. The cache only saves time: an entry that cannot be read or does not hold an
 * outcome for that file is parsed again, and a write that fails is counted, never thrown.
 */
export class ParseCache {
  private folderMade: Promise<unknown> | null = null;
  private failures = 0;
  private firstFailure = '';

  constructor(readonly dir: string) {}

  key(job: ParseJob): string {
    return createHash('sha256').update(PARSE_PIPELINE_VERSION).update('\0').update(job.file).update('\0').update(job.raw).digest('hex');
  }

  /** The stored outcome, or null: absent, unreadable, corrupt, or not for this file and version. */
  async read(key: string, file: string): Promise<ParseOutcome | null> {
    try {
      const entry = JSON.parse(await readFile(this.path(key), 'utf8')) as unknown;
      return isEntryFor(entry, file) ? entry.outcome : null;
    } catch {
      return null;
    }
  }

  /** Written under a temporary name and renamed, so a reader never sees half an entry. */
  async write(key: string, file: string, outcome: ParseOutcome): Promise<void> {
    const temporary = `${this.path(key)}.${randomUUID()}.tmp`;
    try {
      this.folderMade ??= mkdir(this.dir, { recursive: true });
      await this.folderMade;
      await writeFile(temporary, JSON.stringify({ version: PARSE_PIPELINE_VERSION, file, outcome } satisfies Entry));
      await rename(temporary, this.path(key));
    } catch (error) {
      if (this.failures++ === 0) this.firstFailure = error instanceof Error ? error.message : String(error);
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /** Writes that failed since the cache was made, with the first reason. */
  get writeFailures(): { count: number; reason: string } {
    return { count: this.failures, reason: this.firstFailure };
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}

interface Entry {
  version: string;
  file: string;
  outcome: ParseOutcome;
}

/** Checks the shape down to the blocks: enough to catch a truncated or foreign file without re-validating every string. */
function isEntryFor(value: unknown, file: string): value is Entry {
  if (!isRecord(value) || value.version !== PARSE_PIPELINE_VERSION || value.file !== file || !isRecord(value.outcome)) return false;
  const { outcome } = value;
  if (typeof outcome.error === 'string') return true;
  const article = outcome.article;
  return (
    isRecord(article) &&
    article.file === file &&
    typeof article.slug === 'string' &&
    isRecord(article.header) &&
    typeof article.header.title === 'string' &&
    Array.isArray(article.header.keywords) &&
    Array.isArray(article.links) &&
    Array.isArray(article.warnings) &&
    Array.isArray(article.sections) &&
    article.sections.every((section) =>
      isRecord(section) && typeof section.heading === 'string' && Array.isArray(section.trail) && Array.isArray(section.blocks) &&
      section.blocks.every((block) => isRecord(block) && ['paragraph', 'list', 'table', 'code'].includes(String(block.kind))))
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
