import matter from 'gray-matter';
import { z } from 'zod';
import { normaliseDate } from './dates.js';
import type { ArticleHeader } from './types.js';

/**
 * Reads the `{{{ … }}}` header: the outer braces are delimiters around the inner lines of a JSON
 * object. Real articles break this in a few known ways, repaired here before gray-matter sees them:
 * the first key written on the `{{{` line, and the opening `{{{` (with the title) missing.
 */
const headerSchema = z.object({
  title: z.string().trim().min(1),
  date: z.string().optional(),
  author: z.string().optional(),
  attachments: z.array(z.unknown()).optional(),
  contentIsHTML: z.boolean().optional(),
  keywords: z.array(z.string()).optional(),
}).passthrough();

export interface FrontMatterResult {
  /** Header fields that could be read; `title` is null when it must come from the body. */
  header: Omit<ArticleHeader, 'title'> & { title: string | null };
  body: string;
  warnings: string[];
}

const OPEN = '{{{';
const CLOSE = '}}}';
const HEADER_SEARCH_LINES = 30;

export function readFrontMatter(raw: string): FrontMatterResult {
  const warnings: string[] = [];
  const text = repairHeader(raw.replace(/^\uFEFF/, ''), warnings);
  if (!text.startsWith(OPEN)) {
    return { header: emptyHeader(), body: text, warnings: [...warnings, 'no {{{ }}} header'] };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {
      delimiters: [OPEN, CLOSE],
      language: 'json',
      engines: { json: (inner: string) => JSON.parse(`{${inner}}`) as object },
    });
  } catch (error) {
    const body = text.slice(closingIndex(text));
    return { header: salvageHeader(text.slice(0, closingIndex(text))), body, warnings: [...warnings, `header is not valid JSON (${shortMessage(error)})`] };
  }
  const result = headerSchema.safeParse(parsed.data);
  if (!result.success) {
    const issue = result.error.issues[0];
    warnings.push(`header field ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`);
    return { header: salvageHeader(text.slice(0, closingIndex(text))), body: parsed.content, warnings };
  }
  const data = result.data;
  const date = normaliseDate(data.date);
  if (data.date !== undefined && date === null) warnings.push(`header date "${data.date}" is not a date`);
  return {
    header: { title: data.title, date, author: data.author ?? '', keywords: data.keywords ?? [] },
    body: parsed.content,
    warnings,
  };
}

/** Puts a header back into the shape gray-matter reads: `{{{` alone on the first line. */
function repairHeader(text: string, warnings: string[]): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (firstLine.startsWith(OPEN) && firstLine.trim() !== OPEN) {
    return `${OPEN}\n${text.slice(OPEN.length).replace(/^[ \t]+/, '')}`;
  }
  if (!firstLine.startsWith(OPEN)) {
    const lines = text.split('\n');
    const close = lines.slice(0, HEADER_SEARCH_LINES).findIndex((line) => line.trim() === CLOSE);
    const looksLikeKeys = close > 0 && lines.slice(0, close).every((line) => /^\s*("[^"]+"\s*:|$)/.test(line));
    if (looksLikeKeys) {
      warnings.push('header is missing its opening {{{');
      return `${OPEN}\n${text}`;
    }
  }
  return text;
}

function closingIndex(text: string): number {
  const at = text.indexOf(`\n${CLOSE}`);
  return at < 0 ? 0 : at + CLOSE.length + 1;
}

/** Takes what it can from a header that is not valid JSON: `"key": "value"` pairs, one per line. */
function salvageHeader(headerText: string): FrontMatterResult['header'] {
  const field = (name: string): string | undefined => {
    const raw = new RegExp(`"${name}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(headerText)?.[1];
    return raw === undefined ? undefined : unescapeJsonString(raw);
  };
  return { title: field('title')?.trim() || null, date: normaliseDate(field('date')), author: field('author') ?? '', keywords: [] };
}

/**
 * The text between the quotes of a JSON string, with its escapes (`\"`, `\\`, `\u00e9`…) read as
 * JSON reads them; a broken escape (the header is broken already) just loses its backslash.
 */
function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw.replace(/\\(.)/g, '$1');
  }
}

function emptyHeader(): FrontMatterResult['header'] {
  return { title: null, date: null, author: '', keywords: [] };
}

function shortMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : String(error);
}
